/**
 * Test helpers for code that receives SMS webhooks: the providers' documented samples, factories
 * for valid payloads with fresh ids, and builders of correctly signed Web `Request`s. Runs on every
 * runtime (Web APIs only).
 *
 * @example
 * ```ts
 * import { createTextRequestPayload, createTextRequestRequest } from 'sms-webhooks/testing';
 * import { POST } from './app/api/sms/route';
 *
 * test('stores an inbound text', async () => {
 *   const payload = createTextRequestPayload('message_received', { conversation: { message: 'Hi' } });
 *   const response = await POST(await createTextRequestRequest({ payload, apiKey: 'test-api-key' }));
 *   expect(response.status).toBe(200);
 * });
 * ```
 *
 * @module sms-webhooks/testing
 */
export {
  type CreateWebhookRequestOptions,
  createWebhookRequest,
  type WebhookRequestOptions,
} from './create-webhook-request.js';
export {
  fixtureList,
  fixtures,
  type SmsWebhookFixture,
  type SmsWebhookFixtures,
  type TelmetricsFixtures,
  type TextLinkFixtures,
  type TextRequestFixtures,
} from './fixtures.js';
export type { PayloadOverrides } from './payload-overrides.js';
export {
  type CreateTelmetricsRequestOptions,
  createTelmetricsPayload,
  createTelmetricsRequest,
  type SignTelmetricsBodyOptions,
  signTelmetricsBody,
  type TelmetricsConversationStartPayload,
  type TelmetricsNotifications,
  type TelmetricsPayloadKind,
  type TelmetricsPayloadOverrides,
  type TelmetricsPayloads,
  telmetricsPayloadKinds,
} from './telmetrics.js';
export {
  type CreateTextLinkRequestOptions,
  createTextLinkPayload,
  createTextLinkRequest,
} from './textlink.js';
export {
  type CreateTextRequestRequestOptions,
  createTextRequestPayload,
  createTextRequestRequest,
  type SignTextRequestBodyOptions,
  signTextRequestBody,
  type TextRequestPayloadKind,
  type TextRequestPayloads,
  textRequestPayloadKinds,
} from './textrequest.js';

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

// Each provider's own helpers, under their own names.
export {
  type CreateTelmetricsRequestOptions,
  createTelmetricsPayload,
  createTelmetricsRequest,
  type SignTelmetricsBodyOptions,
  signTelmetricsBody,
  type TelmetricsConversationStartPayload,
  type TelmetricsFixtures,
  type TelmetricsNotifications,
  type TelmetricsPayloadKind,
  type TelmetricsPayloadOverrides,
  type TelmetricsPayloads,
  telmetricsPayloadKinds,
  telmetricsTesting,
} from '../providers/telmetrics/testing.js';
export {
  type CreateTextLinkRequestOptions,
  createTextLinkPayload,
  createTextLinkRequest,
  type TextLinkFixture,
  type TextLinkFixtures,
  textLinkTesting,
} from '../providers/textlink/testing.js';
export {
  type CreateTextRequestRequestOptions,
  createTextRequestPayload,
  createTextRequestRequest,
  type SignTextRequestBodyOptions,
  signTextRequestBody,
  type TextRequestFixtures,
  type TextRequestPayloadKind,
  type TextRequestPayloads,
  type TextRequestWebhookRequestOptions,
  textRequestPayloadKinds,
  textRequestTesting,
} from '../providers/textrequest/testing.js';
export type {
  ProviderFixture,
  ProviderSendOptions,
  ProviderTestingDefinition,
} from '../providers/types.js';
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
} from './fixtures.js';
export type { PayloadOverrides } from './payload-overrides.js';
export {
  getTestingKit,
  type ProviderTestingKits,
  type RegisteredTesting,
  type TestingOf,
  testingKits,
} from './registry.js';

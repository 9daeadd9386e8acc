/**
 * Text Request webhooks: the "message sent", "message received" and "new contact is created"
 * bodies as valibot schemas, their normalized events, the `x-tr-webhook-signature` check, and a
 * client for the v3 API's web hook management (`createTextRequestClient`).
 *
 * @module sms-webhooks/textrequest
 */
import { decodeBody } from '../../decode-body.js';
import type { SmsWebhookError } from '../../errors/SmsWebhookError.js';
import { isJsonObject } from '../../is-json-object.js';
import { safeParseWith, validatePayload } from '../../validate.js';
import type { ProviderDefinition } from '../types.js';
import { normalizeTextRequestWebhook, type TextRequestEvent } from './normalize.js';
import {
  TextRequestContactCreatedSchema,
  TextRequestMessageSchema,
  type TextRequestWebhook,
} from './schema.js';
import { TEXT_REQUEST_HMAC_SCHEME, verifyTextRequestRequest } from './verify.js';

export {
  createTextRequestClient,
  TEXT_REQUEST_API_BASE_URL,
  type TextRequestAllHooksOptions,
  type TextRequestCallOptions,
  type TextRequestClient,
  type TextRequestClientOptions,
  type TextRequestEventName,
  type TextRequestHook,
  type TextRequestHookEvent,
  type TextRequestHookPage,
  type TextRequestHookVerb,
  type TextRequestListHooksOptions,
  type TextRequestNewHook,
  textRequestHookEvents,
  textRequestHookVerbs,
} from './client/create-client.js';
export type { TextRequestFetch } from './client/send-request.js';
export {
  isTextRequestApiError,
  TextRequestApiError,
  type TextRequestApiErrorCode,
  type TextRequestApiErrorOptions,
} from './client/TextRequestApiError.js';
export {
  isTextRequestMessage,
  normalizeTextRequestContactCreated,
  normalizeTextRequestMessage,
  normalizeTextRequestWebhook,
  type TextRequestContactCreatedEvent,
  type TextRequestEvent,
  type TextRequestMessageEvent,
} from './normalize.js';
export {
  type TextRequestAccount,
  TextRequestAccountSchema,
  type TextRequestClaimedBy,
  TextRequestClaimedBySchema,
  type TextRequestContactCreated,
  TextRequestContactCreatedSchema,
  type TextRequestConversation,
  TextRequestConversationSchema,
  type TextRequestMessage,
  TextRequestMessageSchema,
  type TextRequestMmsAttachment,
  TextRequestMmsAttachmentSchema,
  type TextRequestPhoneNumber,
  TextRequestPhoneNumberSchema,
  type TextRequestWebhook,
  TextRequestWebhookSchema,
} from './schema.js';
export {
  TEXT_REQUEST_DEFAULT_TOLERANCE_SECONDS,
  TEXT_REQUEST_HMAC_SCHEME,
  TEXT_REQUEST_SIGNATURE_HEADER,
  TEXT_REQUEST_TIMESTAMP_HEADER,
  type VerifyTextRequestSignatureOptions,
  verifyTextRequestRequest,
  verifyTextRequestSignature,
} from './verify.js';

/** The result of {@link safeParseTextRequestWebhook}: the typed body, or the error that explains why not. */
export type SafeParseTextRequestWebhookResult =
  | {
      /** The body was valid. */
      readonly success: true;
      /** The validated body, unknown fields kept. */
      readonly output: TextRequestWebhook;
    }
  | {
      /** The body was not valid. */
      readonly success: false;
      /** Why, with the failing fields. */
      readonly error: SmsWebhookError;
    };

/**
 * Checks a Text Request webhook body against the message or contact-created schema and returns it typed.
 *
 * `body` is the parsed JSON, or the raw body as a `string` or `Uint8Array`.
 *
 * @throws {SmsWebhookError} `invalid_json` or `invalid_payload`, naming each failing field.
 * @example
 * ```ts
 * const payload = parseTextRequestWebhook(req.body);
 * if (isTextRequestMessage(payload)) console.log(payload.conversation.message);
 * ```
 */
export function parseTextRequestWebhook(body: unknown): TextRequestWebhook {
  const value = decodeBody(body, 'textrequest');
  // The body does not name its kind; the contact body's PascalCase keys tell the two apart.
  return looksLikeContactCreated(value)
    ? validatePayload(TextRequestContactCreatedSchema, value, 'textrequest')
    : validatePayload(TextRequestMessageSchema, value, 'textrequest');
}

/**
 * Like {@link parseTextRequestWebhook}, but returns `{ success, … }` instead of throwing, whatever it is given.
 *
 * @example
 * ```ts
 * const result = safeParseTextRequestWebhook(rawBody);
 * if (!result.success) console.warn(result.error.issues);
 * ```
 */
export function safeParseTextRequestWebhook(body: unknown): SafeParseTextRequestWebhookResult {
  return safeParseWith('textrequest', () => parseTextRequestWebhook(body));
}

/**
 * Text Request: message sent / received and contact created webhooks, signed with
 * `x-tr-webhook-signature` (HMAC-SHA256 of the raw body, keyed with the account's API key).
 */
export const textRequestProvider: ProviderDefinition<
  'textrequest',
  never,
  typeof TEXT_REQUEST_HMAC_SCHEME,
  TextRequestEvent
> = {
  id: 'textrequest',
  name: 'Text Request',
  kinds: [],
  verificationSchemes: [TEXT_REQUEST_HMAC_SCHEME],
  detect: detectTextRequest,
  parse(body: unknown): TextRequestEvent[] {
    return normalizeTextRequestWebhook(parseTextRequestWebhook(body));
  },
  verify: verifyTextRequestRequest,
};

function detectTextRequest(body: unknown): boolean {
  try {
    if (!isJsonObject(body)) return false;
    return (
      (isJsonObject(body.conversation) && isJsonObject(body.yourPhoneNumber)) ||
      (Object.hasOwn(body, 'ContactId') && Object.hasOwn(body, 'LocationPhoneNumber'))
    );
  } catch {
    return false;
  }
}

function looksLikeContactCreated(value: unknown): boolean {
  if (!isJsonObject(value)) return false;
  const hasContactKey = ['ContactId', 'LocationPhoneNumber', 'ContactPhoneNumber'].some((key) =>
    Object.hasOwn(value, key),
  );
  const hasMessageKey = ['account', 'yourPhoneNumber', 'conversation'].some((key) =>
    Object.hasOwn(value, key),
  );
  return hasContactKey && !hasMessageKey;
}

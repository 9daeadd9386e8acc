/**
 * Text Request webhooks: every body Text Request sends as a valibot schema, its normalized event,
 * the `x-tr-webhook-signature` check, and a client for the v3 API's web hook management
 * (`createTextRequestClient`).
 *
 * | body | webhook event or callback | event |
 * |---|---|---|
 * | message | `msg_sent`, `msg_received` | `message.sent`, `message.received` |
 * | contact created | `contact_created` | `contact.created` |
 * | contact updated | `contact_updated` | `contact.updated` |
 * | message status | `msg_status_updated`, `status_callback` of `POST /messages` | `message.failed` (`failed`, `undelivered`, `error`), else `message.status` |
 * | location | `location_received`, `location_callback` of `POST /messages` | `location.received` |
 * | payment | `payment_status_updated` | `payment.updated` |
 *
 * No body names its kind; {@link inferTextRequestBodyKind} tells them apart by their fields.
 *
 * @module sms-webhooks/textrequest
 */
import { decodeJsonBody, readDecoded } from '../../decode-body.js';
import type { SmsWebhookError } from '../../errors/SmsWebhookError.js';
import { isJsonObject } from '../../is-json-object.js';
import type { SmsDriftReport } from '../../tolerance/drift.js';
import type { NormalizeContext, SmsParseOptions, SmsReadOptions } from '../../tolerance/options.js';
import { readTolerantly, settleDrift, type TolerantRead } from '../../tolerance/read-tolerantly.js';
import { safeParseWith } from '../../validate.js';
import type { ProviderDefinition } from '../types.js';
import {
  type TextRequestEvent,
  type TextRequestParsedWebhook,
  textRequestEventOf,
} from './normalize.js';
import {
  inferTextRequestBodyKind,
  type TextRequestBodies,
  type TextRequestBodyKind,
  textRequestSchemas,
  textRequestTolerance,
} from './schema.js';
import { checkTextRequestRequest, TEXT_REQUEST_HMAC_SCHEME } from './verify.js';

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
  normalizeTextRequestContactUpdated,
  normalizeTextRequestLocation,
  normalizeTextRequestMessage,
  normalizeTextRequestMessageStatus,
  normalizeTextRequestPayment,
  normalizeTextRequestWebhook,
  type TextRequestContactCreatedEvent,
  type TextRequestContactUpdatedEvent,
  type TextRequestDeliveryStatusEvent,
  type TextRequestEvent,
  type TextRequestEvents,
  type TextRequestLocationEvent,
  type TextRequestMessageEvent,
  type TextRequestMessageFailedEvent,
  type TextRequestMessageStatusEvent,
  type TextRequestParsedContactCreated,
  type TextRequestParsedMessage,
  type TextRequestParsedWebhook,
  type TextRequestPaymentEvent,
  type TextRequestReceivedEvent,
  type TextRequestSentEvent,
  toTextRequestDeliveryStatus,
  toTextRequestPaymentStatus,
} from './normalize.js';
export {
  inferTextRequestBodyKind,
  type TextRequestAccount,
  TextRequestAccountSchema,
  type TextRequestBodies,
  type TextRequestBodyKind,
  type TextRequestClaimedBy,
  TextRequestClaimedBySchema,
  type TextRequestContactCreated,
  TextRequestContactCreatedSchema,
  type TextRequestContactUpdated,
  TextRequestContactUpdatedSchema,
  type TextRequestConversation,
  TextRequestConversationSchema,
  type TextRequestCustomField,
  TextRequestCustomFieldSchema,
  type TextRequestLocation,
  TextRequestLocationSchema,
  type TextRequestMessage,
  TextRequestMessageSchema,
  type TextRequestMessageStatus,
  TextRequestMessageStatusSchema,
  type TextRequestMmsAttachment,
  TextRequestMmsAttachmentSchema,
  type TextRequestPayment,
  TextRequestPaymentSchema,
  type TextRequestPhoneNumber,
  TextRequestPhoneNumberSchema,
  type TextRequestWebhook,
  TextRequestWebhookSchema,
  textRequestBodyKinds,
  textRequestContactCreatedTolerance,
  textRequestContactUpdatedMarkers,
  textRequestContactUpdatedTolerance,
  textRequestLocationTolerance,
  textRequestMessageStatuses,
  textRequestMessageStatusTolerance,
  textRequestMessageTolerance,
  textRequestPaymentStatuses,
  textRequestPaymentTolerance,
  textRequestSchemas,
  textRequestTolerance,
} from './schema.js';
export {
  TEXT_REQUEST_DEFAULT_TOLERANCE_SECONDS,
  TEXT_REQUEST_HMAC_SCHEME,
  TEXT_REQUEST_SIGNATURE_HEADER,
  TEXT_REQUEST_TIMESTAMP_HEADER,
  type VerifyTextRequestSignatureOptions,
  verifyTextRequestRequest,
  verifyTextRequestSignature,
  verifyTextRequestSignatureDetailed,
} from './verify.js';

/** The result of {@link safeParseTextRequestWebhook}: the body as read, or the error that explains why not. */
export type SafeParseTextRequestWebhookResult =
  | {
      /** The body is a Text Request webhook (its identifying fields are usable). */
      readonly success: true;
      /** The body as read: unknown fields kept, descriptive fields that did not fit `null`. */
      readonly output: TextRequestParsedWebhook;
      /** How the body differed from the documents; empty when it matched them exactly. */
      readonly drift: SmsDriftReport[];
    }
  | {
      /** The body was not valid. */
      readonly success: false;
      /** Why, with the failing fields. */
      readonly error: SmsWebhookError;
    };

interface TextRequestRead {
  readonly kind: TextRequestBodyKind;
  readonly read: TolerantRead<TextRequestBodies[TextRequestBodyKind]>;
}

function readTextRequest(value: unknown, drift: SmsDriftReport[]): TextRequestRead {
  // No body names its kind; the fields only one body has tell them apart (inferTextRequestBodyKind).
  // A body of no known kind is read as a message, so the error names the message fields it lacks.
  const kind =
    inferTextRequestBodyKind(value) ??
    (looksLikeContactCreated(value) ? 'contact_created' : 'message');
  return {
    kind,
    read: readTolerantly(textRequestSchemas[kind], value, textRequestTolerance[kind], drift),
  };
}

/**
 * Checks a Text Request webhook body against the schema of its kind (see
 * {@link inferTextRequestBodyKind}) and returns it as read.
 *
 * `body` is the parsed JSON, or the raw body as a `string` or `Uint8Array`. Only identifying fields
 * refuse the body; a descriptive field that is missing or of another type is read where its meaning
 * is unambiguous, else `null`, and reported to `options.onDrift`.
 *
 * @throws {SmsWebhookError} `invalid_json` or `invalid_payload`, naming each failing field.
 * @example
 * ```ts
 * const payload = parseTextRequestWebhook(req.body);
 * if (isTextRequestMessage(payload)) console.log(payload.conversation?.message);
 * ```
 */
export function parseTextRequestWebhook(
  body: unknown,
  options: Pick<SmsParseOptions, 'strict' | 'onDrift'> = {},
): TextRequestParsedWebhook {
  const drift: SmsDriftReport[] = [];
  const { read } = readDecoded(decodeJsonBody(body, 'textrequest'), (value) =>
    readTextRequest(value, drift),
  );
  settleDrift('textrequest', drift, options ?? {});
  return read.value;
}

/**
 * Like {@link parseTextRequestWebhook}, but returns `{ success, … }` instead of throwing, whatever
 * it is given, with the drift reports on success.
 *
 * @example
 * ```ts
 * const result = safeParseTextRequestWebhook(rawBody);
 * if (!result.success) console.warn(result.error.issues);
 * ```
 */
export function safeParseTextRequestWebhook(
  body: unknown,
  options: Pick<SmsReadOptions, 'strict'> = {},
): SafeParseTextRequestWebhookResult {
  const drift: SmsDriftReport[] = [];
  const result = safeParseWith('textrequest', () =>
    parseTextRequestWebhook(body, {
      strict: options?.strict,
      onDrift: (report) => drift.push(report),
    }),
  );
  return result.success ? { ...result, drift } : result;
}

/**
 * Text Request: its seven webhook events and two per-message callbacks, told apart by their
 * fields, signed with `x-tr-webhook-signature` (HMAC-SHA256 of the raw body, keyed with the
 * account's API key).
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
  parse(body: unknown, options = {}): TextRequestEvent[] {
    const drift: SmsDriftReport[] = [];
    const { kind, read } = readTextRequest(body, drift);
    const context: NormalizeContext = {
      phoneNumberParser: options?.phoneNumberParser,
      intentKeywords: options?.intentKeywords,
      drift,
    };
    const event = textRequestEventOf(
      kind,
      { payload: read.value, raw: read.raw, exact: read.exact },
      context,
    );
    settleDrift('textrequest', drift, options ?? {});
    return [event];
  },
  verify: checkTextRequestRequest,
};

function detectTextRequest(body: unknown): boolean {
  return inferTextRequestBodyKind(body) !== null;
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

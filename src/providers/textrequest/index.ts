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
import type { SmsDriftReport } from '../../tolerance/drift.js';
import type { NormalizeContext, SmsParseOptions, SmsReadOptions } from '../../tolerance/options.js';
import { readTolerantly, settleDrift, type TolerantRead } from '../../tolerance/read-tolerantly.js';
import { safeParseWith } from '../../validate.js';
import type { ProviderDefinition } from '../types.js';
import {
  contactCreatedEvent,
  messageEvent,
  type TextRequestEvent,
  type TextRequestParsedWebhook,
} from './normalize.js';
import {
  type TextRequestContactCreated,
  TextRequestContactCreatedSchema,
  type TextRequestMessage,
  TextRequestMessageSchema,
  textRequestContactCreatedTolerance,
  textRequestMessageTolerance,
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
  normalizeTextRequestMessage,
  normalizeTextRequestWebhook,
  type TextRequestContactCreatedEvent,
  type TextRequestEvent,
  type TextRequestMessageEvent,
  type TextRequestParsedContactCreated,
  type TextRequestParsedMessage,
  type TextRequestParsedWebhook,
  type TextRequestReceivedEvent,
  type TextRequestSentEvent,
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
  textRequestContactCreatedTolerance,
  textRequestMessageTolerance,
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

type TextRequestRead =
  | { readonly kind: 'message'; readonly read: TolerantRead<TextRequestMessage> }
  | { readonly kind: 'contact'; readonly read: TolerantRead<TextRequestContactCreated> };

function readTextRequest(value: unknown, drift: SmsDriftReport[]): TextRequestRead {
  // The body does not name its kind; the contact body's PascalCase keys tell the two apart.
  return looksLikeContactCreated(value)
    ? {
        kind: 'contact',
        read: readTolerantly(
          TextRequestContactCreatedSchema,
          value,
          textRequestContactCreatedTolerance,
          drift,
        ),
      }
    : {
        kind: 'message',
        read: readTolerantly(TextRequestMessageSchema, value, textRequestMessageTolerance, drift),
      };
}

/**
 * Checks a Text Request webhook body against the message or contact-created schema and returns it
 * as read.
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
  const { read } = readTextRequest(decodeBody(body, 'textrequest'), drift);
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
  parse(body: unknown, options = {}): TextRequestEvent[] {
    const drift: SmsDriftReport[] = [];
    const result = readTextRequest(body, drift);
    const context: NormalizeContext = { ...options, drift };
    const { raw, exact } = result.read;
    const event =
      result.kind === 'contact'
        ? contactCreatedEvent({ payload: result.read.value, raw, exact }, context)
        : messageEvent({ payload: result.read.value, raw, exact }, context);
    settleDrift('textrequest', drift, options ?? {});
    return [event];
  },
  verify: checkTextRequestRequest,
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

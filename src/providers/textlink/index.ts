/**
 * TextLink webhooks: received, sent and failed messages, and contact tag changes.
 *
 * TextLink posts four webhooks, each to its own URL, and the body does not say which one it is.
 * Give the kind when each webhook has its own route (`{ kind: 'failed' }`); without it, the kind is
 * inferred from the fields, first match wins:
 * 1. `textlink_id` or `custom_id` present → `failed`;
 * 2. `portal` present → `sent`;
 * 3. `tag` present and `text` absent → `tag_changed`;
 * 4. otherwise → `received`.
 *
 * The optional webhook secret travels in plain text as the body's `secret` field; it is compared
 * timing-safe and removed from every event's `raw`.
 *
 * @example
 * ```ts
 * import { parseTextLinkWebhook, verifyTextLinkSecret } from 'sms-webhooks/textlink';
 *
 * if (!verifyTextLinkSecret(req.body, process.env.TEXTLINK_WEBHOOK_SECRET!)) return res.status(401).end();
 * const message = parseTextLinkWebhook(req.body, { kind: 'received' });
 * console.log(message.phone_number, message.text);
 * ```
 *
 * @module sms-webhooks/textlink
 */
import { decodeJsonBody, readDecoded } from '../../decode-body.js';
import type { SmsWebhookError } from '../../errors/SmsWebhookError.js';
import { isJsonObject } from '../../is-json-object.js';
import type { SmsDriftReport } from '../../tolerance/drift.js';
import type { SmsParseOptions } from '../../tolerance/options.js';
import { readTolerantly, settleDrift } from '../../tolerance/read-tolerantly.js';
import { invalidPayload, safeParseWith } from '../../validate.js';
import type { ProviderDefinition } from '../types.js';
import {
  normalizeTextLinkPayload,
  normalizeTextLinkSource,
  type TextLinkEvent,
  type TextLinkEvents,
  type TextLinkParsedPayloads,
} from './normalize.js';
import {
  inferTextLinkKind,
  isTextLinkKind,
  type TextLinkKind,
  textLinkKinds,
  textLinkSchemas,
  textLinkTolerance,
} from './schema.js';
import {
  checkTextLinkRequest,
  type TextLinkVerificationScheme,
  textLinkVerificationSchemes,
} from './verify.js';

export {
  normalizeTextLinkFailedMessage,
  normalizeTextLinkPayload,
  normalizeTextLinkReceivedMessage,
  normalizeTextLinkSentMessage,
  normalizeTextLinkTagChange,
  type TextLinkEvent,
  type TextLinkEvents,
  type TextLinkFailedEvent,
  type TextLinkParsedPayloads,
  type TextLinkReceivedEvent,
  type TextLinkSentEvent,
  type TextLinkTagChangedEvent,
} from './normalize.js';
export {
  inferTextLinkKind,
  isTextLinkKind,
  type TextLinkFailedMessage,
  type TextLinkFailedMessageEntries,
  TextLinkFailedMessageSchema,
  type TextLinkKind,
  type TextLinkPayload,
  type TextLinkPayloads,
  type TextLinkReceivedMessage,
  type TextLinkReceivedMessageEntries,
  TextLinkReceivedMessageSchema,
  type TextLinkSentMessage,
  type TextLinkSentMessageEntries,
  TextLinkSentMessageSchema,
  type TextLinkTagChange,
  type TextLinkTagChangeEntries,
  TextLinkTagChangeSchema,
  textLinkKinds,
  textLinkSchemas,
  textLinkTolerance,
} from './schema.js';
export {
  type TextLinkVerificationScheme,
  textLinkVerificationSchemes,
  verifyTextLinkRequest,
  verifyTextLinkSecret,
  verifyTextLinkSecretDetailed,
} from './verify.js';

/**
 * Options of {@link parseTextLinkWebhook}, {@link safeParseTextLinkWebhook} and
 * {@link normalizeTextLinkWebhook}; `phoneNumberParser` and `intentKeywords` apply when normalizing.
 */
export interface TextLinkWebhookOptions<K extends TextLinkKind = TextLinkKind>
  extends SmsParseOptions {
  /**
   * Which of the four webhooks the body came from; inferred from its fields when absent (see
   * {@link inferTextLinkKind}).
   * @default undefined (inferred)
   * @example { kind: 'failed' }
   */
  readonly kind?: K | undefined;
}

/** The result of {@link safeParseTextLinkWebhook}: the body as read, or the error that explains why not. */
export type SafeParseTextLinkWebhookResult<K extends TextLinkKind = TextLinkKind> =
  | {
      /** The body is a TextLink webhook (its `phone_number` is usable). */
      readonly success: true;
      /** The body as read: unknown fields kept, descriptive fields that did not fit `null`. */
      readonly output: TextLinkParsedPayloads[K];
      /** How the body differed from the documents; empty when it matched them exactly. */
      readonly drift: SmsDriftReport[];
    }
  | {
      /** The body was not valid. */
      readonly success: false;
      /** Why, with the failing fields; never contains the secret. */
      readonly error: SmsWebhookError;
    };

/**
 * Checks a TextLink webhook body and returns it as read (the wire payload, secret still included).
 *
 * `body` is the parsed JSON, or the raw body as a `string` or `Uint8Array`. Only `phone_number`
 * refuses the body; another field that is missing or of another type is read where its meaning is
 * unambiguous, else `null`, and reported to `options.onDrift`.
 *
 * @throws {SmsWebhookError} `invalid_json`, or `invalid_payload` naming each failing field.
 * @example
 * ```ts
 * const sent = parseTextLinkWebhook(req.body, { kind: 'sent' });
 * sent.sim_card_id; // number | string | null | undefined
 * ```
 */
export function parseTextLinkWebhook<K extends TextLinkKind = TextLinkKind>(
  body: unknown,
  options: TextLinkWebhookOptions<K> = {},
): TextLinkParsedPayloads[K] {
  const decoded = decodeJsonBody(body, 'textlink');
  refuseTextRequestContactUpdate(decoded.value);
  const kind = resolveKind(decoded.value, options?.kind);
  const drift: SmsDriftReport[] = [];
  const read = readDecoded(decoded, (value) =>
    readTolerantly(textLinkSchemas[kind], value, textLinkTolerance, drift),
  );
  settleDrift('textlink', drift, options ?? {});
  return read.value as TextLinkParsedPayloads[K];
}

/**
 * Like {@link parseTextLinkWebhook}, but returns `{ success, … }` instead of throwing, whatever it
 * is given, with the drift reports on success.
 *
 * @example
 * ```ts
 * const result = safeParseTextLinkWebhook(body, { kind: 'tag_changed' });
 * if (result.success) console.log(result.output.tag, result.drift);
 * ```
 */
export function safeParseTextLinkWebhook<K extends TextLinkKind = TextLinkKind>(
  body: unknown,
  options: Omit<TextLinkWebhookOptions<K>, 'onDrift'> = {},
): SafeParseTextLinkWebhookResult<K> {
  const drift: SmsDriftReport[] = [];
  const result = safeParseWith('textlink', () =>
    parseTextLinkWebhook<K>(body, {
      kind: options?.kind,
      strict: options?.strict,
      onDrift: (report) => drift.push(report),
    }),
  );
  return result.success ? { ...result, drift } : result;
}

/**
 * Turns a TextLink webhook body as read into its events (always one), inferring the kind from the
 * body when `options.kind` is absent.
 *
 * @example
 * ```ts
 * const [event] = normalizeTextLinkWebhook(parseTextLinkWebhook(body, { kind: 'received' }), { kind: 'received' });
 * event.from; // '+381690156360'
 * ```
 */
export function normalizeTextLinkWebhook<K extends TextLinkKind = TextLinkKind>(
  payload: TextLinkParsedPayloads[K],
  options: TextLinkWebhookOptions<K> = {},
): TextLinkEvents[K][] {
  const kind = resolveKind(payload, options?.kind) as K;
  return [normalizeTextLinkPayload(kind, payload, options)];
}

// Keys TextLink never sends that mark another provider's body: Telmetrics' envelope, Text Request's
// message and contact-created bodies, and the `contact_updated` fields that sit next to a
// `phone_number` (Text Request v3 `webhook_payload_contact_updated`).
const otherProvidersKeys = [
  'Notifications',
  'conversation',
  'ContactId',
  'first_name',
  'last_name',
  'display_name',
  'is_suppressed',
  'is_archived',
  'is_blocked',
  'suppressed_reason',
  'contact_tags',
  'custom_fields',
  'is_resolved',
  'first_contact_utc',
  'opted_out_utc',
];

/**
 * Whether a decoded JSON body looks like a TextLink webhook: an object (not an array) with a string
 * `phone_number` and none of the keys that mark another provider's body (Telmetrics'
 * `Notifications`; Text Request's `conversation`, `ContactId`, and the fields of its
 * `contact_updated` body such as `display_name` or `is_blocked`). Never throws.
 */
export function detectTextLinkPayload(body: unknown): boolean {
  try {
    if (!isJsonObject(body)) return false;
    const has = (key: string): boolean => Object.hasOwn(body, key);
    return (
      has('phone_number') && typeof body.phone_number === 'string' && !otherProvidersKeys.some(has)
    );
  } catch {
    // A proxy or a throwing getter is simply not a TextLink body.
    return false;
  }
}

/**
 * TextLink in the provider registry: four kinds (`received`, `sent`, `failed`, `tag_changed`),
 * inferred from the body when not given, and the `body-secret` verification scheme.
 *
 * TextLink treats any answer other than status 200 (even another 2xx) as a failed delivery and
 * emails the account owner, so handlers must answer exactly 200 on success.
 */
export const textLinkProvider: ProviderDefinition<
  'textlink',
  TextLinkKind,
  TextLinkVerificationScheme,
  TextLinkEvent
> = {
  id: 'textlink',
  name: 'TextLink',
  kinds: textLinkKinds,
  verificationSchemes: textLinkVerificationSchemes,
  detect: detectTextLinkPayload,
  parse(body, options = {}) {
    refuseTextRequestContactUpdate(body);
    const kind = resolveKind(body, options?.kind);
    const drift: SmsDriftReport[] = [];
    const read = readTolerantly(textLinkSchemas[kind], body, textLinkTolerance, drift);
    const source = { payload: read.value, raw: read.raw, exact: read.exact };
    const event = normalizeTextLinkSource(kind, source, {
      phoneNumberParser: options?.phoneNumberParser,
      intentKeywords: options?.intentKeywords,
      drift,
    });
    settleDrift('textlink', drift, options ?? {});
    return [event];
  },
  // Only 200 counts as success for TextLink ("If your webhook does not return status 200, we will
  // assume that the request was not successful", docs.textlinksms.com); verification itself is a
  // plain comparison of the body's secret.
  verify: checkTextLinkRequest,
};

function resolveKind(body: unknown, kind: unknown): TextLinkKind {
  if (kind === undefined) return inferTextLinkKind(body);
  if (isTextLinkKind(kind)) return kind;
  throw invalidPayload('textlink', [
    { path: '', message: `kind must be one of ${textLinkKinds.join(', ')}` },
  ]);
}

// A Text Request contact update also has a string `phone_number`, and tolerant reading would take
// it for a received message with no text; a field TextLink never sends shows it is not TextLink's.
const contactUpdateMarkers = /* @__PURE__ */ otherProvidersKeys.slice(3);

function refuseTextRequestContactUpdate(body: unknown): void {
  if (!isJsonObject(body)) return;
  const marker = contactUpdateMarkers.find((key) => Object.hasOwn(body, key));
  if (marker === undefined) return;
  throw invalidPayload('textlink', [
    {
      path: marker,
      message: 'TextLink sends no such field (a Text Request contact update has it)',
    },
  ]);
}

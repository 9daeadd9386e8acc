import { decodeBody } from '../../src/decode-body.js';
import { SmsWebhookError, type SmsWebhookErrorCode } from '../../src/errors/SmsWebhookError.js';
import type { SmsEvent } from '../../src/events.js';
import { canonicalJson } from '../../src/normalize/fingerprint.js';
import { isValidE164 } from '../../src/normalize/phone-number.js';
import type { SafeParseSmsWebhookResult } from '../../src/parse.js';

/**
 * The promise every accepted event keeps, checked in one place for the property tests and for
 * `npm run fuzz`: each function returns the violations it finds, as short sentences naming the
 * field, and never the field's value (a value could be a secret).
 */

/** The secret of the documented samples; no event or error may contain it. */
export const SAMPLE_SECRET = 'YOUR_WEBHOOK_SECRET';

const EXACT_TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
const ERROR_CODES: readonly SmsWebhookErrorCode[] = [
  'invalid_json',
  'invalid_payload',
  'unknown_provider',
  'ambiguous_payload',
  'unauthorized',
  'payload_too_large',
  'method_not_allowed',
  'raw_body_unavailable',
];
const PHONE_FIELDS = ['from', 'to', 'businessNumber'] as const;

/** What a body sent, as far as the contract needs it. */
export interface SentValues {
  /** Every string the provider sent (trimmed), and every number written as a string. */
  readonly strings: Set<string>;
  /** Every string the provider sent as a string (trimmed): such a string may name an id, whatever it reads. */
  readonly texts: Set<string>;
  /** Every number that is not a safe integer, written as a string: such a number names no id. */
  readonly unsafeNumbers: Set<string>;
  /** Every object key. */
  readonly keys: Set<string>;
}

/** Collects the strings and unsafe numbers of a decoded body. */
export function sentValues(value: unknown, into?: SentValues, depth = 0): SentValues {
  const sent = into ?? {
    strings: new Set<string>(),
    texts: new Set<string>(),
    unsafeNumbers: new Set<string>(),
    keys: new Set<string>(),
  };
  if (depth > 80) return sent;
  if (typeof value === 'string') {
    sent.strings.add(value.trim());
    sent.texts.add(value.trim());
  } else if (typeof value === 'number') {
    sent.strings.add(String(value));
    if (!Number.isSafeInteger(value)) sent.unsafeNumbers.add(String(value));
  } else if (Array.isArray(value)) {
    for (const item of value) sentValues(item, sent, depth + 1);
    // Application code can give an array named properties, which a tolerant read may use.
    for (const [key, item] of Object.entries(value)) {
      if (/^\d+$/.test(key)) continue;
      sent.keys.add(key);
      sentValues(item, sent, depth + 1);
    }
  } else if (value !== null && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) {
      sent.keys.add(key);
      sentValues(item, sent, depth + 1);
    }
  }
  return sent;
}

/**
 * Whether an id or key was made from a number that names no single id (`1e309`, `2 ** 53`). A
 * part the provider also sent as a string (a status `"NaN"`) may have come from that string.
 */
function fromUnsafeNumber(idOrKey: string, sent: SentValues): boolean {
  return idOrKey.split(':').some((part) => sent.unsafeNumbers.has(part) && !sent.texts.has(part));
}

/**
 * The secret a body carries: its top-level `secret` string of 8 characters or more (TextLink's),
 * unless another field holds it (`1748455363` in a timestamp), through which it may legitimately show.
 */
export function secretsOf(body: unknown): string[] {
  let value: unknown;
  try {
    value = decodeBody(body);
  } catch {
    return [];
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return [];
  const secret = (value as Record<string, unknown>).secret;
  if (typeof secret !== 'string' || secret.trim().length < 8) return [];
  const rest = { ...(value as Record<string, unknown>), secret: null };
  const { strings, keys } = sentValues(rest);
  const others = [...strings, ...keys];
  return others.some((other) => other.includes(secret.trim())) ? [] : [secret];
}

function timestampViolations(path: string, value: unknown): string[] {
  if (value === null) return [];
  if (typeof value !== 'string' || !EXACT_TIMESTAMP.test(value)) {
    return [`${path} is not null or YYYY-MM-DDTHH:mm:ss.sssZ`];
  }
  const millis = Date.parse(value);
  if (Number.isNaN(millis) || new Date(millis).toISOString() !== value) {
    return [`${path} is not a valid instant`];
  }
  return [];
}

function phoneViolations(path: string, value: unknown, sent: SentValues): string[] {
  if (value === null) return [];
  if (typeof value !== 'string') return [`${path} is neither a string nor null`];
  if (isValidE164(value) || sent.strings.has(value)) return [];
  return [`${path} is neither valid E.164 nor the provider's own string`];
}

/** The violations of one accepted event: times, phone numbers, key, serializability. */
export function eventViolations(event: SmsEvent, sent: SentValues): string[] {
  const where = `${event.provider} ${event.type}`;
  const found: string[] = [];
  const key: unknown = event.idempotencyKey;
  if (typeof key !== 'string' || key === '') found.push(`${where}: idempotencyKey is empty`);
  else if (fromUnsafeNumber(key, sent)) found.push(`${where}: idempotencyKey holds an unsafe id`);
  found.push(...timestampViolations(`${where}: occurredAt`, event.occurredAt));
  const record = event as unknown as Record<string, unknown>;
  for (const field of PHONE_FIELDS) {
    if (field in record) found.push(...phoneViolations(`${where}: ${field}`, record[field], sent));
  }
  const contact = record.contact as { phoneNumber?: unknown; id?: unknown } | null | undefined;
  if (contact !== undefined && contact !== null) {
    found.push(...phoneViolations(`${where}: contact.phoneNumber`, contact.phoneNumber, sent));
    const { id } = contact;
    if (id !== null && (typeof id !== 'string' || id === '' || fromUnsafeNumber(id, sent))) {
      found.push(`${where}: contact.id is not null or a safe id string`);
    }
  }
  const attribution = record.attribution as { sessionTag?: { time?: unknown } | null } | undefined;
  if (attribution?.sessionTag) {
    found.push(
      ...timestampViolations(`${where}: attribution.sessionTag.time`, attribution.sessionTag.time),
    );
  }
  return found;
}

/**
 * The violations of one `safeParseSmsWebhook` answer: a failure must be a real
 * {@link SmsWebhookError} with issues; a success must hold events that each keep the contract,
 * with distinct keys, and that survive `JSON.stringify` and `structuredClone`; neither may contain
 * a secret of the body.
 */
export function resultViolations(body: unknown, result: SafeParseSmsWebhookResult): string[] {
  const found: string[] = [];
  const secrets = secretsOf(body);
  let serialized = '';
  if (!result.success) {
    const { error } = result;
    if (!(error instanceof SmsWebhookError)) return ['error is not an SmsWebhookError'];
    if (!ERROR_CODES.includes(error.code)) found.push('error has an unknown code');
    if (!Array.isArray(error.issues) || error.issues.length === 0)
      found.push('error has no issues');
    serialized = `${error.message}\n${JSON.stringify(error.issues)}`;
  } else {
    // No events is a valid answer: a Telmetrics envelope may carry no notifications.
    let sent: SentValues | undefined;
    const keys = new Set<string>();
    for (const event of result.events) {
      sent ??= sentValues(decodeBody(body));
      found.push(...eventViolations(event, sent));
      if (keys.has(event.idempotencyKey)) found.push(`${event.provider}: two events share a key`);
      keys.add(event.idempotencyKey);
    }
    try {
      serialized = JSON.stringify(result.events);
    } catch {
      found.push('events cannot be JSON.stringify-ed');
    }
    try {
      structuredClone(result.events);
    } catch {
      found.push('events cannot be structuredClone-d');
    }
  }
  // TextLink's secret must go from its events; an error must hold no value of any body at all.
  const checked = !result.success || result.provider === 'textlink' ? secrets : [];
  for (const secret of [...checked, ...(result.success ? [] : [SAMPLE_SECRET])]) {
    if (serialized.includes(secret)) found.push('a secret appears in the answer');
  }
  return found;
}

/**
 * Remembers events whose keys are fingerprints of their content, across bodies: two such events
 * with one key must be the same event (everything but `raw` and `rawExact`), or the key hides a different one.
 */
export class KeyRegistry {
  readonly #seen = new Map<string, string>();

  /** Records the events of an answer and returns the key collisions found. */
  record(result: SafeParseSmsWebhookResult): string[] {
    if (!result.success) return [];
    const found: string[] = [];
    for (const event of result.events) {
      // `raw` and `rawExact` describe the provider's object, not the event it stands for.
      const {
        raw: _raw,
        rawExact: _rawExact,
        ...modelled
      } = event as SmsEvent & {
        readonly rawExact?: boolean;
      };
      const content = canonicalJson(modelled);
      const before = this.#seen.get(event.idempotencyKey);
      if (before === undefined) {
        // Telmetrics and Text Request keys carry the provider's own ids, which a changed body
        // may keep; only content-derived keys can be held to "same key, same event" across bodies.
        if (isFingerprintKeyed(event)) this.#seen.set(event.idempotencyKey, content);
      } else if (before !== content) {
        found.push(`${event.provider} ${event.type}: one key for two different events`);
      }
    }
    return found;
  }

  /** How many distinct fingerprint keys were seen. */
  get size(): number {
    return this.#seen.size;
  }
}

/** Whether an event's key is a fingerprint of its content rather than the provider's own id. */
function isFingerprintKeyed(event: SmsEvent): boolean {
  if (event.provider === 'telmetrics') return false;
  if (event.type === 'contact.created') return event.contact.id === null;
  if (event.type === 'message.failed' || event.provider === 'textrequest') {
    return 'messageId' in event && event.messageId === null;
  }
  return true;
}

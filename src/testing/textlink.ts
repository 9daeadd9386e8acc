import type {
  TextLinkKind,
  TextLinkPayload,
  TextLinkPayloads,
} from '../providers/textlink/schema.js';
import { nextMillis, nextNumericId } from './fresh-values.js';
import { applyOverrides, type PayloadOverrides } from './payload-overrides.js';
import { createJsonPost, defaultWebhookUrl, toRequestBody } from './request-body.js';

// The documented sample values (docs.textlinksms.com, "Example payloads"), with a fresh
// `timestamp` (and `textlink_id`) per call so every payload is a distinct event.
const defaults: { readonly [K in TextLinkKind]: () => TextLinkPayloads[K] } = {
  received: () => ({
    phone_number: '+381690156360',
    text: 'General Kenobi',
    timestamp: nextMillis(),
    tag: 'Cold',
    name: 'Aleksandar Spremo',
  }),
  sent: () => ({
    phone_number: '+381690156360',
    text: 'Hello there',
    portal: true,
    timestamp: nextMillis(),
    sim_card_id: 123,
  }),
  failed: () => ({
    phone_number: '+381690156360',
    text: 'Hello there',
    portal: true,
    timestamp: nextMillis(),
    textlink_id: nextNumericId(),
    sim_card_id: 123,
  }),
  tag_changed: () => ({
    name: 'Aleksandar Spremo',
    phone_number: '+381690156360',
    tag: 'Warm',
    timestamp: nextMillis(),
  }),
};

/**
 * Creates a valid TextLink webhook body of one kind, without a `secret` (add it with
 * {@link createTextLinkRequest}). Each call has a fresh `timestamp` (and, for `failed`, a fresh
 * `textlink_id`), so two payloads are two events, unless you override them.
 *
 * @example
 * ```ts
 * const stop = createTextLinkPayload('received', { text: 'STOP' });
 * const failed = createTextLinkPayload('failed', { custom_id: 'order-1234' });
 * ```
 */
export function createTextLinkPayload<K extends TextLinkKind>(
  kind: K,
  overrides: PayloadOverrides<TextLinkPayloads[K]> = {},
): TextLinkPayloads[K] {
  const create = defaults[kind] as (() => TextLinkPayloads[K]) | undefined;
  if (!create) {
    throw new TypeError(
      `Unknown TextLink webhook kind; expected one of ${Object.keys(defaults).join(', ')}.`,
    );
  }
  return applyOverrides(create(), overrides);
}

/** Options of {@link createTextLinkRequest}. */
export interface CreateTextLinkRequestOptions {
  /**
   * The webhook body: a payload object (sent as JSON), or a string or bytes sent as they are
   * (then `secret` cannot be added and must not be given).
   * @example createTextLinkPayload('received')
   */
  readonly payload: TextLinkPayload | string | Uint8Array;
  /**
   * Your TextLink webhook secret, written into the body's `secret` field as TextLink does; when
   * absent, the body is sent as it is.
   * @default undefined (body unchanged)
   * @example 'test-secret'
   */
  readonly secret?: string | undefined;
  /**
   * Where the request goes.
   * @default 'http://localhost/webhooks/textlink'
   * @example 'http://127.0.0.1:3000/api/sms'
   */
  readonly url?: string | URL | undefined;
}

/**
 * Builds the `Request` TextLink would send: a JSON POST whose body carries the webhook secret.
 * TextLink signs nothing; the plain-text `secret` field is its only proof of origin.
 *
 * @throws {TypeError} when `payload` is a string or bytes and `secret` is given.
 * @example
 * ```ts
 * const request = await createTextLinkRequest({ payload: createTextLinkPayload('received'), secret: 'test-secret' });
 * const response = await POST(request); // your Next.js route handler
 * ```
 */
export async function createTextLinkRequest(
  options: CreateTextLinkRequestOptions,
): Promise<Request> {
  const { payload, secret, url = defaultWebhookUrl('textlink') } = options;
  const verbatim = typeof payload === 'string' || payload instanceof Uint8Array;
  if (verbatim && secret !== undefined) {
    throw new TypeError(
      'A string or bytes payload is sent as it is, so the secret cannot be added to it; pass an object.',
    );
  }
  if (secret === undefined) return createJsonPost(url, toRequestBody(payload));
  // TextLink writes the secret as the body's first field.
  const { secret: _replaced, ...fields } = payload as TextLinkPayload;
  return createJsonPost(url, toRequestBody({ secret, ...fields }));
}

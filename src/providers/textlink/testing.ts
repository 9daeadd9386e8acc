import failed from '../../../fixtures/textlink/failed.json' with { type: 'json' };
import howItWorks from '../../../fixtures/textlink/how-it-works.json' with { type: 'json' };
import received from '../../../fixtures/textlink/received.json' with { type: 'json' };
import sent from '../../../fixtures/textlink/sent.json' with { type: 'json' };
import tagChanged from '../../../fixtures/textlink/tag-changed.json' with { type: 'json' };
import { isJsonObject } from '../../is-json-object.js';
import { createFixtureSet } from '../../testing/fixture-set.js';
import { nextMillis, nextNumericId } from '../../testing/fresh-values.js';
import { applyOverrides, type PayloadOverrides } from '../../testing/payload-overrides.js';
import { createJsonPost, defaultWebhookUrl, toRequestBody } from '../../testing/request-body.js';
import type { ProviderFixture, ProviderTestingDefinition } from '../types.js';
import type { textLinkProvider } from './index.js';
import {
  type TextLinkFailedMessage,
  type TextLinkKind,
  type TextLinkPayload,
  type TextLinkPayloads,
  type TextLinkReceivedMessage,
  type TextLinkSentMessage,
  type TextLinkTagChange,
  textLinkKinds,
} from './schema.js';

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

/** The documented TextLink samples; each carries the documentation's `YOUR_WEBHOOK_SECRET` except `tagChanged`. */
export interface TextLinkFixtures {
  /** The documented received message. */
  readonly received: TextLinkReceivedMessage;
  /** The documented sent message (message dispatch). */
  readonly sent: TextLinkSentMessage;
  /** The documented failed message. */
  readonly failed: TextLinkFailedMessage;
  /** The documented contact tag change. */
  readonly tagChanged: TextLinkTagChange;
  /** The generic body of the "How it works" section, a received message. */
  readonly howItWorks: TextLinkReceivedMessage;
}

/** One TextLink sample of `fixtureList`, with the kind to parse it with. */
export interface TextLinkFixture extends ProviderFixture<'textlink', TextLinkPayload> {
  /** Which TextLink webhook it is, the `kind` to parse it with (TextLink bodies do not say). */
  readonly kind: TextLinkKind;
}

const { fixtures, fixtureList } = createFixtureSet<TextLinkFixtures, TextLinkFixture>('textlink', [
  { file: 'failed', key: 'failed', kind: 'failed', source: failed },
  { file: 'how-it-works', key: 'howItWorks', kind: 'received', source: howItWorks },
  { file: 'received', key: 'received', kind: 'received', source: received },
  { file: 'sent', key: 'sent', kind: 'sent', source: sent },
  { file: 'tag-changed', key: 'tagChanged', kind: 'tag_changed', source: tagChanged },
]);

// The command sends a file's bytes as they are; TextLink's secret travels in the body, so a body
// that gets one is re-serialized with the secret as its first field.
async function createSendRequest(options: {
  readonly body: Uint8Array;
  readonly secret: string | undefined;
  readonly url: URL;
}): Promise<{ readonly request: Request; readonly signing: string }> {
  const { body, secret, url } = options;
  if (secret === undefined) {
    return { request: await createTextLinkRequest({ payload: body, url }), signing: 'no secret' };
  }
  let value: unknown;
  try {
    // Decoded here rather than with decodeBody, which would bring the error class into the kit.
    value = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(body));
  } catch {
    throw new TypeError('The TextLink secret goes in the body, but the body is not JSON.');
  }
  if (!isJsonObject(value)) {
    throw new TypeError('The TextLink secret goes in the body, but the body is not a JSON object.');
  }
  const payload = value as TextLinkPayload;
  return {
    request: await createTextLinkRequest({ payload, secret, url }),
    signing: 'secret in the body',
  };
}

/** TextLink in `sms-webhooks/testing` and the `sms-webhooks` command. */
export const textLinkTesting: ProviderTestingDefinition<
  typeof textLinkProvider,
  TextLinkKind,
  TextLinkFixtures,
  TextLinkFixture,
  CreateTextLinkRequestOptions
> = {
  id: 'textlink',
  fixtures,
  fixtureList,
  payloadKinds: textLinkKinds,
  createPayload: (kind) => createTextLinkPayload(kind),
  createRequest: createTextLinkRequest,
  createSendRequest,
};

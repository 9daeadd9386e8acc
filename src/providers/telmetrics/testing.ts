import callPreprocessed from '../../../fixtures/telmetrics/call-preprocessed.json' with {
  type: 'json',
};
import smsConversationStart from '../../../fixtures/telmetrics/sms-conversation-start.json' with {
  type: 'json',
};
import smsConversationStartAttributed from '../../../fixtures/telmetrics/sms-conversation-start-attributed.json' with {
  type: 'json',
};
import { createFixtureSet } from '../../testing/fixture-set.js';
import {
  nextMillis,
  randomGuid,
  randomHexId,
  toUtcWithoutOffset,
} from '../../testing/fresh-values.js';
import { applyOverrides, type PayloadOverrides } from '../../testing/payload-overrides.js';
import { createJsonPost, defaultWebhookUrl, toRequestBody } from '../../testing/request-body.js';
import { hmacSha256 } from '../../verify/hmac.js';
import type { ProviderFixture, ProviderTestingDefinition } from '../types.js';
import type { telmetricsProvider } from './index.js';
import {
  TELMETRICS_SMS_CONVERSATION_START,
  type TelmetricsSmsConversationStart,
  type TelmetricsWebhook,
} from './schema.js';
import { TELMETRICS_SIGNATURE_HEADER } from './verify.js';

/** The Telmetrics webhooks {@link createTelmetricsPayload} makes. */
export const telmetricsPayloadKinds: readonly ['sms_conversation_start'] = [
  'sms_conversation_start',
];

/** A Telmetrics webhook kind: `'sms_conversation_start'`. */
export type TelmetricsPayloadKind = (typeof telmetricsPayloadKinds)[number];

/** A Telmetrics delivery with exactly one "SMS Conversation Start" notification. */
export type TelmetricsConversationStartPayload = TelmetricsWebhook & {
  /** The one notification, typed, so `Notifications[0]` needs no check. */
  Notifications: [TelmetricsSmsConversationStart];
};

/** The wire payload type of each Telmetrics webhook kind. */
export interface TelmetricsPayloads {
  /** A delivery with one "SMS Conversation Start" notification. */
  readonly sms_conversation_start: TelmetricsConversationStartPayload;
}

/** The notification type of each Telmetrics webhook kind. */
export interface TelmetricsNotifications {
  /** The "SMS Conversation Start" notification. */
  readonly sms_conversation_start: TelmetricsSmsConversationStart;
}

/** Overrides of {@link createTelmetricsPayload}: the notification's fields and the envelope's, apart. */
export interface TelmetricsPayloadOverrides<
  K extends TelmetricsPayloadKind = TelmetricsPayloadKind,
> {
  /**
   * Fields of the notification; `AttributionDetails` and `session_tag` are merged field by field.
   * @default {}
   * @example { TexterNumber: '4165550123', AttributionDetails: { utm_campaign: 'spring' } }
   */
  readonly notification?: PayloadOverrides<TelmetricsNotifications[K]> | undefined;
  /**
   * Fields of the envelope (`Id`, `Attempt`, `Properties`); `Properties` is merged field by field.
   * @default {}
   * @example { Attempt: 2, Properties: { Scenario: 'TEST' } }
   */
  readonly envelope?: Omit<PayloadOverrides<TelmetricsWebhook>, 'Notifications'> | undefined;
}

function conversationStart(millis: number): TelmetricsSmsConversationStart {
  return {
    Action: TELMETRICS_SMS_CONVERSATION_START,
    ConversationId: randomGuid(),
    MessageDate: toUtcWithoutOffset(millis),
    TelmetricsStudyID: 9462657,
    TexterNumber: '9055802958',
    TextedNumber: '2242455621',
    ConversationType: 'ChatClient',
    SmsToChatProvider: 'Customer Service',
    TexterName: 'John Doe',
    TexterAddress: '718 Marin Drive',
    TexterCity: 'Springfield',
    TexterState: 'IL',
    TexterZip: '62706',
    AttributionDetails: {
      session_tag: {
        tag_id: 71718183,
        tag_data: 'ID09347882882',
        tag_time: toUtcWithoutOffset(millis - 6 * 60 * 1000).slice(0, 19),
      },
      SessionId: null,
      RuleDescription: 'Google Paid',
      LandingPageUrl:
        'http://123company.net?gclid=123&utm_source=google&utm_campaign=summersale&utm_term=new%20car&utm_medium=web&utm_content=web1',
      ReferrerUrl: 'https://google.com',
      MultisessionFlag: false,
      utm_campaign: 'summersale',
      utm_term: 'new%20cars',
      utm_source: 'google',
      utm_medium: 'web',
      utm_content: 'web1',
    },
  };
}

/**
 * Creates a valid Telmetrics delivery with one notification of the given kind. Each call has a
 * fresh `Id`, `Properties.RequestId` and `ConversationId` and the current time, so two payloads
 * are two events, unless you override them. The values are those of Telmetrics' documented sample.
 *
 * @example
 * ```ts
 * const payload = createTelmetricsPayload('sms_conversation_start', {
 *   notification: { TexterNumber: '4165550123', AttributionDetails: { utm_campaign: 'spring' } },
 *   envelope: { Attempt: 2 },
 * });
 * payload.Notifications[0].ConversationId; // a fresh GUID
 * ```
 */
export function createTelmetricsPayload<K extends TelmetricsPayloadKind>(
  kind: K,
  overrides: TelmetricsPayloadOverrides<K> = {},
): TelmetricsPayloads[K] {
  if (!(telmetricsPayloadKinds as readonly string[]).includes(kind)) {
    throw new TypeError(
      `Unknown Telmetrics webhook kind; expected one of ${telmetricsPayloadKinds.join(', ')}.`,
    );
  }
  const millis = nextMillis();
  const notification = applyOverrides(conversationStart(millis), overrides.notification);
  const envelope = applyOverrides(
    {
      Id: randomHexId(),
      Attempt: 1,
      Properties: {
        CollectionType: 'SmsDetails',
        UTC: toUtcWithoutOffset(millis),
        Organization: '4062',
        RequestId: randomGuid(),
      },
    },
    overrides.envelope,
  );
  return { ...envelope, Notifications: [notification] };
}

/** Options of {@link signTelmetricsBody}. */
export interface SignTelmetricsBodyOptions {
  /**
   * The request body exactly as it will be sent.
   * @example JSON.stringify(payload)
   */
  readonly body: string | Uint8Array;
  /**
   * The webhook secret the signature is keyed with.
   * @example 'test-secret'
   */
  readonly secret: string;
}

/**
 * Computes the `ms-signature` header value of a Telmetrics delivery: `sha256=` and the hex
 * HMAC-SHA256 of the body, keyed with the secret, through Web Crypto.
 *
 * @example
 * ```ts
 * const header = await signTelmetricsBody({ body, secret: 'test-secret' }); // 'sha256=…'
 * ```
 */
export async function signTelmetricsBody(options: SignTelmetricsBodyOptions): Promise<string> {
  return `sha256=${await hmacSha256(options.secret, [options.body], 'hex')}`;
}

/** Options of {@link createTelmetricsRequest}. */
export interface CreateTelmetricsRequestOptions {
  /**
   * The webhook body: a payload object (sent as JSON), or a string or bytes sent as they are.
   * @example createTelmetricsPayload('sms_conversation_start')
   */
  readonly payload: TelmetricsWebhook | string | Uint8Array;
  /**
   * The secret your handler is configured with; when absent, the request is not signed.
   * @default undefined (unsigned)
   * @example 'test-secret'
   */
  readonly secret?: string | undefined;
  /**
   * Where the request goes.
   * @default 'http://localhost/webhooks/telmetrics'
   * @example 'http://127.0.0.1:3000/hooks/telmetrics'
   */
  readonly url?: string | URL | undefined;
  /**
   * How the secret travels: the `ms-signature` header, or a `token` query parameter of the URL.
   * @default 'ms-signature'
   * @example 'url-token'
   */
  readonly scheme?: 'ms-signature' | 'url-token' | undefined;
}

/**
 * Builds the `Request` a Telmetrics delivery arrives as: a JSON POST, signed with the
 * `ms-signature` header (or, with the `url-token` scheme, the secret in the URL's `token`).
 *
 * @example
 * ```ts
 * const request = await createTelmetricsRequest({
 *   payload: createTelmetricsPayload('sms_conversation_start'),
 *   secret: 'test-secret',
 * });
 * ```
 */
export async function createTelmetricsRequest(
  options: CreateTelmetricsRequestOptions,
): Promise<Request> {
  const { payload, secret, scheme = 'ms-signature' } = options;
  if (scheme !== 'ms-signature' && scheme !== 'url-token') {
    throw new TypeError("scheme must be 'ms-signature' or 'url-token'.");
  }
  const url = new URL(options.url ?? defaultWebhookUrl('telmetrics'));
  const body = toRequestBody(payload);
  if (secret === undefined) return createJsonPost(url, body);
  if (scheme === 'url-token') {
    url.searchParams.set('token', secret);
    return createJsonPost(url, body);
  }
  return createJsonPost(url, body, {
    [TELMETRICS_SIGNATURE_HEADER]: await signTelmetricsBody({ body, secret }),
  });
}

/** The documented Telmetrics samples. */
export interface TelmetricsFixtures {
  /** The documented "SMS Conversation Start" delivery, with empty landing page and referrer. */
  readonly smsConversationStart: TelmetricsConversationStartPayload;
  /** The second capture of the same sample, with the landing page and referrer filled in. */
  readonly smsConversationStartAttributed: TelmetricsConversationStartPayload;
  /** A call delivery (`CallDetails.CallPreprocessed`), which parses to an `unknown` event. */
  readonly callPreprocessed: TelmetricsWebhook;
}

const { fixtures, fixtureList } = createFixtureSet<
  TelmetricsFixtures,
  ProviderFixture<'telmetrics', TelmetricsWebhook>
>('telmetrics', [
  { file: 'call-preprocessed', key: 'callPreprocessed', source: callPreprocessed },
  { file: 'sms-conversation-start', key: 'smsConversationStart', source: smsConversationStart },
  {
    file: 'sms-conversation-start-attributed',
    key: 'smsConversationStartAttributed',
    source: smsConversationStartAttributed,
  },
]);

/** Telmetrics in `sms-webhooks/testing` and the `sms-webhooks` command. */
export const telmetricsTesting: ProviderTestingDefinition<
  typeof telmetricsProvider,
  TelmetricsPayloadKind,
  TelmetricsFixtures,
  ProviderFixture<'telmetrics', TelmetricsWebhook>,
  CreateTelmetricsRequestOptions
> = {
  id: 'telmetrics',
  fixtures,
  fixtureList,
  payloadKinds: telmetricsPayloadKinds,
  createPayload: (kind) => createTelmetricsPayload(kind),
  createRequest: createTelmetricsRequest,
  async createSendRequest({ body, secret, scheme = 'ms-signature', url }) {
    const request = await createTelmetricsRequest({ payload: body, secret, url, scheme });
    if (secret === undefined) return { request, signing: 'unsigned' };
    return { request, signing: scheme === 'url-token' ? 'token in the URL' : 'ms-signature' };
  },
};

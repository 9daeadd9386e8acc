import contactCreated from '../../../fixtures/textrequest/contact-created.json' with {
  type: 'json',
};
import contactUpdated from '../../../fixtures/textrequest/contact-updated.json' with {
  type: 'json',
};
import locationReceived from '../../../fixtures/textrequest/location-received.json' with {
  type: 'json',
};
import messageReceived from '../../../fixtures/textrequest/message-received.json' with {
  type: 'json',
};
import messageReceivedExtended from '../../../fixtures/textrequest/message-received-extended.json' with {
  type: 'json',
};
import messageSent from '../../../fixtures/textrequest/message-sent.json' with { type: 'json' };
import messageStatus from '../../../fixtures/textrequest/message-status.json' with { type: 'json' };
import messageStatusError from '../../../fixtures/textrequest/message-status-error.json' with {
  type: 'json',
};
import paymentStatusUpdated from '../../../fixtures/textrequest/payment-status-updated.json' with {
  type: 'json',
};
import { createFixtureSet } from '../../testing/fixture-set.js';
import { nextMillis, nextNumericId, randomGuid } from '../../testing/fresh-values.js';
import { applyOverrides, type PayloadOverrides } from '../../testing/payload-overrides.js';
import { createJsonPost, defaultWebhookUrl, toRequestBody } from '../../testing/request-body.js';
import { hmacSha256 } from '../../verify/hmac.js';
import type { ProviderFixture, ProviderTestingDefinition } from '../types.js';
import type { textRequestProvider } from './index.js';
import type {
  TextRequestContactCreated,
  TextRequestContactUpdated,
  TextRequestLocation,
  TextRequestMessage,
  TextRequestMessageStatus,
  TextRequestPayment,
  TextRequestWebhook,
} from './schema.js';
import { TEXT_REQUEST_SIGNATURE_HEADER, TEXT_REQUEST_TIMESTAMP_HEADER } from './verify.js';

/** The Text Request webhooks {@link createTextRequestPayload} makes. */
export const textRequestPayloadKinds: readonly [
  'message_received',
  'message_sent',
  'contact_created',
  'contact_updated',
  'message_status_updated',
  'location_received',
  'payment_status_updated',
] = [
  'message_received',
  'message_sent',
  'contact_created',
  'contact_updated',
  'message_status_updated',
  'location_received',
  'payment_status_updated',
];

/** A Text Request webhook kind, e.g. `'message_received'` or `'message_status_updated'`. */
export type TextRequestPayloadKind = (typeof textRequestPayloadKinds)[number];

/** The wire payload type of each Text Request webhook kind. */
export interface TextRequestPayloads {
  /** The "message received" webhook body (`conversation.messageDirection` `R`). */
  readonly message_received: TextRequestMessage;
  /** The "message sent" webhook body (`conversation.messageDirection` `S`). */
  readonly message_sent: TextRequestMessage;
  /** The "new contact is created" webhook body. */
  readonly contact_created: TextRequestContactCreated;
  /** The `contact_updated` webhook body. */
  readonly contact_updated: TextRequestContactUpdated;
  /** The `msg_status_updated` webhook body, also sent to a message's `status_callback`. */
  readonly message_status_updated: TextRequestMessageStatus;
  /** The `location_received` webhook body, also sent to a message's `location_callback`. */
  readonly location_received: TextRequestLocation;
  /** The `payment_status_updated` webhook body. */
  readonly payment_status_updated: TextRequestPayment;
}

/** Text Request writes `conversation.date` with 7 fractional digits, e.g. `2018-10-11T01:28:46.5966126Z`. */
function textRequestDate(millis: number): string {
  return new Date(millis).toISOString().replace('Z', '0000Z');
}

function message(direction: 'R' | 'S', text: string): TextRequestMessage {
  return {
    messageUniqueIdentifier: randomGuid(),
    account: { id: 1234 },
    yourPhoneNumber: {
      id: 7250,
      externalPhoneId: null,
      description: 'Our demonstration number',
      phoneNumber: '14239309346',
    },
    conversation: {
      id: nextNumericId(),
      date: textRequestDate(nextMillis()),
      consumerPhoneNumber: '14232074721',
      messageDirection: direction,
      message: text,
      consumerFriendlyName: 'Check',
      numSegments: 1,
    },
  };
}

/** An 11-digit US number (`1321…`) no earlier call in this process returned. */
function freshPhoneNumber(): string {
  return `1321${String(nextNumericId() % 10_000_000).padStart(7, '0')}`;
}

// The documented sample values (textrequest.com webhook documentation and the v3 API document's
// examples), with fresh ids and date.
const defaults: { readonly [K in TextRequestPayloadKind]: () => TextRequestPayloads[K] } = {
  message_received: () => message('R', 'Is the appointment still on for Friday?'),
  message_sent: () => message('S', 'This is an outbound message.'),
  contact_created: () => ({
    ContactId: nextNumericId(),
    LocationPhoneNumber: '14239309346',
    ContactPhoneNumber: '19143334444',
    ContactFriendlyName: 'James Hoffa',
  }),
  contact_updated: () => ({
    phone_number: freshPhoneNumber(),
    first_name: 'John',
    last_name: 'Smith',
    display_name: 'John Smith',
    is_suppressed: false,
    is_archived: false,
    is_blocked: false,
    note: 'Lead from newsletter',
    groups: [12, 26],
    contact_tags: [],
    custom_fields: [],
    is_resolved: false,
    opted_out_utc: null,
  }),
  message_status_updated: () => ({
    message_id: randomGuid(),
    status: 'delivered',
    error_code: null,
  }),
  location_received: () => ({
    MessageId: randomGuid(),
    PhoneNumber: '13216547890',
    DashboardId: 121,
    Longitude: -77.0365298,
    Latitude: 38.8976763,
    FormattedAddress: 'Near 1600 Pennsylvania Ave NW, Washington, DC 20500-0003',
  }),
  payment_status_updated: () => ({
    payment_id: nextNumericId(),
    status: 'Sent',
    reference_id: 'receipt-chicago',
  }),
};

/**
 * Creates a valid Text Request webhook body of one kind. Each call has fresh ids (a message's
 * `messageUniqueIdentifier`, `conversation.id` and `conversation.date`; `ContactId`; a contact
 * update's `phone_number`; `message_id`; `MessageId`; `payment_id`), so two payloads are two
 * events, unless you override them. Nested objects are merged.
 *
 * @example
 * ```ts
 * const optOut = createTextRequestPayload('message_received', { conversation: { message: 'STOP' } });
 * const contact = createTextRequestPayload('contact_created', { ContactFriendlyName: null });
 * const failed = createTextRequestPayload('message_status_updated', { status: 'error', error_code: 'SMS10023' });
 * const optedOut = createTextRequestPayload('contact_updated', { opted_out_utc: '2026-11-30T14:03:27Z' });
 * ```
 */
export function createTextRequestPayload<K extends TextRequestPayloadKind>(
  kind: K,
  overrides: PayloadOverrides<TextRequestPayloads[K]> = {},
): TextRequestPayloads[K] {
  const create = defaults[kind] as (() => TextRequestPayloads[K]) | undefined;
  if (!create) {
    throw new TypeError(
      `Unknown Text Request webhook kind; expected one of ${textRequestPayloadKinds.join(', ')}.`,
    );
  }
  return applyOverrides(create(), overrides);
}

/** Options of {@link signTextRequestBody}. */
export interface SignTextRequestBodyOptions {
  /**
   * The request body exactly as it will be sent.
   * @example JSON.stringify(payload)
   */
  readonly body: string | Uint8Array;
  /**
   * The Text Request account's API key the signature is keyed with.
   * @example 'test-api-key'
   */
  readonly apiKey: string;
  /**
   * The `x-tr-webhook-timestamp` value: Unix seconds.
   * @example Math.floor(Date.now() / 1000)
   */
  readonly timestamp: number | string;
}

/**
 * Computes Text Request's `x-tr-webhook-signature` value: Base64 of HMAC-SHA256, keyed with the
 * API key, over `{timestamp}.{body}`, through Web Crypto.
 *
 * @example
 * ```ts
 * const signature = await signTextRequestBody({ body, apiKey: 'test-api-key', timestamp: 1619448468 });
 * ```
 */
export async function signTextRequestBody(options: SignTextRequestBodyOptions): Promise<string> {
  const { body, apiKey, timestamp } = options;
  return hmacSha256(apiKey, [`${timestamp}.`, body], 'base64');
}

/** Options of {@link createTextRequestRequest}. */
export interface CreateTextRequestRequestOptions {
  /**
   * The webhook body: a payload object (sent as JSON), or a string or bytes sent as they are.
   * @example createTextRequestPayload('message_received')
   */
  readonly payload: TextRequestWebhook | string | Uint8Array;
  /**
   * The API key to sign with, the one your handler is configured with.
   * @example 'test-api-key'
   */
  readonly apiKey: string;
  /**
   * Where the request goes.
   * @default 'http://localhost/webhooks/textrequest'
   * @example 'http://127.0.0.1:3000/hooks/textrequest'
   */
  readonly url?: string | URL | undefined;
  /**
   * When the request was signed: Unix seconds, or a `Date` (e.g. an old one, to test the
   * tolerance window).
   * @default the current time
   * @example new Date(Date.now() - 10 * 60 * 1000)
   */
  readonly timestamp?: number | Date | undefined;
}

function toUnixSeconds(timestamp: number | Date | undefined): number {
  if (timestamp === undefined) return Math.floor(Date.now() / 1000);
  if (timestamp instanceof Date) return Math.floor(timestamp.getTime() / 1000);
  if (!Number.isInteger(timestamp) || timestamp < 0) {
    throw new RangeError('timestamp must be a whole number of Unix seconds, or a Date.');
  }
  // Twelve digits of seconds is the year 5138; such a value is almost surely milliseconds.
  if (timestamp >= 1e11) {
    throw new RangeError('timestamp is in Unix seconds; the value given looks like milliseconds.');
  }
  return timestamp;
}

/**
 * Builds the `Request` Text Request would send: a JSON POST signed with `x-tr-webhook-signature`
 * and `x-tr-webhook-timestamp` over the exact body bytes.
 *
 * @throws {RangeError} when `timestamp` is not whole Unix seconds.
 * @example
 * ```ts
 * const request = await createTextRequestRequest({
 *   payload: createTextRequestPayload('message_received'),
 *   apiKey: 'test-api-key',
 * });
 * const response = await handler(request); // a createFetchHandler with secret: 'test-api-key'
 * ```
 */
export async function createTextRequestRequest(
  options: CreateTextRequestRequestOptions,
): Promise<Request> {
  const { payload, apiKey, url = defaultWebhookUrl('textrequest') } = options;
  const timestamp = toUnixSeconds(options.timestamp);
  const body = toRequestBody(payload);
  const signature = await signTextRequestBody({ body, apiKey, timestamp });
  return createJsonPost(url, body, {
    [TEXT_REQUEST_SIGNATURE_HEADER]: signature,
    [TEXT_REQUEST_TIMESTAMP_HEADER]: String(timestamp),
  });
}

/** The documented Text Request samples. */
export interface TextRequestFixtures {
  /** The documented "message sent" body. */
  readonly messageSent: TextRequestMessage;
  /** The same body as received (`messageDirection` `R`). */
  readonly messageReceived: TextRequestMessage;
  /** A received MMS with the later fields: unique id, segments, status, claimer, attachment. */
  readonly messageReceivedExtended: TextRequestMessage;
  /** The documented "new contact is created" body. */
  readonly contactCreated: TextRequestContactCreated;
  /** A `contact_updated` body built from the v3 API document's examples. */
  readonly contactUpdated: TextRequestContactUpdated;
  /** A delivery status body (`msg_status_updated`, `status_callback`) from the document's examples: `delivered`. */
  readonly messageStatus: TextRequestMessageStatus;
  /** The same status body with `status` `error` and an `error_code`, which parses to `message.failed`. */
  readonly messageStatusError: TextRequestMessageStatus;
  /** A location body (`location_received`, `location_callback`) from the document's examples. */
  readonly locationReceived: TextRequestLocation;
  /** A `payment_status_updated` body from the document's examples. */
  readonly paymentStatusUpdated: TextRequestPayment;
}

const { fixtures, fixtureList } = createFixtureSet<
  TextRequestFixtures,
  ProviderFixture<'textrequest', TextRequestWebhook>
>('textrequest', [
  { file: 'contact-created', key: 'contactCreated', source: contactCreated },
  { file: 'contact-updated', key: 'contactUpdated', source: contactUpdated },
  { file: 'location-received', key: 'locationReceived', source: locationReceived },
  { file: 'message-received', key: 'messageReceived', source: messageReceived },
  {
    file: 'message-received-extended',
    key: 'messageReceivedExtended',
    source: messageReceivedExtended,
  },
  { file: 'message-sent', key: 'messageSent', source: messageSent },
  { file: 'message-status', key: 'messageStatus', source: messageStatus },
  { file: 'message-status-error', key: 'messageStatusError', source: messageStatusError },
  {
    file: 'payment-status-updated',
    key: 'paymentStatusUpdated',
    source: paymentStatusUpdated,
  },
]);

/** What `createWebhookRequest('textrequest', …)` takes: the API key to sign with is its `secret`. */
export type TextRequestWebhookRequestOptions = Omit<CreateTextRequestRequestOptions, 'apiKey'> & {
  /**
   * The Text Request API key to sign with.
   * @example 'test-api-key'
   */
  readonly secret: string;
};

/** Text Request in `sms-webhooks/testing` and the `sms-webhooks` command. */
export const textRequestTesting: ProviderTestingDefinition<
  typeof textRequestProvider,
  TextRequestPayloadKind,
  TextRequestFixtures,
  ProviderFixture<'textrequest', TextRequestWebhook>,
  TextRequestWebhookRequestOptions
> = {
  id: 'textrequest',
  fixtures,
  fixtureList,
  payloadKinds: textRequestPayloadKinds,
  createPayload: (kind) => createTextRequestPayload(kind),
  createRequest: ({ secret, ...options }) =>
    createTextRequestRequest({ ...options, apiKey: secret }),
  async createSendRequest({ body, secret, url }) {
    if (secret === undefined) return { request: createJsonPost(url, body), signing: 'unsigned' };
    return {
      request: await createTextRequestRequest({ payload: body, apiKey: secret, url }),
      signing: 'x-tr-webhook-signature',
    };
  },
};

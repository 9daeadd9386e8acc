import telmetricsCallPreprocessed from '../../fixtures/telmetrics/call-preprocessed.json' with {
  type: 'json',
};
import telmetricsSmsConversationStart from '../../fixtures/telmetrics/sms-conversation-start.json' with {
  type: 'json',
};
import telmetricsSmsConversationStartAttributed from '../../fixtures/telmetrics/sms-conversation-start-attributed.json' with {
  type: 'json',
};
import textLinkFailed from '../../fixtures/textlink/failed.json' with { type: 'json' };
import textLinkHowItWorks from '../../fixtures/textlink/how-it-works.json' with { type: 'json' };
import textLinkReceived from '../../fixtures/textlink/received.json' with { type: 'json' };
import textLinkSent from '../../fixtures/textlink/sent.json' with { type: 'json' };
import textLinkTagChanged from '../../fixtures/textlink/tag-changed.json' with { type: 'json' };
import textRequestContactCreated from '../../fixtures/textrequest/contact-created.json' with {
  type: 'json',
};
import textRequestMessageReceived from '../../fixtures/textrequest/message-received.json' with {
  type: 'json',
};
import textRequestMessageReceivedExtended from '../../fixtures/textrequest/message-received-extended.json' with {
  type: 'json',
};
import textRequestMessageSent from '../../fixtures/textrequest/message-sent.json' with {
  type: 'json',
};
import type { TelmetricsWebhook } from '../providers/telmetrics/schema.js';
import type {
  TextLinkFailedMessage,
  TextLinkKind,
  TextLinkPayload,
  TextLinkReceivedMessage,
  TextLinkSentMessage,
  TextLinkTagChange,
} from '../providers/textlink/schema.js';
import type {
  TextRequestContactCreated,
  TextRequestMessage,
  TextRequestWebhook,
} from '../providers/textrequest/schema.js';
import type { TelmetricsConversationStartPayload } from './telmetrics.js';

/** The documented Telmetrics samples. */
export interface TelmetricsFixtures {
  /** The documented "SMS Conversation Start" delivery, with empty landing page and referrer. */
  readonly smsConversationStart: TelmetricsConversationStartPayload;
  /** The second capture of the same sample, with the landing page and referrer filled in. */
  readonly smsConversationStartAttributed: TelmetricsConversationStartPayload;
  /** A call delivery (`CallDetails.CallPreprocessed`), which parses to an `unknown` event. */
  readonly callPreprocessed: TelmetricsWebhook;
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
}

/** Every documented sample, by provider. */
export interface SmsWebhookFixtures {
  /** Telmetrics samples. */
  readonly telmetrics: TelmetricsFixtures;
  /** TextLink samples. */
  readonly textlink: TextLinkFixtures;
  /** Text Request samples. */
  readonly textrequest: TextRequestFixtures;
}

/** One sample of {@link fixtureList}: its name, provider, and a fresh copy of its payload. */
export type SmsWebhookFixture =
  | {
      /** The fixture's name, `<provider>/<file name without .json>`, e.g. `telmetrics/call-preprocessed`. */
      readonly name: string;
      /** The provider that sends it. */
      readonly provider: 'telmetrics';
      /** The payload; every read returns a new deep copy. */
      readonly payload: TelmetricsWebhook;
    }
  | {
      /** The fixture's name, `<provider>/<file name without .json>`, e.g. `textlink/received`. */
      readonly name: string;
      /** The provider that sends it. */
      readonly provider: 'textlink';
      /** Which TextLink webhook it is, the `kind` to parse it with (TextLink bodies do not say). */
      readonly kind: TextLinkKind;
      /** The payload; every read returns a new deep copy. */
      readonly payload: TextLinkPayload;
    }
  | {
      /** The fixture's name, `<provider>/<file name without .json>`, e.g. `textrequest/message-sent`. */
      readonly name: string;
      /** The provider that sends it. */
      readonly provider: 'textrequest';
      /** The payload; every read returns a new deep copy. */
      readonly payload: TextRequestWebhook;
    };

interface FixtureSource {
  readonly name: string;
  readonly provider: keyof SmsWebhookFixtures;
  readonly key: string;
  readonly kind?: TextLinkKind;
  readonly source: unknown;
}

// Listed by name, the order of the files on disk.
const sources: readonly FixtureSource[] = [
  {
    name: 'telmetrics/call-preprocessed',
    provider: 'telmetrics',
    key: 'callPreprocessed',
    source: telmetricsCallPreprocessed,
  },
  {
    name: 'telmetrics/sms-conversation-start',
    provider: 'telmetrics',
    key: 'smsConversationStart',
    source: telmetricsSmsConversationStart,
  },
  {
    name: 'telmetrics/sms-conversation-start-attributed',
    provider: 'telmetrics',
    key: 'smsConversationStartAttributed',
    source: telmetricsSmsConversationStartAttributed,
  },
  {
    name: 'textlink/failed',
    provider: 'textlink',
    key: 'failed',
    kind: 'failed',
    source: textLinkFailed,
  },
  {
    name: 'textlink/how-it-works',
    provider: 'textlink',
    key: 'howItWorks',
    kind: 'received',
    source: textLinkHowItWorks,
  },
  {
    name: 'textlink/received',
    provider: 'textlink',
    key: 'received',
    kind: 'received',
    source: textLinkReceived,
  },
  { name: 'textlink/sent', provider: 'textlink', key: 'sent', kind: 'sent', source: textLinkSent },
  {
    name: 'textlink/tag-changed',
    provider: 'textlink',
    key: 'tagChanged',
    kind: 'tag_changed',
    source: textLinkTagChanged,
  },
  {
    name: 'textrequest/contact-created',
    provider: 'textrequest',
    key: 'contactCreated',
    source: textRequestContactCreated,
  },
  {
    name: 'textrequest/message-received',
    provider: 'textrequest',
    key: 'messageReceived',
    source: textRequestMessageReceived,
  },
  {
    name: 'textrequest/message-received-extended',
    provider: 'textrequest',
    key: 'messageReceivedExtended',
    source: textRequestMessageReceivedExtended,
  },
  {
    name: 'textrequest/message-sent',
    provider: 'textrequest',
    key: 'messageSent',
    source: textRequestMessageSent,
  },
];

// Each read hands out a new deep copy, so one test changing a payload cannot affect another.
function freshCopy(source: unknown): PropertyDescriptor {
  return { enumerable: true, get: () => structuredClone(source) };
}

function groupByProvider(): SmsWebhookFixtures {
  const groups: Record<string, object> = { telmetrics: {}, textlink: {}, textrequest: {} };
  for (const { provider, key, source } of sources) {
    Object.defineProperty(groups[provider], key, freshCopy(source));
  }
  for (const group of Object.values(groups)) Object.freeze(group);
  return Object.freeze(groups) as unknown as SmsWebhookFixtures;
}

/**
 * The providers' documented webhook samples (the JSON files in `fixtures/`), typed with each
 * provider's wire types. Every read returns a new deep copy, so change it freely.
 *
 * @example
 * ```ts
 * import { fixtures } from 'sms-webhooks/testing';
 *
 * const body = fixtures.textlink.received;
 * body.text = 'STOP';
 * ```
 */
export const fixtures: SmsWebhookFixtures = groupByProvider();

/**
 * Every documented sample as a flat list, ordered by name, e.g. to run one test per fixture.
 * Every read of `payload` returns a new deep copy.
 *
 * @example
 * ```ts
 * for (const fixture of fixtureList) {
 *   test(fixture.name, () => expect(parseSmsWebhook(fixture.payload, fixture)).not.toHaveLength(0));
 * }
 * ```
 */
export const fixtureList: readonly SmsWebhookFixture[] = Object.freeze(
  sources.map(({ name, provider, kind, source }) =>
    Object.freeze(
      Object.defineProperties(kind === undefined ? { name, provider } : { name, provider, kind }, {
        payload: freshCopy(source),
      }),
    ),
  ) as unknown as SmsWebhookFixture[],
);

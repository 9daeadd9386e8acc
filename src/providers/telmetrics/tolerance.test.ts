import { expect } from 'vitest';
import { fixtureJson } from '../../../test/support/fixtures.js';
import {
  describeToleranceTable,
  REMOVE,
  type RefusedCase,
  type ToleratedCase,
  vary,
} from '../../../test/support/tolerance-table.js';
import type { SmsEvent } from '../../events.js';
import type { TelmetricsEvent } from './normalize.js';

// Variations of the documented samples that a genuine delivery plausibly has (provider-docs and
// FACTS.md: both captures of the sample, "when available" matching, untracked texters, call
// webhooks on the same endpoint, Marchex's successor payloads), and what must still be refused.
const start = 'telmetrics/sms-conversation-start' as const;
const n0 = 'Notifications[0]';
const details = `${n0}.AttributionDetails`;

/** The one event of an answer, as this provider's event (so its `rawExact` is known). */
function only(events: SmsEvent[]): TelmetricsEvent {
  expect(events).toHaveLength(1);
  expect(events[0]?.provider).toBe('telmetrics');
  return events[0] as TelmetricsEvent;
}

function attributionOf(events: SmsEvent[]) {
  const event = only(events);
  if (event.type !== 'conversation.started') throw new Error(`got ${event.type}`);
  return event.attribution;
}

const emptyAttribution = {
  source: null,
  medium: null,
  campaign: null,
  term: null,
  content: null,
  rule: null,
  landingPage: null,
  referrer: null,
  session: null,
  sessionTag: null,
};

function twoNotifications(first: Record<string, unknown>): Record<string, unknown> {
  const body = fixtureJson(start);
  const [conversation] = body.Notifications as Record<string, unknown>[];
  return { ...body, Notifications: [first, conversation] };
}

const tolerated: ToleratedCase[] = [
  {
    name: 'the documented sample as it is',
    body: fixtureJson(start),
    drift: [],
    check: (events) => expect(only(events).rawExact).toBe(true),
  },
  {
    name: 'AttributionDetails: null (a texter from no tracked web session)',
    body: vary(start, { [details]: null }),
    drift: [[details, 'unexpected_type', 'null']],
    check: (events) => {
      expect(attributionOf(events)).toEqual(emptyAttribution);
      const event = only(events);
      expect(event.rawExact).toBe(false);
      expect(event.raw).toMatchObject({ AttributionDetails: null, TexterNumber: '9055802958' });
    },
  },
  {
    name: 'AttributionDetails absent',
    body: vary(start, { [details]: REMOVE }),
    drift: [[details, 'missing', 'absent']],
    check: (events) => expect(attributionOf(events)).toEqual(emptyAttribution),
  },
  {
    name: 'AttributionDetails: {} (attribution not resolved yet)',
    body: vary(start, { [details]: {} }),
    drift: [
      'session_tag',
      'SessionId',
      'RuleDescription',
      'LandingPageUrl',
      'ReferrerUrl',
      'MultisessionFlag',
      'utm_campaign',
      'utm_term',
      'utm_source',
      'utm_medium',
      'utm_content',
    ].map((field) => [`${details}.${field}`, 'missing', 'absent'] as const),
    check: (events) => expect(attributionOf(events)).toEqual(emptyAttribution),
  },
  {
    name: 'session_tag absent',
    body: vary(start, { [`${details}.session_tag`]: REMOVE }),
    drift: [[`${details}.session_tag`, 'missing', 'absent']],
    check: (events) => expect(attributionOf(events).sessionTag).toBeNull(),
  },
  {
    name: 'session_tag.tag_id as a numeric string',
    body: vary(start, { [`${details}.session_tag.tag_id`]: '71718183' }),
    drift: [[`${details}.session_tag.tag_id`, 'coerced', 'string']],
    check: (events) => expect(attributionOf(events).sessionTag?.id).toBe('71718183'),
  },
  {
    name: 'session_tag.tag_time: null',
    body: vary(start, { [`${details}.session_tag.tag_time`]: null }),
    drift: [[`${details}.session_tag.tag_time`, 'unexpected_type', 'null']],
    check: (events) =>
      expect(attributionOf(events).sessionTag).toEqual({
        id: '71718183',
        data: 'ID09347882882',
        time: null,
      }),
  },
  {
    name: 'SessionId as a number',
    body: vary(start, { [`${details}.SessionId`]: 884412 }),
    drift: [],
    check: (events) => expect(attributionOf(events).session).toBe('884412'),
  },
  {
    name: 'SessionId as a number past 2^53 (digits lost)',
    body: vary(start, { [`${details}.SessionId`]: 2 ** 53 + 2 }),
    drift: [[`${details}.SessionId`, 'unexpected_type', 'number']],
    check: (events) => expect(attributionOf(events).session).toBeNull(),
  },
  {
    name: 'LandingPageUrl: null and ReferrerUrl absent',
    body: vary(start, { [`${details}.LandingPageUrl`]: null, [`${details}.ReferrerUrl`]: REMOVE }),
    drift: [
      [`${details}.LandingPageUrl`, 'unexpected_type', 'null'],
      [`${details}.ReferrerUrl`, 'missing', 'absent'],
    ],
    check: (events) => {
      expect(attributionOf(events).landingPage).toBeNull();
      expect(attributionOf(events).referrer).toBeNull();
    },
  },
  {
    name: 'MultisessionFlag: "false"',
    body: vary(start, { [`${details}.MultisessionFlag`]: 'false' }),
    drift: [[`${details}.MultisessionFlag`, 'coerced', 'string']],
  },
  {
    name: 'MultisessionFlag: 0 (not read: 0 is not a boolean)',
    body: vary(start, { [`${details}.MultisessionFlag`]: 0 }),
    drift: [[`${details}.MultisessionFlag`, 'unexpected_type', 'number']],
  },
  {
    name: 'every utm_* value null (no UTM parameters on the landing page)',
    body: vary(start, {
      [`${details}.utm_campaign`]: null,
      [`${details}.utm_term`]: null,
      [`${details}.utm_source`]: null,
      [`${details}.utm_medium`]: null,
      [`${details}.utm_content`]: null,
    }),
    drift: ['utm_campaign', 'utm_term', 'utm_source', 'utm_medium', 'utm_content'].map(
      (field) => [`${details}.${field}`, 'unexpected_type', 'null'] as const,
    ),
    check: (events) => {
      expect(attributionOf(events)).toMatchObject({ source: null, campaign: null, term: null });
      expect(attributionOf(events).rule).toBe('Google Paid');
    },
  },
  {
    name: 'RuleDescription: null',
    body: vary(start, { [`${details}.RuleDescription`]: null }),
    drift: [[`${details}.RuleDescription`, 'unexpected_type', 'null']],
    check: (events) => expect(attributionOf(events).rule).toBeNull(),
  },
  {
    name: 'TelmetricsStudyID as a numeric string',
    body: vary(start, { [`${n0}.TelmetricsStudyID`]: '9462657' }),
    drift: [[`${n0}.TelmetricsStudyID`, 'coerced', 'string']],
  },
  {
    name: 'TelmetricsStudyID: null',
    body: vary(start, { [`${n0}.TelmetricsStudyID`]: null }),
    drift: [[`${n0}.TelmetricsStudyID`, 'unexpected_type', 'null']],
  },
  {
    name: 'ConversationType and SmsToChatProvider absent (not routed to a chat provider)',
    body: vary(start, { [`${n0}.ConversationType`]: REMOVE, [`${n0}.SmsToChatProvider`]: REMOVE }),
    drift: [
      [`${n0}.ConversationType`, 'missing', 'absent'],
      [`${n0}.SmsToChatProvider`, 'missing', 'absent'],
    ],
  },
  {
    name: 'no name/address match (Texter* null or absent)',
    body: vary(start, {
      [`${n0}.TexterName`]: null,
      [`${n0}.TexterAddress`]: REMOVE,
      [`${n0}.TexterCity`]: null,
      [`${n0}.TexterState`]: REMOVE,
      [`${n0}.TexterZip`]: null,
    }),
    drift: [],
    check: (events) => {
      const event = only(events);
      if (event.type !== 'conversation.started') throw new Error(event.type);
      expect(event.contact).toEqual({
        id: null,
        name: null,
        phoneNumber: '+19055802958',
        tag: null,
        address: null,
      });
    },
  },
  {
    name: 'TexterZip as a number',
    body: vary(start, { [`${n0}.TexterZip`]: 62706 }),
    drift: [[`${n0}.TexterZip`, 'coerced', 'number']],
    check: (events) => {
      const event = only(events);
      if (event.type !== 'conversation.started') throw new Error(event.type);
      expect(event.contact?.address?.postalCode).toBe('62706');
    },
  },
  {
    name: 'MessageDate: null (occurredAt falls back to Properties.UTC)',
    body: vary(start, { [`${n0}.MessageDate`]: null }),
    drift: [[`${n0}.MessageDate`, 'unexpected_type', 'null']],
    check: (events) => expect(only(events).occurredAt).toBe('2019-09-19T17:16:01.765Z'),
  },
  {
    name: 'MessageDate absent',
    body: vary(start, { [`${n0}.MessageDate`]: REMOVE }),
    drift: [[`${n0}.MessageDate`, 'missing', 'absent']],
    check: (events) => expect(only(events).occurredAt).toBe('2019-09-19T17:16:01.765Z'),
  },
  {
    name: 'Attempt as a numeric string (a redelivery)',
    body: vary(start, { Attempt: '2' }),
    drift: [['Attempt', 'coerced', 'string']],
    check: (events) =>
      expect(only(events).idempotencyKey).toBe('telmetrics:0bdacf54acd6480086b9f9b6c1baa50b:0'),
  },
  {
    name: 'Attempt absent',
    body: vary(start, { Attempt: REMOVE }),
    drift: [['Attempt', 'missing', 'absent']],
  },
  {
    name: 'Properties: null (occurredAt from MessageDate still)',
    body: vary(start, { Properties: null }),
    drift: [['Properties', 'unexpected_type', 'null']],
    check: (events) => {
      expect(only(events).occurredAt).toBe('2019-09-19T17:16:24.147Z');
      // The notification itself matched its schema, so its raw is typed as documented.
      expect(only(events).rawExact).toBe(true);
    },
  },
  {
    name: 'Properties.Organization as a number, as OrganizationId is elsewhere',
    body: vary(start, { 'Properties.Organization': 4062 }),
    drift: [['Properties.Organization', 'coerced', 'number']],
  },
  {
    name: 'Properties.Organization "test:<guid>" with Scenario TEST (Marchex test delivery)',
    body: vary(start, {
      'Properties.Organization': 'test:7d1c1f7e-4a51-4f0e-9c7b-2f3b0d8e6a11',
      'Properties.Scenario': 'TEST',
    }),
    drift: [],
  },
  {
    name: 'Properties.RequestId absent',
    body: vary(start, { 'Properties.RequestId': REMOVE }),
    drift: [['Properties.RequestId', 'missing', 'absent']],
  },
  {
    name: 'a new field in the notification and one in the envelope',
    body: vary(start, { [`${n0}.TexterEmail`]: 'x@example.com', Region: 'CA' }),
    drift: [
      [`Notifications[*].TexterEmail`, 'unknown_field', 'string'],
      ['Region', 'unknown_field', 'string'],
    ],
    check: (events) => expect(only(events).rawExact).toBe(true),
  },
  {
    name: 'a new field in three notifications, reported once',
    body: (() => {
      const body = fixtureJson(start);
      const [conversation] = body.Notifications as Record<string, unknown>[];
      const withField = { ...conversation, Channel: 'sms' };
      return { ...body, Notifications: [withField, withField, withField] };
    })(),
    drift: [['Notifications[*].Channel', 'unknown_field', 'string']],
    check: (events) => expect(events).toHaveLength(3),
  },
  {
    name: 'the call sample with fields the SMS documents do not describe (no drift)',
    body: fixtureJson('telmetrics/call-preprocessed'),
    drift: [],
    check: (events) => expect(only(events).type).toBe('unknown'),
  },
  {
    name: 'a notification without Action next to a conversation start',
    body: twoNotifications({ ConversationId: 'x' }),
    drift: [['Notifications[0].Action', 'unknown_event', 'absent']],
    check: (events) => {
      expect(events.map((event) => event.type)).toEqual(['unknown', 'conversation.started']);
      const [unknown] = events;
      expect(unknown).toMatchObject({ type: 'unknown', action: null, rawExact: false });
      expect(events[1]?.idempotencyKey).toBe('telmetrics:0bdacf54acd6480086b9f9b6c1baa50b:1');
    },
  },
  {
    name: 'a notification whose Action is a number',
    body: twoNotifications({ Action: 7 }),
    drift: [['Notifications[0].Action', 'unknown_event', 'number']],
    check: (events) => expect(events[0]).toMatchObject({ type: 'unknown', action: null }),
  },
  {
    name: 'an SMS action this version does not model',
    body: twoNotifications({ Action: 'SmsDetails.SmsConversationEnd', ConversationId: 'x' }),
    drift: [['Notifications[0].Action', 'unknown_event', 'string']],
    check: (events) =>
      expect(events[0]).toMatchObject({
        type: 'unknown',
        action: 'SmsDetails.SmsConversationEnd',
        rawExact: true,
      }),
  },
  {
    name: "Marchex's SalesRescueNew.NewRescueCall (known, not modelled: no drift)",
    body: twoNotifications({
      Action: 'SalesRescueNew.NewRescueCall',
      StartTime: '4/30/2021 1:31:38 PM',
    }),
    drift: [],
  },
  {
    name: 'an empty Notifications array',
    body: vary(start, { Notifications: [] }),
    drift: [],
    check: (events) => expect(events).toEqual([]),
  },
  {
    name: 'Id as a number',
    body: vary(start, { Id: 12345 }),
    drift: [['Id', 'coerced', 'number']],
    check: (events) => expect(only(events).idempotencyKey).toBe('telmetrics:12345:0'),
  },
  {
    name: 'TexterNumber as a number',
    body: vary(start, { [`${n0}.TexterNumber`]: 9055802958 }),
    drift: [[`${n0}.TexterNumber`, 'coerced', 'number']],
    check: (events) => expect(only(events)).toMatchObject({ from: '+19055802958' }),
  },
  {
    // Only a conversation start documents TexterNumber; another kind's blank one names nothing.
    name: 'a call notification with TexterNumber: "" beside a conversation start',
    body: twoNotifications({ Action: 'CallDetails.CallPreprocessed', TexterNumber: '' }),
    drift: [],
    check: (events) => {
      expect(events.map((event) => event.type)).toEqual(['unknown', 'conversation.started']);
      expect(new Set(events.map((event) => event.idempotencyKey)).size).toBe(2);
    },
  },
];

const refused: RefusedCase[] = [
  { name: 'a body without Id', body: vary(start, { Id: REMOVE }), issues: ['Id'] },
  { name: 'an empty Id', body: vary(start, { Id: '' }), issues: ['Id'] },
  { name: 'Id: null', body: vary(start, { Id: null }), issues: ['Id'] },
  {
    name: 'Notifications absent',
    body: vary(start, { Notifications: REMOVE }),
    issues: ['Notifications'],
  },
  {
    name: 'Notifications as an object',
    body: vary(start, { Notifications: { Action: 'SmsDetails.SmsConversationStart' } }),
    issues: ['Notifications'],
  },
  {
    name: 'a notification that is not an object',
    body: twoNotifications(null as unknown as Record<string, unknown>),
    issues: ['Notifications[0]'],
  },
  {
    name: 'a conversation start without TexterNumber',
    body: vary(start, { [`${n0}.TexterNumber`]: REMOVE }),
    issues: [`${n0}.TexterNumber`],
  },
  {
    name: 'a conversation start with TextedNumber: null',
    body: vary(start, { [`${n0}.TextedNumber`]: null }),
    issues: [`${n0}.TextedNumber`],
  },
  {
    name: 'a conversation start whose ConversationId is an object',
    body: vary(start, { [`${n0}.ConversationId`]: { id: 1 } }),
    issues: [`${n0}.ConversationId`],
  },
  {
    name: 'both numbers of a conversation start missing, with descriptive drift besides',
    body: vary(start, {
      [`${n0}.TexterNumber`]: REMOVE,
      [`${n0}.TextedNumber`]: REMOVE,
      [details]: null,
    }),
    issues: [`${n0}.TexterNumber`, `${n0}.TextedNumber`],
  },
  // A blank value names no delivery, conversation or number; as an id it would key every such event alike.
  { name: 'a whitespace-only Id', body: vary(start, { Id: '   ' }), issues: ['Id'] },
  {
    name: 'a conversation start with ConversationId: ""',
    body: vary(start, { [`${n0}.ConversationId`]: '' }),
    issues: [`${n0}.ConversationId`],
  },
  {
    name: 'a conversation start whose TexterNumber is whitespace',
    body: vary(start, { [`${n0}.TexterNumber`]: ' \t' }),
    issues: [`${n0}.TexterNumber`],
  },
  {
    name: 'a conversation start with TextedNumber: "", with descriptive drift besides',
    body: vary(start, { [`${n0}.TextedNumber`]: '', [details]: null }),
    issues: [`${n0}.TextedNumber`],
  },
  {
    name: 'a conversation start with ConversationId: "" beside a usable one',
    body: twoNotifications({
      ...(fixtureJson(start).Notifications as Record<string, unknown>[])[0],
      ConversationId: '',
    }),
    issues: [`${n0}.ConversationId`],
  },
  { name: 'a JSON array', body: [fixtureJson(start)], issues: [''] },
];

describeToleranceTable('telmetrics', tolerated, refused);

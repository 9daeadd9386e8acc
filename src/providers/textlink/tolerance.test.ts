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
import type { TextLinkEvent } from './normalize.js';

// Variations of TextLink's documented samples that genuine webhooks plausibly have (provider-docs
// and FACTS.md: consumers that type ids and timestamps as strings or integers, the optional
// subuser_id, the older page's sent/received flags, SIM-less dispatch), and what is still refused.

/** The one event of an answer, as this provider's event (so its `rawExact` is known). */
function only(events: SmsEvent[]): TextLinkEvent {
  expect(events).toHaveLength(1);
  expect(events[0]?.provider).toBe('textlink');
  return events[0] as TextLinkEvent;
}

const tolerated: ToleratedCase[] = [
  {
    name: 'a received message with timestamp as a string of digits',
    kind: 'received',
    body: vary('textlink/how-it-works', { timestamp: '1748455363370' }),
    drift: [],
    check: (events) => expect(only(events).occurredAt).toBe('2025-05-28T18:02:43.370Z'),
  },
  {
    name: 'a received message with an ISO 8601 timestamp',
    kind: 'received',
    body: vary('textlink/how-it-works', { timestamp: '2025-05-28T18:02:43.370Z' }),
    drift: [['timestamp', 'coerced', 'string']],
    check: (events) => expect(only(events).occurredAt).toBe('2025-05-28T18:02:43.370Z'),
  },
  {
    name: 'a received message with timestamp: null',
    kind: 'received',
    body: vary('textlink/how-it-works', { timestamp: null }),
    drift: [['timestamp', 'unexpected_type', 'null']],
    check: (events) => expect(only(events).occurredAt).toBeNull(),
  },
  {
    name: 'a received message with text: null (a picture message)',
    kind: 'received',
    body: vary('textlink/received', { text: null }),
    drift: [['text', 'unexpected_type', 'null']],
    check: (events) => expect(only(events)).toMatchObject({ text: null, intent: null }),
  },
  {
    name: 'a received message without text',
    kind: 'received',
    body: vary('textlink/received', { text: REMOVE }),
    drift: [['text', 'missing', 'absent']],
  },
  {
    name: 'a received message whose text is a number',
    kind: 'received',
    body: vary('textlink/received', { text: 42 }),
    drift: [['text', 'coerced', 'number']],
    check: (events) => expect(only(events)).toMatchObject({ text: '42' }),
  },
  {
    name: 'a received STOP with tag and name null (no contact yet)',
    kind: 'received',
    body: vary('textlink/received', { text: 'STOP', tag: null, name: null }),
    drift: [],
    check: (events) =>
      expect(only(events)).toMatchObject({
        intent: 'opt_out',
        contact: { name: null, tag: null, phoneNumber: '+381690156360' },
      }),
  },
  {
    name: "a received message with the older page's flags as strings",
    kind: 'received',
    body: vary('textlink/received', { sent: 'false', received: 'true' }),
    drift: [
      ['sent', 'coerced', 'string'],
      ['received', 'coerced', 'string'],
    ],
  },
  {
    name: 'a received message with received: 1',
    kind: 'received',
    body: vary('textlink/received', { received: 1 }),
    drift: [['received', 'unexpected_type', 'number']],
  },
  {
    name: 'a received message with a new field',
    kind: 'received',
    body: vary('textlink/received', { media_url: 'https://example.com/a.jpg' }),
    drift: [['media_url', 'unknown_field', 'string']],
    check: (events) => expect(only(events).rawExact).toBe(true),
  },
  {
    name: 'a received message whose secret is a number (never echoed)',
    kind: 'received',
    body: vary('textlink/received', { secret: 12345 }),
    drift: [['secret', 'coerced', 'number']],
    check: (events) => expect(Object.hasOwn(only(events).raw as object, 'secret')).toBe(false),
  },
  {
    name: 'a received message whose kind is inferred',
    body: vary('textlink/received', { tag: 7 }),
    drift: [['tag', 'coerced', 'number']],
    check: (events) => expect(only(events).type).toBe('message.received'),
  },
  {
    name: 'a sent message with sim_card_id: null (sent without a chosen SIM)',
    kind: 'sent',
    body: vary('textlink/sent', { sim_card_id: null }),
    drift: [['sim_card_id', 'unexpected_type', 'null']],
    check: (events) => {
      expect(only(events)).toMatchObject({ type: 'message.sent', to: '+381690156360' });
      expect(only(events).rawExact).toBe(false);
    },
  },
  {
    name: 'a sent message with sim_card_id as a string of digits',
    kind: 'sent',
    body: vary('textlink/sent', { sim_card_id: '123' }),
    drift: [],
  },
  {
    name: 'a sent message with portal: "true"',
    kind: 'sent',
    body: vary('textlink/sent', { portal: 'true' }),
    drift: [['portal', 'coerced', 'string']],
  },
  {
    name: 'a sent message with portal: null',
    kind: 'sent',
    body: vary('textlink/sent', { portal: null }),
    drift: [['portal', 'unexpected_type', 'null']],
  },
  {
    name: 'a sent message with a fractional timestamp',
    kind: 'sent',
    body: vary('textlink/sent', { timestamp: 1748463114559.5 }),
    drift: [['timestamp', 'unexpected_type', 'number']],
  },
  {
    name: 'a sent message with text: ""',
    kind: 'sent',
    body: vary('textlink/sent', { text: '' }),
    drift: [],
    check: (events) => expect(only(events)).toMatchObject({ text: null }),
  },
  {
    name: 'a failed message with textlink_id: null (keyed by content)',
    kind: 'failed',
    body: vary('textlink/failed', { textlink_id: null }),
    drift: [['textlink_id', 'unexpected_type', 'null']],
    check: (events) => {
      const event = only(events);
      expect(event).toMatchObject({ type: 'message.failed', messageId: null });
      expect(event.idempotencyKey).toMatch(/^textlink:failed:fp:[0-9a-f]{16}$/);
    },
  },
  {
    name: 'a failed message with textlink_id as a string of digits',
    kind: 'failed',
    body: vary('textlink/failed', { textlink_id: '100123' }),
    drift: [],
    check: (events) => expect(only(events).idempotencyKey).toBe('textlink:failed:100123'),
  },
  {
    name: 'a failed message whose textlink_id is past 2^53 (not used as a key)',
    kind: 'failed',
    body: vary('textlink/failed', { textlink_id: 2 ** 53 + 2 }),
    drift: [['textlink_id', 'unexpected_type', 'number']],
    check: (events) => {
      expect(only(events)).toMatchObject({ messageId: null });
      expect(only(events).idempotencyKey).toMatch(/^textlink:failed:fp:[0-9a-f]{16}$/);
    },
  },
  {
    name: 'a failed message with custom_id as an object',
    kind: 'failed',
    body: vary('textlink/failed', { custom_id: { id: 1 } }),
    drift: [['custom_id', 'unexpected_type', 'object']],
  },
  {
    name: 'a failed message with sim_card_id: null and no timestamp',
    kind: 'failed',
    body: vary('textlink/failed', { sim_card_id: null, timestamp: REMOVE }),
    drift: [['sim_card_id', 'unexpected_type', 'null']],
    check: (events) => expect(only(events).occurredAt).toBeNull(),
  },
  {
    name: 'a tag change with subuser_id: null (the admin account)',
    kind: 'tag_changed',
    body: vary('textlink/tag-changed', { subuser_id: null }),
    drift: [['subuser_id', 'unexpected_type', 'null']],
    check: (events) =>
      expect(only(events)).toMatchObject({
        type: 'contact.tag_changed',
        subaccountId: null,
        tag: 'Warm',
      }),
  },
  {
    name: 'a tag change with subuser_id as a string of digits',
    kind: 'tag_changed',
    body: vary('textlink/tag-changed', { subuser_id: '6' }),
    drift: [],
    check: (events) => expect(only(events)).toMatchObject({ subaccountId: '6' }),
  },
  {
    name: 'a tag change without tag (the tag was removed)',
    kind: 'tag_changed',
    body: vary('textlink/tag-changed', { tag: REMOVE }),
    drift: [['tag', 'missing', 'absent']],
    check: (events) => expect(only(events)).toMatchObject({ tag: null }),
  },
  {
    name: 'a tag change with a name that is a number',
    kind: 'tag_changed',
    body: vary('textlink/tag-changed', { name: 2024 }),
    drift: [['name', 'coerced', 'number']],
  },
  {
    name: 'a tag change with a secret and a timestamp',
    kind: 'tag_changed',
    body: { ...fixtureJson('textlink/tag-changed'), secret: 's3cr3t', timestamp: 1748463114559 },
    drift: [],
  },
  {
    name: 'a phone number sent as a JSON number',
    kind: 'received',
    body: vary('textlink/received', { phone_number: 381690156360 }),
    drift: [['phone_number', 'coerced', 'number']],
  },
];

const refused: RefusedCase[] = [
  {
    name: 'a received message without phone_number',
    kind: 'received',
    body: vary('textlink/received', { phone_number: REMOVE }),
    issues: ['phone_number'],
  },
  {
    name: 'a sent message with phone_number: null',
    kind: 'sent',
    body: vary('textlink/sent', { phone_number: null }),
    issues: ['phone_number'],
  },
  {
    name: 'a failed message whose phone_number is an object',
    kind: 'failed',
    body: vary('textlink/failed', { phone_number: { number: '+381690156360' } }),
    issues: ['phone_number'],
  },
  {
    name: 'a tag change whose phone_number is an array',
    kind: 'tag_changed',
    body: vary('textlink/tag-changed', { phone_number: ['+381690156360'] }),
    issues: ['phone_number'],
  },
  {
    name: 'a tag change whose phone_number is a boolean, with other drift besides',
    kind: 'tag_changed',
    body: vary('textlink/tag-changed', { phone_number: true, subuser_id: null }),
    issues: ['phone_number'],
  },
  // A blank number names nobody; every message from "nobody" with one text would share a key.
  {
    name: 'a received message with phone_number: ""',
    kind: 'received',
    body: vary('textlink/received', { phone_number: '' }),
    issues: ['phone_number'],
  },
  {
    name: 'a sent message whose phone_number is whitespace',
    kind: 'sent',
    body: vary('textlink/sent', { phone_number: '  ' }),
    issues: ['phone_number'],
  },
  {
    name: 'a failed message with phone_number: "", with other drift besides',
    kind: 'failed',
    body: vary('textlink/failed', { phone_number: '', sim_card_id: null }),
    issues: ['phone_number'],
  },
  {
    name: 'a tag change with phone_number: ""',
    kind: 'tag_changed',
    body: vary('textlink/tag-changed', { phone_number: '' }),
    issues: ['phone_number'],
  },
  {
    name: 'a received message with phone_number: "" and no kind named',
    body: vary('textlink/received', { phone_number: '' }),
    issues: ['phone_number'],
  },
  { name: 'a JSON array', kind: 'received', body: [], issues: [''] },
];

describeToleranceTable('textlink', tolerated, refused);

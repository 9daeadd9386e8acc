import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import failed from '../../../fixtures/textlink/failed.json' with { type: 'json' };
import howItWorks from '../../../fixtures/textlink/how-it-works.json' with { type: 'json' };
import received from '../../../fixtures/textlink/received.json' with { type: 'json' };
import sent from '../../../fixtures/textlink/sent.json' with { type: 'json' };
import tagChanged from '../../../fixtures/textlink/tag-changed.json' with { type: 'json' };
import { toSmsWebhookIssues } from '../../issues.js';
import { safeParseTextLinkWebhook } from './index.js';
import {
  inferTextLinkKind,
  isTextLinkKind,
  TextLinkFailedMessageSchema,
  type TextLinkKind,
  TextLinkReceivedMessageSchema,
  TextLinkSentMessageSchema,
  TextLinkTagChangeSchema,
  textLinkKinds,
  textLinkSchemas,
} from './schema.js';

const fixtures: readonly [name: string, kind: TextLinkKind, body: Record<string, unknown>][] = [
  ['received', 'received', received],
  ['sent', 'sent', sent],
  ['failed', 'failed', failed],
  ['tag-changed', 'tag_changed', tagChanged],
  ['how-it-works', 'received', howItWorks],
];

// What the documented schema says about a body; the parse functions tolerate most of it (see
// tolerance.test.ts), and `strict: true` refuses it.
function issuesOf(body: unknown, kind: TextLinkKind) {
  const result = v.safeParse(textLinkSchemas[kind], body);
  if (result.success) throw new Error('expected the body to be rejected');
  expect(safeParseTextLinkWebhook(body, { kind, strict: true }).success).toBe(false);
  return toSmsWebhookIssues(result.issues);
}

describe('TextLink schemas', () => {
  it.each(fixtures)('accept the documented %s sample unchanged', (_name, kind, body) => {
    const result = v.safeParse(textLinkSchemas[kind], body);
    expect(result.issues).toBeUndefined();
    expect(result.output).toEqual(body);
  });

  it.each(fixtures)('work as Standard Schema validators (%s)', async (_name, kind, body) => {
    const result = await textLinkSchemas[kind]['~standard'].validate(body);
    expect(result.issues).toBeUndefined();
    expect(result).toMatchObject({ value: body });
  });

  it('report Standard Schema issues with their path', async () => {
    const result = await TextLinkSentMessageSchema['~standard'].validate({
      ...sent,
      portal: 'yes',
    });
    expect(
      result.issues?.map((issue) => issue.path?.map((item) => (item as { key: unknown }).key)),
    ).toEqual([['portal']]);
  });

  it('map each kind to its schema', () => {
    expect(textLinkSchemas).toEqual({
      received: TextLinkReceivedMessageSchema,
      sent: TextLinkSentMessageSchema,
      failed: TextLinkFailedMessageSchema,
      tag_changed: TextLinkTagChangeSchema,
    });
    expect(Object.keys(textLinkSchemas)).toEqual([...textLinkKinds]);
  });

  it('keep unknown fields', () => {
    const body = { ...received, sim_card_id: 9, extra: { nested: [1, 2] } };
    expect(v.parse(TextLinkReceivedMessageSchema, body)).toEqual(body);
    expect(v.parse(TextLinkTagChangeSchema, { ...tagChanged, color: 'red' })).toHaveProperty(
      'color',
      'red',
    );
  });

  it.each([
    ['timestamp', 'received', received],
    ['timestamp', 'sent', sent],
    ['sim_card_id', 'sent', sent],
    ['textlink_id', 'failed', failed],
    ['sim_card_id', 'failed', failed],
    ['subuser_id', 'tag_changed', tagChanged],
  ] as const)(
    'accept %s of a %s message as a number or a string of digits',
    (field, kind, body) => {
      const schema = textLinkSchemas[kind];
      expect(v.safeParse(schema, { ...body, [field]: 1748463114559 }).success).toBe(true);
      expect(v.safeParse(schema, { ...body, [field]: '1748463114559' }).success).toBe(true);
      expect(v.safeParse(schema, { ...body, [field]: 0 }).success).toBe(true);
    },
  );

  it.each([
    ['12a', 'expected a string of digits'],
    ['', 'expected a string of digits'],
    [' 12', 'expected a string of digits'],
    ['-5', 'expected a string of digits'],
    [1.5, 'expected an integer'],
    [-1, 'expected a value >=0'],
    [true, 'expected (number | string), received boolean'],
    [null, 'expected (number | string), received null'],
    [{}, 'expected (number | string), received object'],
  ])('reject the numeric value %j with the field path', (value, message) => {
    expect(issuesOf({ ...sent, sim_card_id: value }, 'sent')).toEqual([
      { path: 'sim_card_id', message },
    ]);
    expect(issuesOf({ ...tagChanged, subuser_id: value }, 'tag_changed')).toEqual([
      { path: 'subuser_id', message },
    ]);
  });

  it('accept custom_id as a string, a number or null', () => {
    for (const custom_id of ['abc-1', 1234, null]) {
      expect(v.safeParse(TextLinkFailedMessageSchema, { ...failed, custom_id }).success).toBe(true);
    }
    expect(issuesOf({ ...failed, custom_id: false }, 'failed')).toEqual([
      { path: 'custom_id', message: 'expected (string | number), received boolean' },
    ]);
  });

  it('accept a contact name and tag of null, and bodies without them', () => {
    const { name: _name, tag: _tag, ...bare } = received;
    expect(v.safeParse(TextLinkReceivedMessageSchema, bare).success).toBe(true);
    expect(
      v.safeParse(TextLinkReceivedMessageSchema, { ...received, name: null, tag: null }).success,
    ).toBe(true);
    expect(
      v.safeParse(TextLinkTagChangeSchema, { ...tagChanged, name: null, tag: null }).success,
    ).toBe(true);
  });

  it('accept the older page’s sent and received flags as booleans only', () => {
    expect(
      v.safeParse(TextLinkReceivedMessageSchema, { ...received, sent: false, received: true })
        .success,
    ).toBe(true);
    expect(issuesOf({ ...received, received: 'true' }, 'received')).toEqual([
      { path: 'received', message: 'expected boolean, received string' },
    ]);
  });

  it('reject wrong types with the exact path and message', () => {
    expect(issuesOf({ ...received, phone_number: 381690156360 }, 'received')).toEqual([
      { path: 'phone_number', message: 'expected string, received number' },
    ]);
    expect(issuesOf({ ...sent, portal: 'true' }, 'sent')).toEqual([
      { path: 'portal', message: 'expected boolean, received string' },
    ]);
    expect(issuesOf({ ...failed, text: ['Hello'] }, 'failed')).toEqual([
      { path: 'text', message: 'expected string, received array' },
    ]);
    expect(issuesOf({ ...tagChanged, name: 7 }, 'tag_changed')).toEqual([
      { path: 'name', message: 'expected string, received number' },
    ]);
  });

  it('require the phone number everywhere, the text on messages and the tag on tag changes', () => {
    expect(issuesOf({ text: 'hi' }, 'received')).toEqual([
      { path: 'phone_number', message: 'required field is missing' },
    ]);
    expect(issuesOf({ phone_number: '+381690156360' }, 'sent')).toEqual([
      { path: 'text', message: 'required field is missing' },
    ]);
    expect(issuesOf({ phone_number: '+381690156360', name: 'A' }, 'tag_changed')).toEqual([
      { path: 'tag', message: 'required field is missing' },
    ]);
  });

  it('list every failing field', () => {
    expect(issuesOf({ phone_number: null, text: 5, timestamp: 'soon' }, 'received')).toEqual([
      { path: 'phone_number', message: 'expected string, received null' },
      { path: 'text', message: 'expected string, received number' },
      { path: 'timestamp', message: 'expected a string of digits' },
    ]);
  });
});

describe('inferTextLinkKind', () => {
  it.each(fixtures)('reads the %s sample as %s', (_name, kind, body) => {
    expect(inferTextLinkKind(body)).toBe(kind);
  });

  it.each([
    [{ phone_number: '+1', text: 'x', textlink_id: 1 }, 'failed'],
    [{ phone_number: '+1', text: 'x', custom_id: 'a' }, 'failed'],
    [{ phone_number: '+1', text: 'x', custom_id: null, portal: true }, 'failed'],
    [{ phone_number: '+1', text: 'x', portal: false }, 'sent'],
    [{ phone_number: '+1', text: 'x', portal: true, tag: 'Warm' }, 'sent'],
    [{ phone_number: '+1', tag: 'Warm' }, 'tag_changed'],
    [{ phone_number: '+1', tag: null }, 'tag_changed'],
    [{ phone_number: '+1', tag: 'Warm', text: 'x' }, 'received'],
    [{ phone_number: '+1', tag: 'Warm', text: '' }, 'received'],
    [{ phone_number: '+1', text: 'x', textlink_id: undefined, portal: undefined }, 'received'],
    [{ phone_number: '+1' }, 'received'],
    [{}, 'received'],
  ] as const)('reads %j as %s', (body, kind) => {
    expect(inferTextLinkKind(body)).toBe(kind);
  });

  it('reads values that are not objects as received, without throwing', () => {
    for (const value of [null, undefined, 'textlink_id', 42, [{ textlink_id: 1 }], true]) {
      expect(inferTextLinkKind(value)).toBe('received');
    }
  });

  it('ignores fields inherited from a prototype', () => {
    expect(inferTextLinkKind(Object.create({ textlink_id: 1, portal: true }))).toBe('received');
  });
});

describe('isTextLinkKind', () => {
  it('accepts the four kinds only', () => {
    for (const kind of textLinkKinds) expect(isTextLinkKind(kind)).toBe(true);
    for (const value of ['tag-changed', 'Received', '', undefined, null, 1]) {
      expect(isTextLinkKind(value)).toBe(false);
    }
  });
});

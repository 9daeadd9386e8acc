import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type SmsEvent, SmsWebhookError, safeParseSmsWebhook } from '../src/index.js';
import type { SafeParseSmsWebhookResult } from '../src/parse.js';
import { telmetricsTolerance } from '../src/providers/telmetrics/schema.js';
import { textLinkTolerance } from '../src/providers/textlink/schema.js';
import {
  inferTextRequestBodyKind,
  textRequestTolerance,
} from '../src/providers/textrequest/schema.js';
import type { TolerancePolicy } from '../src/tolerance/read-tolerantly.js';
import {
  eventViolations,
  KeyRegistry,
  resultViolations,
  SAMPLE_SECRET,
  sentValues,
} from './support/event-contract.js';
import { type FixtureName, fixtureJson, readFixtures } from './support/fixtures.js';
import {
  FuzzRandom,
  mutateJson,
  nextInput,
  randomJson,
  replaceLeaf,
} from './support/fuzz-inputs.js';

const fixtures = readFixtures();

/** Values a provider may plausibly put in a descriptive field, edge cases first. */
const plausibleValue: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom(
    null,
    '',
    '2019-02-30T10:00:00+00:00',
    '0000-01-01T00:00:00Z',
    '9999-12-31T23:59:59.999-01:00',
    '0690156360',
    '+0 1234 5678',
    '+44 (0) 20 7946 0958',
    Number.POSITIVE_INFINITY,
    2 ** 53,
    2 ** 53 + 2,
    1.5,
    1748455363,
    1748455363370,
    ' Stop. ',
  ),
  fc.date({ noInvalidDate: true }).map((date) => date.toISOString()),
  fc.integer({ min: -1e13, max: 1e13 }),
  fc.double(),
  fc.stringMatching(/^\+?[\d\s().-]{0,18}$/),
  fc.string(),
);

function expectContract(body: unknown, keys: KeyRegistry, options = {}): SafeParseSmsWebhookResult {
  const result = safeParseSmsWebhook(body, options);
  expect(resultViolations(body, result)).toEqual([]);
  expect(keys.record(result)).toEqual([]);
  return result;
}

describe('every answer keeps the event contract', () => {
  it.each(fixtures)('for $name with plausible values in any field', ({ json, provider }) => {
    const keys = new KeyRegistry();
    let accepted = 0;
    fc.assert(
      fc.property(
        fc.array(fc.nat(), { minLength: 1, maxLength: 4 }),
        plausibleValue,
        (path, value) => {
          const body = replaceLeaf(json, path, value);
          if (expectContract(body, keys).success) accepted++;
          expectContract(body, keys, { provider });
          expectContract(JSON.stringify(body), keys, { provider });
        },
      ),
      { numRuns: 150 },
    );
    // The generator must reach accepted events, or the contract is checked on errors only.
    expect(accepted).toBeGreaterThan(0);
  });

  it('for any time a provider may send in its timestamp fields', () => {
    const keys = new KeyRegistry();
    const byName = (name: string): Record<string, unknown> =>
      structuredClone(fixtures.find((fixture) => fixture.name === name)?.json) as Record<
        string,
        unknown
      >;
    const time = fc.oneof(
      fc.integer({ min: -9e15, max: 9e15 }),
      fc.double({ min: -1e16, max: 1e16 }),
      fc
        .date({ min: new Date(-1e15), max: new Date(1e15), noInvalidDate: true })
        .chain((date) =>
          fc
            .constantFrom('Z', '+00:00', '-05:00', '+14:00', '')
            .map((zone) => date.toISOString().replace(/Z$/, zone)),
        ),
      fc
        .tuple(
          fc.integer({ min: 0, max: 9999 }),
          fc.integer({ min: 1, max: 12 }),
          fc.integer({ min: 1, max: 31 }),
          fc.constantFrom('Z', '+00:00', '-12:00', '+0530'),
        )
        .map(
          ([year, month, day, zone]) =>
            `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}T23:30:00${zone}`,
        ),
    );
    let accepted = 0;
    fc.assert(
      fc.property(time, fc.nat(), (value, digits) => {
        const textlink = byName('textlink/received');
        textlink.timestamp =
          typeof value === 'number' ? Math.abs(Math.trunc(value)) : String(digits);
        const textrequest = byName('textrequest/message-received');
        (textrequest.conversation as Record<string, unknown>).date = value;
        const telmetrics = byName('telmetrics/sms-conversation-start-attributed');
        (telmetrics.Properties as Record<string, unknown>).UTC = value;
        const [notification] = telmetrics.Notifications as Record<string, unknown>[];
        if (notification) notification.MessageDate = value;
        for (const body of [textlink, textrequest, telmetrics]) {
          if (expectContract(body, keys).success) accepted++;
        }
      }),
      { numRuns: 400 },
    );
    expect(accepted).toBeGreaterThan(400);
  });

  it('for the fuzz generator: any JSON, bytes, strings and mutated samples', () => {
    const random = new FuzzRandom(20_251_201);
    const keys = new KeyRegistry();
    const inputs = fixtures.map(({ provider, json }) => ({ provider, json }));
    for (let index = 0; index < 3000; index++) {
      const input = nextInput(random, inputs);
      expectContract(input.body, keys);
      expectContract(input.body, keys, { provider: input.provider });
    }
  });

  it('for distinct TextLink messages, which get distinct keys', () => {
    const keys = new KeyRegistry();
    const received = fixtures.find((fixture) => fixture.name === 'textlink/received')?.json;
    fc.assert(
      fc.property(fc.string({ minLength: 1 }), fc.nat(), (text, timestamp) => {
        const body = { ...(received as object), text, timestamp };
        const result = expectContract(body, keys, { provider: 'textlink' });
        expect(result.success).toBe(true);
      }),
      { numRuns: 200 },
    );
    expect(keys.size).toBeGreaterThan(150);
  });
});

/** The tolerance policy a sample is read with. */
function policyOf(provider: string, json: unknown): TolerancePolicy {
  if (provider === 'telmetrics') return telmetricsTolerance;
  if (provider === 'textlink') return textLinkTolerance;
  const kind = inferTextRequestBodyKind(json);
  if (kind === null) throw new Error('every Text Request sample has a known body kind');
  return textRequestTolerance[kind];
}

/** The identifying fields a sample holds as strings, as paths (`Notifications[0].TexterNumber`). */
function identifyingStrings(provider: string, json: unknown): string[] {
  const found: string[] = [];
  const visit = (value: unknown, keys: readonly string[], path: string): void => {
    const [key, ...rest] = keys;
    if (key === undefined) {
      if (typeof value === 'string') found.push(path);
    } else if (key === '[*]') {
      if (Array.isArray(value)) {
        for (const [index, item] of value.entries()) visit(item, rest, `${path}[${index}]`);
      }
    } else if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
      visit((value as Record<string, unknown>)[key], rest, path === '' ? key : `${path}.${key}`);
    }
  };
  for (const pattern of policyOf(provider, json).identifying) {
    visit(json, pattern.split(/\.|(?=\[)/), '');
  }
  return found;
}

/** A copy of a sample with the string at `path` replaced. */
function withValue(name: FixtureName, path: string, value: unknown): Record<string, unknown> {
  const body = fixtureJson(name);
  const keys = [...path.matchAll(/([^.[\]]+)|\[(\d+)\]/g)].map((match) =>
    match[2] === undefined ? (match[1] as string) : Number(match[2]),
  );
  const last = keys.pop() as string | number;
  let parent = body as Record<string | number, unknown>;
  for (const key of keys) parent = parent[key] as Record<string | number, unknown>;
  parent[last] = value;
  return body;
}

const identifyingCases = fixtures.flatMap(({ name, provider, json }) =>
  identifyingStrings(provider, json).map((path) => ({ name: name as FixtureName, path })),
);

/** Empty and whitespace-only strings, which name no number and no id. */
const blankString = fc
  .array(fc.constantFrom(' ', '\t', '\n', '\r', '\u00a0', '\u2003', '\ufeff'), { maxLength: 6 })
  .map((characters) => characters.join(''));

/** Strings that name something: at least one character besides whitespace. */
const usableString = fc
  .string({ minLength: 1, maxLength: 24 })
  .filter((text) => text.trim() !== '');

/** The identifying fields each sample's idempotency key is made from (an id, or the content's fingerprint). */
const keyedCases: readonly { readonly name: FixtureName; readonly path: string }[] = [
  { name: 'telmetrics/sms-conversation-start', path: 'Id' },
  { name: 'telmetrics/call-preprocessed', path: 'Id' },
  { name: 'textlink/received', path: 'phone_number' },
  { name: 'textlink/sent', path: 'phone_number' },
  { name: 'textlink/tag-changed', path: 'phone_number' },
  { name: 'textrequest/message-received', path: 'conversation.consumerPhoneNumber' },
  { name: 'textrequest/message-sent', path: 'yourPhoneNumber.phoneNumber' },
  { name: 'textrequest/contact-updated', path: 'phone_number' },
  { name: 'textrequest/message-status', path: 'message_id' },
  { name: 'textrequest/message-status', path: 'status' },
  { name: 'textrequest/location-received', path: 'MessageId' },
  { name: 'textrequest/payment-status-updated', path: 'payment_id' },
  { name: 'textrequest/payment-status-updated', path: 'status' },
];

describe('identifying fields that hold a blank string', () => {
  it('are found in every sample that documents one', () => {
    // Each provider and each Text Request body kind has at least one identifying string.
    expect(new Set(identifyingCases.map(({ name }) => name))).toEqual(
      new Set(fixtures.map(({ name }) => name)),
    );
  });

  it.each(identifyingCases)('refuse $name with a blank $path, naming it', ({ name, path }) => {
    fc.assert(
      fc.property(blankString, (blank) => {
        const body = withValue(name, path, blank);
        const result = safeParseSmsWebhook(body);
        expect(resultViolations(body, result)).toEqual([]);
        if (result.success) expect.fail(`accepted a blank ${path}`);
        expect(result.error.code).toBe('invalid_payload');
        expect(result.error.issues.map((issue) => issue.path)).toEqual([path]);
      }),
      { numRuns: 20 },
    );
  });

  it.each(keyedCases)(
    'leave $name two non-empty distinct keys for two $path values',
    ({ name, path }) => {
      const keys = new KeyRegistry();
      fc.assert(
        fc.property(fc.uniqueArray(usableString, { minLength: 2, maxLength: 2 }), (values) => {
          const found = values.map((value) => {
            const result = expectContract(withValue(name, path, value), keys);
            if (!result.success) expect.fail(`refused a usable ${path}`);
            expect(result.events).toHaveLength(1);
            return result.events[0]?.idempotencyKey ?? '';
          });
          for (const key of found) expect(key.trim()).not.toBe('');
          expect(found[0]).not.toBe(found[1]);
        }),
        { numRuns: 40 },
      );
    },
  );
});

describe('the contract check', () => {
  const received = fixtures.find((fixture) => fixture.name === 'textrequest/contact-created');
  const ok = safeParseSmsWebhook(received?.json);
  if (!ok.success) throw new Error('the contact-created sample must parse');
  const event = ok.events[0] as Extract<SmsEvent, { type: 'contact.created' }>;

  it('finds nothing wrong with the documented samples', () => {
    for (const fixture of fixtures) {
      expect(resultViolations(fixture.json, safeParseSmsWebhook(fixture.json))).toEqual([]);
    }
  });

  it('finds a timestamp that is not exact, a number that is not E.164 or sent, an unsafe key', () => {
    const raw = { ...(received?.json as object), ContactId: Number.POSITIVE_INFINITY };
    const sent = sentValues(raw);
    const bad = {
      ...event,
      occurredAt: '+275760-09-13T00:00:00.000Z',
      idempotencyKey: 'textrequest:contact:Infinity',
      businessNumber: '+10690156360',
      contact: { ...event.contact, id: 'Infinity' },
    } as SmsEvent;
    expect(eventViolations(bad, sent)).toEqual([
      'textrequest contact.created: idempotencyKey holds an unsafe id',
      'textrequest contact.created: occurredAt is not null or YYYY-MM-DDTHH:mm:ss.sssZ',
      "textrequest contact.created: businessNumber is neither valid E.164 nor the provider's own string",
      'textrequest contact.created: contact.id is not null or a safe id string',
    ]);
    expect(eventViolations({ ...event, occurredAt: '2019-02-30T10:00:00.000Z' }, sent)).toEqual([
      'textrequest contact.created: occurredAt is not a valid instant',
    ]);
  });

  it('finds a blank key, number or id, even one the provider sent', () => {
    const raw = { ...(received?.json as object), ContactPhoneNumber: ' ' };
    const blank = {
      ...event,
      idempotencyKey: '  ',
      businessNumber: '',
      contact: { ...event.contact, id: ' ', phoneNumber: ' ' },
    } as SmsEvent;
    expect(eventViolations(blank, sentValues(raw))).toEqual([
      'textrequest contact.created: idempotencyKey is empty',
      'textrequest contact.created: businessNumber is blank',
      'textrequest contact.created: contact.phoneNumber is blank',
      'textrequest contact.created: contact.id is not null or a safe id string',
    ]);
    const status = safeParseSmsWebhook(fixtureJson('textrequest/message-status'));
    if (!status.success) throw new Error('the message-status sample must parse');
    const blankMessage = { ...status.events[0], messageId: '\t' } as SmsEvent;
    expect(eventViolations(blankMessage, sentValues({}))).toEqual([
      'textrequest message.status: messageId is not null or a non-blank string',
    ]);
  });

  it('takes a key part the provider sent as a string as that string, and reads arrays whole', () => {
    // `"NaN"` here is a status the provider wrote, not the unsafe number beside it.
    const body = { message_id: 'NaN', status: 'NaN', error_code: null, extra: Number.NaN };
    const status = safeParseSmsWebhook(body, { provider: 'textrequest' });
    expect(status.success).toBe(true);
    expect(resultViolations(body, status)).toEqual([]);
    // Only application code can give an array a named property, which the tolerant read uses.
    const your = Object.assign([], { phoneNumber: 'not a number' });
    const message = {
      ...(fixtures.find((f) => f.name === 'textrequest/message-received')?.json as object),
      yourPhoneNumber: your,
    };
    const read = safeParseSmsWebhook(message, { provider: 'textrequest' });
    expect(read.success).toBe(true);
    expect(resultViolations(message, read)).toEqual([]);
  });

  it('finds shared keys, unserializable events, secrets and look-alike errors', () => {
    const body = { phone_number: '+15551234567', secret: 'a-long-secret' };
    const twice: SafeParseSmsWebhookResult = {
      success: true,
      provider: 'textlink',
      events: [event, event],
      drift: [],
    };
    expect(resultViolations(body, twice)).toContain('textrequest: two events share a key');
    const cyclic: Record<string, unknown> = { ...event };
    cyclic.raw = cyclic;
    const unserializable = { success: true, provider: 'textrequest', events: [cyclic] } as never;
    expect(resultViolations(received?.json, unserializable)).toContain(
      'events cannot be JSON.stringify-ed',
    );
    const leaking = {
      success: true,
      provider: 'textlink',
      events: [{ ...event, raw: { secret: 'a-long-secret' } }],
    } as never;
    expect(resultViolations(body, leaking)).toContain('a secret appears in the answer');
    const error = new SmsWebhookError('invalid_payload', `bad ${SAMPLE_SECRET}`, {
      issues: [{ path: '', message: 'x' }],
    });
    expect(resultViolations({}, { success: false, error })).toEqual([
      'a secret appears in the answer',
    ]);
    const lookAlike = { name: 'SmsWebhookError', code: 'invalid_json', issues: [] } as never;
    expect(resultViolations({}, { success: false, error: lookAlike })).toEqual([
      'error is not an SmsWebhookError',
    ]);
  });

  it('finds one fingerprint key given to two different events, not two with one provider id', () => {
    const keys = new KeyRegistry();
    const textlink = fixtures.find((fixture) => fixture.name === 'textlink/received');
    const parsed = safeParseSmsWebhook(textlink?.json);
    if (!parsed.success) throw new Error('the received sample must parse');
    const base = parsed.events[0] as SmsEvent;
    expect(keys.record(parsed)).toEqual([]);
    const other = { ...base, text: 'other' } as SmsEvent;
    expect(
      keys.record({ success: true, provider: 'textlink', events: [other], drift: [] }),
    ).toEqual(['textlink message.received: one key for two different events']);
    // A contact keyed by Text Request's own ContactId may come back changed under the same key.
    const changed = { ...event, contact: { ...event.contact, name: 'Other' } };
    expect(keys.record(ok)).toEqual([]);
    expect(
      keys.record({ success: true, provider: 'textrequest', events: [changed], drift: [] }),
    ).toEqual([]);
  });

  it('makes inputs that differ from run to run only by seed', () => {
    const first = new FuzzRandom(1);
    const again = new FuzzRandom(1);
    expect(JSON.stringify(randomJson(first))).toBe(JSON.stringify(randomJson(again)));
    const sample = fixtures[0]?.json;
    expect(JSON.stringify(mutateJson(first, sample))).toBe(
      JSON.stringify(mutateJson(again, sample)),
    );
  });
});

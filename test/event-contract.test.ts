import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type SmsEvent, SmsWebhookError, safeParseSmsWebhook } from '../src/index.js';
import type { SafeParseSmsWebhookResult } from '../src/parse.js';
import {
  eventViolations,
  KeyRegistry,
  resultViolations,
  SAMPLE_SECRET,
  sentValues,
} from './support/event-contract.js';
import { readFixtures } from './support/fixtures.js';
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

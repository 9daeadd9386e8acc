import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type SmsEvent, SmsWebhookError, safeParseSmsWebhook } from '../src/index.js';
import { safeParseTelmetricsWebhook } from '../src/providers/telmetrics/index.js';
import { safeParseTextLinkWebhook } from '../src/providers/textlink/index.js';
import { safeParseTextRequestWebhook } from '../src/providers/textrequest/index.js';
import { readFixtures } from './support/fixtures.js';
import { replaceLeaf } from './support/fuzz-inputs.js';

const fixtures = readFixtures();
const SECRET = 'YOUR_WEBHOOK_SECRET';

/** Events without the parts that legitimately change when fields are added (raw keeps them). */
function modelled(events: readonly SmsEvent[]): unknown[] {
  return events.map(({ raw: _raw, ...rest }) => rest);
}

function expectResult(body: unknown): void {
  const result = safeParseSmsWebhook(body);
  expect(typeof result.success).toBe('boolean');
  if (!result.success) {
    expect(result.error.name).toBe('SmsWebhookError');
    expect(result.error.issues.length).toBeGreaterThan(0);
  }
}

describe('safeParseSmsWebhook never throws', () => {
  it('for any JSON value', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        expectResult(value);
        expectResult(JSON.stringify(value));
      }),
      { numRuns: 500 },
    );
  });

  it('for any value at all, including functions, symbols, BigInts and Dates', () => {
    fc.assert(
      fc.property(
        fc.anything({ withBigInt: true, withDate: true, withMap: true, withSet: true }),
        (value) => {
          expectResult(value);
        },
      ),
      { numRuns: 300 },
    );
    expectResult(() => {});
    expectResult(Symbol('x'));
    expectResult(10n);
  });

  it('for random strings and bytes', () => {
    fc.assert(
      fc.property(fc.string(), fc.uint8Array(), (text, bytes) => {
        expectResult(text);
        expectResult(bytes);
      }),
      { numRuns: 300 },
    );
  });

  it.each(fixtures)('for random mutations of $name', ({ json }) => {
    fc.assert(
      fc.property(
        fc.array(fc.nat(), { minLength: 1, maxLength: 5 }),
        fc.oneof(fc.jsonValue(), fc.bigInt(), fc.constant(undefined), fc.date()),
        (path, value) => {
          expectResult(replaceLeaf(json, path, value));
        },
      ),
      { numRuns: 200 },
    );
  });
});

describe('forward compatibility', () => {
  it.each(fixtures)(
    '$name with extra unknown fields parses to the same events',
    ({ json, provider }) => {
      const expected = safeParseSmsWebhook(json, { provider });
      expect(expected.success).toBe(true);
      if (!expected.success) return;
      fc.assert(
        fc.property(
          fc.dictionary(
            // A prefix no documented field has, so an extra key never replaces a documented one.
            fc.string({ minLength: 1 }).map((key) => `x_${key}`),
            fc.jsonValue(),
            { minKeys: 1, maxKeys: 4 },
          ),
          (extra) => {
            const result = safeParseSmsWebhook({ ...(json as object), ...extra }, { provider });
            expect(result.success).toBe(true);
            if (!result.success) return;
            expect(modelled(result.events)).toEqual(modelled(expected.events));
          },
        ),
        { numRuns: 100 },
      );
    },
  );
});

describe('hostile bodies', () => {
  it('rejects deeply nested arrays with a typed error', () => {
    const deep = `${'['.repeat(200_000)}${']'.repeat(200_000)}`;
    const result = safeParseSmsWebhook(deep);
    expect(result.success).toBe(false);
    let nested: unknown = [];
    for (let depth = 0; depth < 100_000; depth++) nested = [nested];
    const value = safeParseSmsWebhook({ phone_number: '+15551234567', text: nested });
    expect(value.success).toBe(false);
  });

  it('handles multi-megabyte strings', () => {
    const text = 'a'.repeat(5 * 1024 * 1024);
    const result = safeParseSmsWebhook({ phone_number: '+15551234567', text });
    expect(result.success).toBe(true);
    if (result.success) {
      const [event] = result.events;
      expect(event?.type).toBe('message.received');
      if (event?.type === 'message.received') expect(event.text?.length).toBe(text.length);
    }
    expect(safeParseSmsWebhook(`"${text}"`).success).toBe(false);
  });

  it('does not let __proto__ keys pollute prototypes or reach events', () => {
    const body = `{"phone_number":"+15551234567","text":"hi","__proto__":{"polluted":true},"constructor":{"prototype":{"polluted":true}}}`;
    const result = safeParseSmsWebhook(body);
    expect(result.success).toBe(true);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    if (result.success) {
      const raw = result.events[0]?.raw as Record<string, unknown>;
      expect(Object.getPrototypeOf(raw)).toBe(Object.prototype);
      expect(raw.polluted).toBeUndefined();
      expect(Object.hasOwn(raw, '__proto__')).toBe(false);
    }
  });

  it('refuses BigInt, function and Date values, which no provider sends, naming the field', () => {
    for (const value of [10n, () => 'x', new Date(0)]) {
      for (const body of [
        { phone_number: '+15551234567', text: value },
        { phone_number: value, text: 'hi' },
      ]) {
        const result = safeParseSmsWebhook(body, { provider: 'textlink' });
        expect(result.success).toBe(false);
        if (!result.success) {
          expect(result.error.code).toBe('invalid_payload');
          expect(result.error.issues).toHaveLength(1);
          expect(result.error.issues[0]?.path).toBe(body.text === 'hi' ? 'phone_number' : 'text');
        }
      }
    }
  });

  it('survives getters that throw', () => {
    const body = Object.defineProperty({ phone_number: '+15551234567' }, 'text', {
      enumerable: true,
      get() {
        throw new Error('boom');
      },
    });
    const result = safeParseSmsWebhook(body);
    expect(result.success).toBe(false);
  });

  it('answers a real SmsWebhookError with issues when a getter throws a look-alike or a proxy', () => {
    const lookAlike = Object.assign(new Error('forged'), { name: 'SmsWebhookError', code: 'x' });
    const hostile = new Proxy(
      {},
      {
        getPrototypeOf() {
          throw new Error('prototype');
        },
        get() {
          throw new Error('get');
        },
      },
    );
    for (const thrown of [lookAlike, hostile, { name: 'SmsWebhookError', code: 'invalid_json' }]) {
      const throwing = (shape: Record<string, unknown>, key: string): unknown =>
        Object.defineProperty(shape, key, {
          enumerable: true,
          get() {
            throw thrown;
          },
        });
      const bodies = [
        throwing({ phone_number: '+15551234567' }, 'text'),
        throwing({ Id: 'x', Attempt: 1, Properties: {}, Notifications: [] }, 'Notifications'),
        throwing({ conversation: {}, yourPhoneNumber: {} }, 'messageUniqueIdentifier'),
      ];
      const results = [
        ...bodies.map((body) => safeParseSmsWebhook(body)),
        safeParseTextLinkWebhook(bodies[0]),
        safeParseTelmetricsWebhook(bodies[1]),
        safeParseTextRequestWebhook(bodies[2]),
      ];
      for (const result of results) {
        expect(result.success).toBe(false);
        if (result.success) continue;
        expect(result.error).toBeInstanceOf(SmsWebhookError);
        expect(result.error.issues.length).toBeGreaterThan(0);
      }
    }
  });
});

describe('secrets', () => {
  it.each(fixtures.filter((fixture) => fixture.text.includes(SECRET)))(
    'never appear in the events or errors of $name',
    ({ json }) => {
      const ok = safeParseSmsWebhook(json);
      expect(ok.success).toBe(true);
      expect(JSON.stringify(ok)).not.toContain(SECRET);
      // The fixture's own `secret` field holds SECRET: neither raw nor drift may show it.
      const drifting = { ...(json as object), text: [], timestamp: 'not a time', extra: 1 };
      const tolerated = safeParseSmsWebhook(drifting, { provider: 'textlink' });
      expect(tolerated.success).toBe(true);
      expect(JSON.stringify(tolerated)).not.toContain(SECRET);
      const strict = safeParseSmsWebhook(drifting, { provider: 'textlink', strict: true });
      expect(strict.success).toBe(false);
      expect(JSON.stringify(strict)).not.toContain(SECRET);
      const broken = { ...drifting, phone_number: [SECRET], timestamp: SECRET };
      const failed = safeParseSmsWebhook(broken, { provider: 'textlink' });
      expect(failed.success).toBe(false);
      if (!failed.success) {
        expect(failed.error.message).not.toContain(SECRET);
        expect(JSON.stringify(failed.error.issues)).not.toContain(SECRET);
      }
    },
  );
});

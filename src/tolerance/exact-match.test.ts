import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import { readFixtures } from '../../test/support/fixtures.js';
import { FuzzRandom, mutateJson } from '../../test/support/fuzz-inputs.js';
import { decodeJsonBody, readDecoded } from '../decode-body.js';
import { safeParseSmsWebhook } from '../parse.js';
import type { ProviderId } from '../providers/index.js';
import type { SmsDriftReport } from './drift.js';
import { exactMatcher } from './exact-match.js';
import { readTolerantly, type TolerancePolicy } from './read-tolerantly.js';

// A body parsed from text takes the compiled check; the same body given as a parsed value takes
// valibot. Whatever the body, both must give the same answer: same events, same drift in the same
// order, same errors.
function bothWays(text: string, provider: ProviderId) {
  const fromText = safeParseSmsWebhook(text, { provider });
  const fromValue = safeParseSmsWebhook(JSON.parse(text), { provider });
  return { fromText, fromValue };
}

describe('the compiled exact-match check', () => {
  const fixtures = readFixtures();

  it('gives every fixture the events and drift valibot gives', () => {
    for (const fixture of fixtures) {
      const { fromText, fromValue } = bothWays(fixture.text, fixture.provider);
      expect(fromText.success, fixture.name).toBe(true);
      expect(fromText, fixture.name).toEqual(fromValue);
    }
  });

  it('gives mutated fixtures the events, drift and errors valibot gives', () => {
    const random = new FuzzRandom(0x5eed);
    let differentFromFixture = 0;
    for (let round = 0; round < 60; round++) {
      for (const fixture of fixtures) {
        const text = JSON.stringify(mutateJson(random, fixture.json));
        if (text !== JSON.stringify(fixture.json)) differentFromFixture++;
        const { fromText, fromValue } = bothWays(text, fixture.provider);
        expect(fromText, `${fixture.name}: ${text}`).toEqual(fromValue);
      }
    }
    expect(differentFromFixture).toBeGreaterThan(60 * fixtures.length * 0.9);
  });

  it('refuses a blank identifying string from text as it does from a parsed value', () => {
    // Every string of every fixture blanked in turn: an identifying one must be refused both ways.
    const blanked = (value: unknown, visit: (copy: unknown) => void): void => {
      const walk = (node: unknown, set: (leaf: unknown) => unknown): void => {
        if (typeof node === 'string') {
          for (const blank of ['', '  ']) visit(set(blank));
        } else if (Array.isArray(node)) {
          for (const [index, item] of node.entries()) {
            walk(item, (leaf) => set(node.map((other, at) => (at === index ? leaf : other))));
          }
        } else if (typeof node === 'object' && node !== null) {
          for (const [key, item] of Object.entries(node)) {
            walk(item, (leaf) => set({ ...node, [key]: leaf }));
          }
        }
      };
      walk(value, (leaf) => leaf);
    };
    let refused = 0;
    for (const fixture of fixtures) {
      blanked(fixture.json, (copy) => {
        const { fromText, fromValue } = bothWays(JSON.stringify(copy), fixture.provider);
        expect(fromText, fixture.name).toEqual(fromValue);
        if (!fromText.success) refused++;
      });
    }
    expect(refused).toBeGreaterThan(0);
  });

  it('reports unknown fields in the order and at the paths valibot’s copy gives them', () => {
    const text = JSON.stringify({
      zeta: 1,
      account: { id: 1, extra: true },
      yourPhoneNumber: {
        id: 7250,
        externalPhoneId: null,
        description: 'd',
        phoneNumber: '14239309346',
        'odd key': 1,
      },
      conversation: {
        id: 42045,
        date: '2018-10-11T01:28:46.5966126Z',
        consumerPhoneNumber: '14232074721',
        messageDirection: 'R',
        message: 'Hi',
        consumerFriendlyName: null,
        mmsAttachments: [
          { url: 'u', size: 1 },
          { url: 'v', size: 2, more: 'x' },
        ],
        claimedBy: { nested: { unknown: 1 } },
      },
      alpha: 'last',
    });
    const { fromText, fromValue } = bothWays(text, 'textrequest');
    expect(fromText).toEqual(fromValue);
    expect(fromText.success && fromText.drift.map((report) => report.path)).toEqual([
      'account.extra',
      'yourPhoneNumber["odd key"]',
      'conversation.mmsAttachments[*].size',
      'conversation.mmsAttachments[*].more',
      'zeta',
      'alpha',
    ]);
  });

  it('leaves __proto__, constructor and integer keys to valibot, which keeps them out of raw', () => {
    for (const extra of ['"__proto__":{"p":1}', '"constructor":{"p":1}', '"0":1']) {
      const text = `{"phone_number":"+15551234567","text":"hi","name":{"x":1},"tag":null,${extra}}`;
      const { fromText, fromValue } = bothWays(text, 'textlink');
      expect(fromText).toEqual(fromValue);
      const raw = fromText.success ? (fromText.events[0]?.raw as object) : {};
      expect(Object.hasOwn(raw, '__proto__')).toBe(false);
      expect(Object.hasOwn(raw, 'constructor')).toBe(false);
    }
  });

  it('uses a body parsed from text as it is, and copies one the caller parsed', () => {
    const Schema = v.looseObject({ id: v.string(), inner: v.looseObject({ n: v.number() }) });
    const policy: TolerancePolicy = { provider: 'textlink', identifying: ['id'] };
    const decoded = decodeJsonBody('{"id":"a","inner":{"n":1}}');
    const parsed = decoded.value as object;
    const [first, second] = readDecoded(decoded, (value) => [
      readTolerantly(Schema, value, policy, []),
      // Only the first read trusts the parsed value: it may have been handed out and changed since.
      readTolerantly(Schema, value, policy, []),
    ]);
    expect(first?.raw).toBe(parsed);
    expect(first?.exact).toBe(true);
    expect(second?.raw).not.toBe(parsed);
    expect(second?.exact).toBe(true);
    // Nor is it trusted once the read is over, or read outside one.
    expect(readTolerantly(Schema, parsed, policy, []).raw).not.toBe(parsed);
    const unread = decodeJsonBody('{"id":"a","inner":{"n":1}}').value;
    expect(readTolerantly(Schema, unread, policy, []).raw).not.toBe(unread);
    const given = { id: 'a', inner: { n: 1 } };
    expect(readTolerantly(Schema, given, policy, []).raw).not.toBe(given);
  });

  it('answers only for schemas it can read whole, and leaves the others to valibot', () => {
    const transformed = v.looseObject({
      id: v.pipe(
        v.string(),
        v.transform((s) => s.length),
      ),
    });
    expect(exactMatcher(transformed, { provider: 'textlink', identifying: [] })).toBeNull();
    expect(
      exactMatcher(v.looseObject({ id: v.optional(v.string(), 'x') }), {
        provider: 'textlink',
        identifying: [],
      }),
    ).toBeNull();
    const matcher = exactMatcher(
      v.looseObject({ id: v.pipe(v.string(), v.nonEmpty()), n: v.optional(v.number()) }),
      { provider: 'textlink', identifying: [] },
    );
    const drift: SmsDriftReport[] = [];
    expect(matcher?.({ id: 'a', extra: 1 }, 'textlink', drift)).toBe(true);
    expect(drift).toEqual([
      {
        provider: 'textlink',
        path: 'extra',
        kind: 'unknown_field',
        expected: 'no such field',
        received: 'number',
      },
    ]);
    const none: SmsDriftReport[] = [];
    expect(matcher?.({ id: '', extra: 1 }, 'textlink', none)).toBe(false);
    expect(matcher?.({ id: 'a', n: Number.NaN }, 'textlink', none)).toBe(false);
    expect(matcher?.([], 'textlink', none)).toBe(false);
    expect(none).toEqual([]);
  });

  it('fails a blank string in an identifying field, through wrappers, arrays and variants only', () => {
    const Item = v.variant('kind', [
      v.looseObject({ kind: v.literal('a'), id: v.string() }),
      v.looseObject({ kind: v.literal('b'), other: v.string() }),
    ]);
    const Schema = v.looseObject({
      id: v.optional(v.string()),
      items: v.array(Item),
      either: v.optional(v.union([v.string(), v.looseObject({ id: v.string() })])),
      note: v.optional(v.string()),
    });
    const matcher = exactMatcher(Schema, {
      provider: 'textlink',
      identifying: ['id', 'items[*].id', 'either', 'either.id'],
    });
    const matches = (value: object) => matcher?.(value, 'textlink', []);
    expect(matches({ id: 'x', items: [{ kind: 'a', id: 'y' }], note: ' ' })).toBe(true);
    for (const blank of ['', ' ', '\u00a0\t']) {
      expect(matches({ id: blank, items: [] })).toBe(false);
      expect(
        matches({
          items: [
            { kind: 'a', id: 'y' },
            { kind: 'a', id: blank },
          ],
        }),
      ).toBe(false);
      expect(matches({ items: [], either: blank })).toBe(false);
      // Not identifying there: the option's own field, a descriptive field, a union's insides.
      expect(matches({ items: [{ kind: 'b', other: blank }], note: blank })).toBe(true);
      expect(matches({ items: [], either: { id: blank } })).toBe(true);
    }
  });
});

import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import { SmsWebhookError } from '../errors/SmsWebhookError.js';
import { jsonTypeOf, type SmsDriftReport } from './drift.js';
import {
  describeSchema,
  readTolerantly,
  settleDrift,
  type TolerancePolicy,
} from './read-tolerantly.js';

const Inner = v.looseObject({ count: v.number(), label: v.nullable(v.string()) });
const Schema = v.looseObject({
  id: v.pipe(v.string(), v.nonEmpty()),
  kind: v.picklist(['A', 'B']),
  inner: Inner,
  list: v.optional(v.array(v.looseObject({ url: v.string() }))),
  when: v.optional(v.union([v.pipe(v.number(), v.integer()), v.pipe(v.string(), v.digits())])),
});
const policy: TolerancePolicy = {
  provider: 'textlink',
  identifying: ['id', 'kind'],
  epochFields: ['when'],
};
const valid = { id: 'x1', kind: 'A', inner: { count: 2, label: 'two' }, list: [{ url: 'u' }] };

function read(input: unknown) {
  const drift: SmsDriftReport[] = [];
  const result = readTolerantly(Schema, input, policy, drift);
  return { ...result, drift };
}

describe('readTolerantly', () => {
  it('uses a matching delivery as it is, with no drift', () => {
    const result = read(valid);
    expect(result).toEqual({ value: valid, raw: valid, exact: true, drift: [] });
    expect(result.value).toBe(result.raw);
  });

  it('reads a drifting delivery in a copy that shares every untouched part', () => {
    const input = structuredClone({ ...valid, inner: { count: '3', label: 5 } });
    const before = structuredClone(input);
    const result = read(input);
    expect(result.exact).toBe(false);
    expect(result.value).toEqual({ ...valid, inner: { count: 3, label: '5' } });
    // The delivery itself is left as it arrived.
    expect(input).toEqual(before);
    expect(result.raw).toEqual(before);
    expect(result.value.list).toBe((result.raw as typeof valid).list);
    expect(result.drift.map((report) => [report.path, report.kind, report.expected])).toEqual([
      ['inner.count', 'coerced', 'number'],
      ['inner.label', 'coerced', 'string | null'],
    ]);
  });

  it('replaces an object that is unusable as a whole, with one report', () => {
    const result = read({ ...valid, inner: 'none' });
    expect(result.value.inner).toBeNull();
    expect(result.drift).toEqual([
      {
        provider: 'textlink',
        path: 'inner',
        kind: 'unexpected_type',
        expected: 'Object',
        received: 'string',
      },
    ]);
  });

  it('coerces an identifying field with one meaning, and refuses one without', () => {
    expect(read({ ...valid, kind: ' b ' }).value.kind).toBe('B');
    expect(read({ ...valid, id: 42 }).value.id).toBe('42');
    expect(() => read({ ...valid, id: '' })).toThrow(SmsWebhookError);
    expect(() => read({ ...valid, id: null, kind: 'C', inner: null })).toThrow(
      expect.objectContaining({
        code: 'invalid_payload',
        issues: [
          { path: 'id', message: 'expected string, received null' },
          { path: 'kind', message: 'expected ("A" | "B"), received string' },
        ],
      }),
    );
  });

  it('refuses an empty or whitespace-only identifying string, beside the other refusals', () => {
    const blank = {
      path: 'id',
      message: 'expected a non-blank string, received an empty or whitespace-only string',
    };
    expect(() => read({ ...valid, id: ' \t' })).toThrow(
      expect.objectContaining({ code: 'invalid_payload', issues: [blank] }),
    );
    expect(() => read({ ...valid, id: '', kind: 'C', inner: null })).toThrow(
      expect.objectContaining({
        issues: [blank, { path: 'kind', message: 'expected ("A" | "B"), received string' }],
      }),
    );
    // A blank descriptive string is the provider's to send.
    expect(read({ ...valid, inner: { count: 2, label: ' ' } }).value.inner?.label).toBe(' ');
    const items: TolerancePolicy = { ...policy, identifying: ['list[*].url', 'inner.label'] };
    const body = { ...valid, list: [{ url: 'u' }, { url: '' }, { url: 'v' }, { url: '\n' }] };
    expect(() => readTolerantly(Schema, body, items, [])).toThrow(
      expect.objectContaining({
        issues: [
          { ...blank, path: 'list[1].url' },
          { ...blank, path: 'list[3].url' },
        ],
      }),
    );
    // Several identifying fields under one list: named in the policy's order, then the list's.
    const Pairs = v.looseObject({ list: v.array(v.looseObject({ a: v.string(), b: v.string() })) });
    const pairs: TolerancePolicy = { ...policy, identifying: ['list[*].b', 'list[*].a'] };
    const blanks = {
      list: [
        { a: '', b: ' ' },
        { a: 'x', b: 'y' },
        { a: '\t', b: '' },
      ],
    };
    expect(() => readTolerantly(Pairs, blanks, pairs, [])).toThrow(
      expect.objectContaining({
        issues: ['list[0].b', 'list[2].b', 'list[0].a', 'list[2].a'].map((path) => ({
          ...blank,
          path,
        })),
      }),
    );
    // Only where the schema documents the field: an undocumented `label` names nothing.
    const other = { ...valid, list: [{ url: 'u', label: '' }] };
    expect(
      readTolerantly(Schema, other, { ...policy, identifying: ['list[*].label'] }, []).exact,
    ).toBe(true);
  });

  it('reads an ISO timestamp where epoch milliseconds are documented, and only there', () => {
    expect(read({ ...valid, when: '2025-05-28T18:02:43.370Z' }).value.when).toBe(1748455363370);
    const elsewhere = read({ ...valid, inner: { count: '2025-05-28T18:02:43.370Z', label: null } });
    expect(elsewhere.value.inner?.count).toBeNull();
  });

  it('does not read numbers that lost digits, or values with more than one meaning', () => {
    const result = read({ ...valid, inner: { count: 'yes', label: true } });
    expect(result.value.inner).toEqual({ count: null, label: null });
    expect(() => read({ ...valid, id: 2 ** 53 + 2 })).toThrow(/id/);
  });

  it('reports each unknown field once per schema location, array indices as [*]', () => {
    const result = read({
      ...valid,
      extra: 1,
      list: [
        { url: 'a', size: 1 },
        { url: 'b', size: 2 },
      ],
    });
    expect(result.exact).toBe(true);
    expect(result.drift.map((report) => [report.path, report.kind, report.received])).toEqual([
      ['list[*].size', 'unknown_field', 'number'],
      ['extra', 'unknown_field', 'number'],
    ]);
  });

  it('reports unknown fields named like Object.prototype members', () => {
    const result = read({ ...valid, toString: 'x', 'odd key': 1 });
    expect(result.drift.map((report) => report.path)).toEqual(['toString', '["odd key"]']);
  });

  it('refuses a body that is not an object', () => {
    for (const input of [null, [], 'x', 3]) {
      expect(() => read(input)).toThrow(SmsWebhookError);
    }
  });

  it('keeps __proto__ keys out of raw and of the value read', () => {
    const result = read(
      JSON.parse('{"id":"x","kind":"A","inner":{"count":1,"label":null},"__proto__":{"p":1}}'),
    );
    expect(Object.hasOwn(result.raw, '__proto__')).toBe(false);
    expect(Object.getPrototypeOf(result.raw)).toBe(Object.prototype);
  });
});

describe('settleDrift', () => {
  const missing: SmsDriftReport = {
    provider: 'textlink',
    path: 'text',
    kind: 'missing',
    expected: 'string',
    received: 'absent',
  };
  const unknown: SmsDriftReport = { ...missing, path: 'extra', kind: 'unknown_field' };

  it('hands every report to onDrift when not strict', () => {
    const seen: SmsDriftReport[] = [];
    settleDrift('textlink', [missing, unknown], { onDrift: (report) => seen.push(report) });
    expect(seen).toEqual([missing, unknown]);
  });

  it('refuses under strict unless every report is an unknown field', () => {
    const seen: SmsDriftReport[] = [];
    settleDrift('textlink', [unknown], { strict: true, onDrift: (report) => seen.push(report) });
    expect(seen).toEqual([unknown]);
    expect(() =>
      settleDrift('textlink', [missing, unknown], {
        strict: true,
        onDrift: (report) => seen.push(report),
      }),
    ).toThrow(
      expect.objectContaining({
        code: 'invalid_payload',
        issues: [{ path: 'text', message: 'missing: expected string, received absent' }],
      }),
    );
    expect(seen).toEqual([unknown]);
  });
});

describe('describeSchema and jsonTypeOf', () => {
  it('describe what is expected and what arrived, never a value', () => {
    expect(describeSchema(Schema.entries.when)).toBe('(number: integer | string: digits)');
    expect(describeSchema(Schema.entries.kind)).toBe('("A" | "B")');
    expect(describeSchema(Inner.entries.label)).toBe('string | null');
    expect([undefined, null, [], {}, 's', 1, 1n, true].map(jsonTypeOf)).toEqual([
      'absent',
      'null',
      'array',
      'object',
      'string',
      'number',
      'number',
      'boolean',
    ]);
  });
});

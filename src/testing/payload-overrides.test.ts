import { describe, expect, test } from 'vitest';
import { applyOverrides } from './payload-overrides.js';

describe('applyOverrides', () => {
  const base = {
    id: 1,
    tags: ['a', 'b'],
    nested: { keep: 'yes', change: 'old', deeper: { x: 1, y: 2 } },
    optional: 'present',
    empty: null as { x: number } | null,
  };

  test('merges nested objects field by field and replaces scalars', () => {
    const result = applyOverrides(base, { id: 2, nested: { change: 'new', deeper: { y: 3 } } });
    expect(result).toEqual({
      id: 2,
      tags: ['a', 'b'],
      nested: { keep: 'yes', change: 'new', deeper: { x: 1, y: 3 } },
      optional: 'present',
      empty: null,
    });
  });

  test('replaces arrays instead of merging them', () => {
    expect(applyOverrides(base, { tags: ['z'] }).tags).toEqual(['z']);
  });

  test('removes a field overridden with undefined', () => {
    const result = applyOverrides(base, { optional: undefined });
    expect(Object.hasOwn(result, 'optional')).toBe(false);
  });

  test('sets an object where the default is null, and null where it is an object', () => {
    expect(applyOverrides(base, { empty: { x: 5 } }).empty).toEqual({ x: 5 });
    expect(applyOverrides(base, { nested: null }).nested).toBeNull();
  });

  test('changes neither argument and shares no object with them', () => {
    const overrides = { nested: { deeper: { x: 9 } }, tags: ['q'] };
    const before = structuredClone(base);
    const result = applyOverrides(base, overrides);
    expect(base).toEqual(before);
    expect(overrides).toEqual({ nested: { deeper: { x: 9 } }, tags: ['q'] });
    result.tags.push('r');
    result.nested.deeper.y = 100;
    expect(overrides.tags).toEqual(['q']);
    expect(base.nested.deeper.y).toBe(2);
  });

  test('keeps a __proto__ key an ordinary field', () => {
    const result = applyOverrides({ a: 1 }, JSON.parse('{"__proto__": {"polluted": true}}'));
    expect(Object.getPrototypeOf(result)).toBe(Object.prototype);
    expect(({} as { polluted?: boolean }).polluted).toBeUndefined();
    expect(Object.hasOwn(result, '__proto__')).toBe(true);
  });

  test('returns a copy of the base when there are no overrides', () => {
    const result = applyOverrides(base, undefined);
    expect(result).toEqual(base);
    expect(result.nested).not.toBe(base.nested);
  });
});

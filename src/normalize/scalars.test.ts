import { describe, expect, it } from 'vitest';
import { idToString, nullIfEmpty, presentValues } from './scalars.js';

describe('nullIfEmpty', () => {
  it('keeps non-empty strings as they are', () => {
    expect(nullIfEmpty(' John ')).toBe(' John ');
  });

  it('turns empty, blank and non-string values into null', () => {
    expect(nullIfEmpty('')).toBeNull();
    expect(nullIfEmpty('  ')).toBeNull();
    expect(nullIfEmpty(undefined)).toBeNull();
    expect(nullIfEmpty(3)).toBeNull();
  });
});

describe('idToString', () => {
  it('turns numeric ids into strings without losing digits', () => {
    expect(idToString(9462657)).toBe('9462657');
    expect(idToString(4294967297)).toBe('4294967297');
    expect(idToString(10n ** 20n)).toBe('100000000000000000000');
  });

  it('keeps string ids and drops empty or invalid ones', () => {
    expect(idToString('0acb020f')).toBe('0acb020f');
    expect(idToString('')).toBeNull();
    expect(idToString(' 7 ')).toBe(' 7 ');
    expect(idToString('  ')).toBeNull();
    expect(idToString(null)).toBeNull();
    expect(idToString(undefined)).toBeNull();
    expect(idToString(true)).toBeNull();
    expect(idToString({})).toBeNull();
  });

  it('keeps safe integers, negative ones and zero included', () => {
    expect(idToString(Number.MAX_SAFE_INTEGER)).toBe('9007199254740991');
    expect(idToString(-Number.MAX_SAFE_INTEGER)).toBe('-9007199254740991');
    expect(idToString(0)).toBe('0');
  });

  it.each([
    ['1e309', Number.POSITIVE_INFINITY],
    ['-Infinity', Number.NEGATIVE_INFINITY],
    ['NaN', Number.NaN],
    ['2^53', 2 ** 53],
    ['2^53 + 1', 2 ** 53 + 1],
    ['-(2^53)', -(2 ** 53)],
    ['1.5', 1.5],
    ['1e21', 1e21],
  ])('does not make an id of the number %s, which names no single id', (_name, value) => {
    expect(idToString(value)).toBeNull();
  });
});

describe('presentValues', () => {
  it('keeps what the reader makes of each item, in order, without the nulls', () => {
    expect(presentValues(['a', '', ' ', 'b', null, 7], nullIfEmpty)).toEqual(['a', 'b']);
    expect(presentValues([12, '26', 1.5, 2 ** 53, ''], idToString)).toEqual(['12', '26']);
  });

  it('gives a new empty list for a missing list, and keeps values that are only falsy', () => {
    expect(presentValues(null, nullIfEmpty)).toEqual([]);
    expect(presentValues(undefined, nullIfEmpty)).toEqual([]);
    expect(presentValues([0, false, ''], (item) => item)).toEqual([0, false, '']);
    expect(presentValues([], nullIfEmpty)).not.toBe(presentValues([], nullIfEmpty));
  });
});

import { describe, expect, it } from 'vitest';
import { idToString, nullIfEmpty } from './scalars.js';

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
    expect(idToString(Number.NaN)).toBeNull();
    expect(idToString(null)).toBeNull();
  });
});

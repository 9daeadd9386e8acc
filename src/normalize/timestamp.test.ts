import { describe, expect, it } from 'vitest';
import { toIsoTimestamp } from './timestamp.js';

describe('toIsoTimestamp', () => {
  it('reads epoch milliseconds, as numbers and numeric strings', () => {
    expect(toIsoTimestamp(1748455363370)).toBe('2025-05-28T18:02:43.370Z');
    expect(toIsoTimestamp('1748455363370')).toBe('2025-05-28T18:02:43.370Z');
  });

  it('reads a time without offset as UTC', () => {
    expect(toIsoTimestamp('2019-09-19T17:16:01.765')).toBe('2019-09-19T17:16:01.765Z');
    expect(toIsoTimestamp('2019-09-19T17:10:00')).toBe('2019-09-19T17:10:00.000Z');
  });

  it('truncates fractional digits beyond milliseconds instead of rounding', () => {
    expect(toIsoTimestamp('2018-10-11T01:28:46.5966126Z')).toBe('2018-10-11T01:28:46.596Z');
    expect(toIsoTimestamp('2018-10-11T01:28:46.9999999Z')).toBe('2018-10-11T01:28:46.999Z');
  });

  it('converts explicit offsets to UTC', () => {
    expect(toIsoTimestamp('2019-09-19T12:16:01-05:00')).toBe('2019-09-19T17:16:01.000Z');
    expect(toIsoTimestamp('2019-09-19T19:16:01.5+0200')).toBe('2019-09-19T17:16:01.500Z');
  });

  it.each([
    [''],
    ['yesterday'],
    ['2019-02-30T10:00:00'],
    ['2019-13-01T10:00:00'],
    ['4/30/2021 1:31:38 PM'],
  ])('returns null for %j', (input) => {
    expect(toIsoTimestamp(input)).toBeNull();
  });

  it('returns null for missing and non-finite values', () => {
    expect(toIsoTimestamp(null)).toBeNull();
    expect(toIsoTimestamp(undefined)).toBeNull();
    expect(toIsoTimestamp(Number.NaN)).toBeNull();
    expect(toIsoTimestamp(Number.POSITIVE_INFINITY)).toBeNull();
    expect(toIsoTimestamp(1e20)).toBeNull();
  });
});

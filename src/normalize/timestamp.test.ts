import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { EPOCH_SECONDS_LIMIT, toIsoTimestamp } from './timestamp.js';

const EXACT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

describe('toIsoTimestamp', () => {
  it('reads epoch milliseconds, as numbers and numeric strings', () => {
    expect(toIsoTimestamp(1748455363370)).toBe('2025-05-28T18:02:43.370Z');
    expect(toIsoTimestamp('1748455363370')).toBe('2025-05-28T18:02:43.370Z');
    expect(toIsoTimestamp(' 1748455363370 ')).toBe('2025-05-28T18:02:43.370Z');
  });

  it('reads epoch seconds below the cut-off, as numbers and numeric strings', () => {
    expect(toIsoTimestamp(1748455363)).toBe('2025-05-28T18:02:43.000Z');
    expect(toIsoTimestamp('1748455363')).toBe('2025-05-28T18:02:43.000Z');
    expect(toIsoTimestamp(1748455363.37)).toBe('2025-05-28T18:02:43.370Z');
    expect(toIsoTimestamp('1748455363.5')).toBe('2025-05-28T18:02:43.500Z');
    expect(toIsoTimestamp('1748455363.37')).toBe('2025-05-28T18:02:43.370Z');
    expect(toIsoTimestamp('1748455363.375')).toBe('2025-05-28T18:02:43.375Z');
    expect(toIsoTimestamp(0)).toBe('1970-01-01T00:00:00.000Z');
    expect(toIsoTimestamp(-86400)).toBe('1969-12-31T00:00:00.000Z');
    expect(toIsoTimestamp('-86400')).toBe('1969-12-31T00:00:00.000Z');
  });

  it('switches from seconds to milliseconds at 1e11', () => {
    expect(EPOCH_SECONDS_LIMIT).toBe(1e11);
    expect(toIsoTimestamp(99_999_999_999)).toBe('5138-11-16T09:46:39.000Z');
    expect(toIsoTimestamp(100_000_000_000)).toBe('1973-03-03T09:46:40.000Z');
    expect(toIsoTimestamp(-99_999_999_999)).toBeNull();
    expect(toIsoTimestamp(-100_000_000_000)).toBe('1966-10-31T14:13:20.000Z');
  });

  it('truncates fractions of a millisecond in epoch milliseconds', () => {
    expect(toIsoTimestamp(1748455363370.9)).toBe('2025-05-28T18:02:43.370Z');
  });

  it('reads a time without offset as UTC', () => {
    expect(toIsoTimestamp('2019-09-19T17:16:01.765')).toBe('2019-09-19T17:16:01.765Z');
    expect(toIsoTimestamp('2019-09-19T17:10:00')).toBe('2019-09-19T17:10:00.000Z');
    expect(toIsoTimestamp('2019-09-19 17:10')).toBe('2019-09-19T17:10:00.000Z');
    expect(toIsoTimestamp('2019-09-19t17:10:00z')).toBe('2019-09-19T17:10:00.000Z');
  });

  it('truncates fractional digits beyond milliseconds instead of rounding', () => {
    expect(toIsoTimestamp('2018-10-11T01:28:46.5966126Z')).toBe('2018-10-11T01:28:46.596Z');
    expect(toIsoTimestamp('2018-10-11T01:28:46.9999999Z')).toBe('2018-10-11T01:28:46.999Z');
    expect(toIsoTimestamp('2018-10-11T01:28:46,5Z')).toBe('2018-10-11T01:28:46.500Z');
    expect(toIsoTimestamp('2018-10-11T01:28:46.05Z')).toBe('2018-10-11T01:28:46.050Z');
  });

  it('converts explicit offsets to UTC', () => {
    expect(toIsoTimestamp('2019-09-19T12:16:01-05:00')).toBe('2019-09-19T17:16:01.000Z');
    expect(toIsoTimestamp('2019-09-19T19:16:01.5+0200')).toBe('2019-09-19T17:16:01.500Z');
    expect(toIsoTimestamp('2019-09-19T22:46:01+05:30')).toBe('2019-09-19T17:16:01.000Z');
    expect(toIsoTimestamp('2019-09-19T19:16:01+02')).toBe('2019-09-19T17:16:01.000Z');
    expect(toIsoTimestamp('2019-12-31T23:00:00-05:00')).toBe('2020-01-01T04:00:00.000Z');
    expect(toIsoTimestamp('2019-09-19T17:16:01+00:00')).toBe('2019-09-19T17:16:01.000Z');
  });

  it('converts offsets of times written without seconds', () => {
    expect(toIsoTimestamp('2019-09-19T19:16+02:00')).toBe('2019-09-19T17:16:00.000Z');
    expect(toIsoTimestamp('2019-09-19 12:16-05')).toBe('2019-09-19T17:16:00.000Z');
    expect(toIsoTimestamp('2019-09-19T17:16Z')).toBe('2019-09-19T17:16:00.000Z');
  });

  it('knows leap years', () => {
    expect(toIsoTimestamp('2020-02-29T00:00:00Z')).toBe('2020-02-29T00:00:00.000Z');
    expect(toIsoTimestamp('2000-02-29T00:00:00Z')).toBe('2000-02-29T00:00:00.000Z');
    expect(toIsoTimestamp('1900-02-29T00:00:00Z')).toBeNull();
    expect(toIsoTimestamp('2019-02-29T00:00:00Z')).toBeNull();
  });

  it('writes years 0000 to 0099 as they are, not as 1900–1999', () => {
    expect(toIsoTimestamp('0000-01-01T00:00:00Z')).toBe('0000-01-01T00:00:00.000Z');
    expect(toIsoTimestamp('0099-12-31T23:59:59.999Z')).toBe('0099-12-31T23:59:59.999Z');
    expect(toIsoTimestamp('0004-02-29T12:00:00Z')).toBe('0004-02-29T12:00:00.000Z');
    expect(toIsoTimestamp('0050-06-15T12:00:00+02:00')).toBe('0050-06-15T10:00:00.000Z');
    expect(toIsoTimestamp('0099-12-31T23:30:00-01:00')).toBe('0100-01-01T00:30:00.000Z');
    expect(toIsoTimestamp('0100-03-01T00:30:00+01:00')).toBe('0100-02-28T23:30:00.000Z');
    expect(toIsoTimestamp('0450-03-01T00:30:00+01:00')).toBe('0450-02-28T23:30:00.000Z');
  });

  it('returns null for instants outside the years 0000–9999', () => {
    expect(toIsoTimestamp('9999-12-31T23:59:59.999Z')).toBe('9999-12-31T23:59:59.999Z');
    expect(toIsoTimestamp('9999-12-31T23:00:00-05:00')).toBeNull();
    expect(toIsoTimestamp('0000-01-01T00:30:00+01:00')).toBeNull();
    expect(toIsoTimestamp(8.64e15)).toBeNull();
    expect(toIsoTimestamp(253402300800000)).toBeNull();
    expect(toIsoTimestamp(253402300799999)).toBe('9999-12-31T23:59:59.999Z');
    expect(toIsoTimestamp(-62167219200000)).toBe('0000-01-01T00:00:00.000Z');
    expect(toIsoTimestamp(-62167219200001)).toBeNull();
  });

  it.each([
    [''],
    ['   '],
    ['yesterday'],
    ['2019-02-30T10:00:00'],
    ['2019-02-30T10:00:00Z'],
    ['2019-02-30T10:00:00+00:00'],
    ['2019-02-30T10:00:00-05:00'],
    ['2019-04-31T10:00:00+02:00'],
    ['2019-13-01T10:00:00'],
    ['2019-00-01T10:00:00'],
    ['2019-01-00T10:00:00'],
    ['2019-01-01T24:00:00'],
    ['2019-01-01T10:60:00'],
    ['2019-01-01T10:00:60'],
    ['2019-01-01T10:00:00+24:00'],
    ['2019-01-01T10:00:00+05:60'],
    ['2019-01-01T10:00:00+5'],
    ['2019-01-01'],
    ['+275760-09-13T00:00:00.000Z'],
    ['4/30/2021 1:31:38 PM'],
    ['1e3'],
    ['0x10'],
    ['12.'],
  ])('returns null for %j', (input) => {
    expect(toIsoTimestamp(input)).toBeNull();
  });

  it('returns null for missing, non-finite and non-scalar values', () => {
    expect(toIsoTimestamp(null)).toBeNull();
    expect(toIsoTimestamp(undefined)).toBeNull();
    expect(toIsoTimestamp(Number.NaN)).toBeNull();
    expect(toIsoTimestamp(Number.POSITIVE_INFINITY)).toBeNull();
    expect(toIsoTimestamp(Number.NEGATIVE_INFINITY)).toBeNull();
    expect(toIsoTimestamp(1e20)).toBeNull();
    expect(toIsoTimestamp({} as never)).toBeNull();
    expect(toIsoTimestamp(true as never)).toBeNull();
  });

  it('gives the exact format and the same instant for any valid date-time and offset', () => {
    fc.assert(
      fc.property(
        fc.date({
          min: new Date('0001-01-02T00:00:00Z'),
          max: new Date('9999-12-30T00:00:00Z'),
          noInvalidDate: true,
        }),
        fc.integer({ min: -23 * 60 - 59, max: 23 * 60 + 59 }),
        (date, offset) => {
          const local = new Date(date.getTime() + offset * 60_000).toISOString().slice(0, 23);
          const sign = offset < 0 ? '-' : '+';
          const hours = String(Math.trunc(Math.abs(offset) / 60)).padStart(2, '0');
          const minutes = String(Math.abs(offset) % 60).padStart(2, '0');
          const result = toIsoTimestamp(`${local}${sign}${hours}:${minutes}`);
          expect(result).toMatch(EXACT);
          expect(result).toBe(date.toISOString());
        },
      ),
      { numRuns: 300 },
    );
  });

  it('gives null or the exact format for any string or number', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.double(), fc.integer()), (value) => {
        const result = toIsoTimestamp(value);
        if (result !== null) {
          expect(result).toMatch(EXACT);
          expect(Number.isNaN(Date.parse(result))).toBe(false);
        }
      }),
      { numRuns: 300 },
    );
  });
});

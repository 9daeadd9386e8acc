import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatEpochMillis, fromIsoText, toIsoTimestamp } from './timestamp.js';

// toIsoTimestamp reads the shapes providers send without its pattern, and prints instants without
// a Date; both must give exactly what the pattern and `Date#toISOString` give.

const MIN_MILLIS = -62_167_219_200_000;
const MAX_MILLIS = 253_402_300_799_999;

const digits = (length: number) =>
  fc.array(fc.integer({ min: 0, max: 9 }), { minLength: length, maxLength: length });

/** Strings shaped like `YYYY-MM-DDTHH:mm:ss[.fff][Z]`, often out of range or slightly off. */
const isoLike = fc
  .record({
    year: fc.oneof(digits(4), digits(3)),
    month: fc.oneof(fc.integer({ min: 0, max: 13 }), fc.integer({ min: 0, max: 99 })),
    day: fc.oneof(fc.integer({ min: 0, max: 32 }), fc.constantFrom(28, 29, 30, 31)),
    hour: fc.integer({ min: 0, max: 25 }),
    minute: fc.integer({ min: 0, max: 61 }),
    second: fc.integer({ min: 0, max: 61 }),
    separator: fc.constantFrom('T', 't', ' ', '_', 'TT'),
    fraction: fc.oneof(fc.constant(''), fc.stringMatching(/^[.,]\d{0,9}$/), fc.constant('.x')),
    zone: fc.constantFrom('', 'Z', 'z', '+00:00', '-05:00', '+0200', '+02', 'ZZ', ' '),
    padding: fc.constantFrom('', ' ', '\n'),
  })
  .map(
    ({ year, month, day, hour, minute, second, separator, fraction, zone, padding }) =>
      `${padding}${year.join('')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}${separator}${String(hour).padStart(2, '0')}:${String(minute).padStart(2, '0')}:${String(second).padStart(2, '0')}${fraction}${zone}${padding}`,
  );

describe('the common-shape timestamp path', () => {
  it('reads every ISO-like string exactly as the full pattern does', () => {
    fc.assert(
      fc.property(isoLike, (text) => {
        expect(toIsoTimestamp(text)).toBe(fromIsoText(text.trim()));
      }),
      { numRuns: 5000 },
    );
  });

  it('reads any other string as the full pattern does', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 40 }), (text) => {
        const trimmed = text.trim();
        expect(toIsoTimestamp(text)).toBe(trimmed === '' ? null : fromIsoText(trimmed));
      }),
      { numRuns: 2000 },
    );
    expect(toIsoTimestamp('2019-09-19T17:16:01.765')).toBe('2019-09-19T17:16:01.765Z');
    expect(toIsoTimestamp('2019-02-29T00:00:00Z')).toBeNull();
    expect(toIsoTimestamp('2019-09-19T17:16:01.Z')).toBeNull();
  });
});

describe('formatEpochMillis', () => {
  it('prints every instant of the years 0000–9999 as Date#toISOString does', () => {
    fc.assert(
      fc.property(fc.integer({ min: MIN_MILLIS, max: MAX_MILLIS }), (millis) => {
        expect(formatEpochMillis(millis)).toBe(new Date(millis).toISOString());
      }),
      { numRuns: 20_000 },
    );
    for (const millis of [MIN_MILLIS, MAX_MILLIS, 0, -0, -1, 951_782_400_000, 951_868_799_999]) {
      expect(formatEpochMillis(millis)).toBe(new Date(millis).toISOString());
    }
  });

  it('gives null outside them', () => {
    for (const millis of [MIN_MILLIS - 1, MAX_MILLIS + 1, Number.NaN, Number.POSITIVE_INFINITY]) {
      expect(formatEpochMillis(millis)).toBeNull();
    }
  });
});

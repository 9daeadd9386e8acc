import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatEpochMillis, fromCommonIso, fromIsoText, toIsoTimestamp } from './timestamp.js';

// toIsoTimestamp reads the shapes providers send without its pattern, and prints instants without
// a Date; both must give exactly what the pattern and `Date#toISOString` give.

const MIN_MILLIS = -62_167_219_200_000;
const MAX_MILLIS = 253_402_300_799_999;

/** The shapes the quick path reads itself: everything else it leaves to the full pattern. */
const COMMON_SHAPE = /^\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}:\d{2}(?:[.,]\d+)?[Zz]?$/;

/** What {@link fromCommonIso} promises: the full pattern's answer for its shapes, else undefined. */
const commonAnswer = (text: string) => (COMMON_SHAPE.test(text) ? fromIsoText(text) : undefined);

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

/** Valid common-shape timestamps, from the years 0000 to 9999, each part anywhere in its range. */
const commonValid = fc
  .record({
    millis: fc.integer({ min: MIN_MILLIS, max: MAX_MILLIS }),
    separator: fc.constantFrom('T', 't', ' '),
    fraction: fc.oneof(fc.constant(''), fc.stringMatching(/^[.,]\d{1,9}$/)),
    zone: fc.constantFrom('', 'Z', 'z'),
  })
  .map(({ millis, separator, fraction, zone }) => {
    const iso = new Date(millis).toISOString();
    return `${iso.slice(0, 10)}${separator}${iso.slice(11, 19)}${fraction}${zone}`;
  });

/** Characters that break a timestamp when put in the wrong place, ASCII digits included. */
const stray = fc.constantFrom(
  ...['0', '9', '-', ':', '.', ',', 'T', 't', ' ', 'Z', 'z', '+', '/', 'a', '\u0660', '\uff11'],
);

/** A valid common-shape timestamp with one character replaced, inserted or removed. */
const nearMiss = fc
  .tuple(commonValid, fc.nat(), stray, fc.constantFrom('replace', 'insert', 'remove'))
  .map(([text, at, char, edit]) => {
    const index = at % (text.length + 1);
    const rest = text.slice(edit === 'insert' ? index : index + 1);
    return `${text.slice(0, index)}${edit === 'remove' ? '' : char}${rest}`;
  });

describe('fromCommonIso, the quick path itself', () => {
  it.each([
    ['2019-09-19T17:16:01', '2019-09-19T17:16:01.000Z'],
    ['2019-09-19T17:16:01.765', '2019-09-19T17:16:01.765Z'],
    ['2019-09-19T17:16:01.765Z', '2019-09-19T17:16:01.765Z'],
    ['2018-10-11T01:28:46.5966126Z', '2018-10-11T01:28:46.596Z'],
    ['2018-10-11T01:28:46,5Z', '2018-10-11T01:28:46.500Z'],
    ['2018-10-11T01:28:46.05', '2018-10-11T01:28:46.050Z'],
    ['2018-10-11T01:28:46.0', '2018-10-11T01:28:46.000Z'],
    ['2018-10-11T01:28:46.000000009z', '2018-10-11T01:28:46.000Z'],
    ['2019-09-19t17:16:01z', '2019-09-19T17:16:01.000Z'],
    ['2019-09-19 17:16:01', '2019-09-19T17:16:01.000Z'],
    ['0000-01-01T00:00:00Z', '0000-01-01T00:00:00.000Z'],
    ['9999-12-31T23:59:59.999Z', '9999-12-31T23:59:59.999Z'],
    ['1987-06-30T09:45:38', '1987-06-30T09:45:38.000Z'],
    ['2024-02-29T12:00:00Z', '2024-02-29T12:00:00.000Z'],
    ['2000-02-29T12:00:00Z', '2000-02-29T12:00:00.000Z'],
    ['0400-02-29T12:00:00Z', '0400-02-29T12:00:00.000Z'],
    ['2019-01-31T00:00:00', '2019-01-31T00:00:00.000Z'],
    ['2019-04-30T00:00:00', '2019-04-30T00:00:00.000Z'],
  ])('reads %j as %j without the pattern', (text, expected) => {
    expect(fromCommonIso(text)).toBe(expected);
    expect(toIsoTimestamp(text)).toBe(expected);
  });

  it.each([
    ['2019-13-01T10:00:00'],
    ['2019-00-01T10:00:00'],
    ['2019-99-01T10:00:00'],
    ['2019-12-32T10:00:00'],
    ['2019-01-00T10:00:00'],
    ['2019-04-31T10:00:00'],
    ['2019-02-29T10:00:00Z'],
    ['1900-02-29T10:00:00Z'],
    ['2100-02-29T10:00:00Z'],
    ['2024-02-30T10:00:00Z'],
    ['2019-01-01T24:00:00'],
    ['2019-01-01T10:60:00'],
    ['2019-01-01T10:00:60'],
    ['0000-00-00T00:00:00'],
  ])('refuses the impossible %j itself, as the pattern does', (text) => {
    expect(fromCommonIso(text)).toBeNull();
    expect(fromIsoText(text)).toBeNull();
  });

  it.each([
    // Other shapes, which the full pattern reads.
    ['2019-09-19T17:16', '2019-09-19T17:16:00.000Z'],
    ['2019-09-19T17:16-01', '2019-09-19T18:16:00.000Z'],
    ['2019-09-19T19:16:01+02:00', '2019-09-19T17:16:01.000Z'],
    ['2019-09-19T12:16:01.5-0500', '2019-09-19T17:16:01.500Z'],
    ['1748455363370', '2025-05-28T18:02:43.370Z'],
    // Near misses, which nothing reads.
    ['2019/09-19T17:16:01', null],
    ['2019-09/19T17:16:01', null],
    ['2019-09-19_17:16:01', null],
    ['2019-09-19T17-16:01', null],
    ['2019-09-19T17:16;01', null],
    ['2a19-09-19T17:16:01', null],
    ['201a-09-19T17:16:01', null],
    ['2019-0a-19T17:16:01', null],
    ['2019-09-1:T17:16:01', null],
    ['2019-09-19T0a:16:01', null],
    ['2019-09-19T17:1a:01', null],
    ['2019-09-19T17:16:0a', null],
    ['2019-09-19T17:16:01.', null],
    ['2019-09-19T17:16:01.Z', null],
    ['2019-09-19T17:16:01.x', null],
    ['2019-09-19T17:16:01.5x', null],
    ['2019-09-19T17:16:01ZZ', null],
    ['2019-09-19T17:16:010', null],
    ['2019-09-19T17:16:0', null],
    ['\u0662019-09-19T17:16:01', null],
    ['', null],
  ])('leaves %j to the full pattern, which gives %j', (text, expected) => {
    expect(fromCommonIso(text)).toBeUndefined();
    expect(fromIsoText(text)).toBe(expected);
    expect(toIsoTimestamp(text)).toBe(expected);
  });

  it('reads every valid common-shape timestamp itself, exactly as the pattern does', () => {
    fc.assert(
      fc.property(commonValid, (text) => {
        const result = fromCommonIso(text);
        expect(result).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
        expect(result).toBe(fromIsoText(text));
      }),
      { numRuns: 3000 },
    );
  });

  it('reads ISO-like and near-miss strings only when they have its shape, as the pattern does', () => {
    fc.assert(
      fc.property(fc.oneof(isoLike, nearMiss), (text) => {
        const trimmed = text.trim();
        expect(fromCommonIso(trimmed)).toBe(commonAnswer(trimmed));
        expect(toIsoTimestamp(text)).toBe(fromIsoText(trimmed));
      }),
      { numRuns: 5000 },
    );
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

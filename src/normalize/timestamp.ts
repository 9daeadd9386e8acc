// Date and time, optional seconds and fraction, optional `Z` or `±HH`, `±HHMM`, `±HH:MM` offset.
const ISO_PATTERN =
  /^(\d{4})-(\d{2})-(\d{2})[Tt ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d+))?)?(?:([Zz])|([+-])(\d{2})(?::?(\d{2}))?)?$/;

// An optional sign, digits, and an optional fraction: an epoch time written as text.
const EPOCH_PATTERN = /^-?\d+(?:\.\d+)?$/;

/**
 * Below this magnitude an epoch number is read as seconds, at or above it as milliseconds:
 * `1e11` seconds is the year 5138, `1e11` milliseconds is 1973-03-03, so neither reading is
 * plausible on the wrong side of it.
 */
export const EPOCH_SECONDS_LIMIT = 1e11;

// 0000-01-01T00:00:00.000Z and 9999-12-31T23:59:59.999Z: the instants `YYYY-MM-DD…Z` can write.
const MIN_MILLIS = -62_167_219_200_000;
const MAX_MILLIS = 253_402_300_799_999;

// Date.UTC reads years 0–99 as 1900–1999; the Gregorian calendar repeats every 400 years.
const FOUR_CENTURIES_MILLIS = 12_622_780_800_000;

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31] as const;

/**
 * Converts a provider timestamp to ISO 8601 UTC with millisecond precision (`…T17:16:01.765Z`).
 *
 * Numbers and strings of digits are epoch times: seconds below {@link EPOCH_SECONDS_LIMIT}
 * (`1e11`), milliseconds from it on. Other strings are ISO 8601 date-times; one without an offset
 * is read as UTC, and more than three fractional digits are truncated, not rounded. An impossible
 * date or time (`2019-02-30`, `25:00`), an instant outside the years 0000–9999, and anything else
 * give `null`, so every result is `null` or exactly `YYYY-MM-DDTHH:mm:ss.sssZ`.
 *
 * @example
 * ```ts
 * toIsoTimestamp(1748455363370); // '2025-05-28T18:02:43.370Z'
 * toIsoTimestamp(1748455363); // '2025-05-28T18:02:43.000Z'
 * toIsoTimestamp('2019-09-19T17:16:01.765'); // '2019-09-19T17:16:01.765Z'
 * toIsoTimestamp('2018-10-11T01:28:46.5966126Z'); // '2018-10-11T01:28:46.596Z'
 * toIsoTimestamp('2019-02-30T10:00:00+00:00'); // null
 * ```
 */
export function toIsoTimestamp(value: string | number | null | undefined): string | null {
  if (typeof value === 'number') return fromEpoch(value);
  if (typeof value !== 'string') return null;
  const text = value.trim();
  if (text === '') return null;
  const match = ISO_PATTERN.exec(text);
  if (match === null) return EPOCH_PATTERN.test(text) ? fromEpoch(Number(text)) : null;
  return fromIsoParts(match);
}

/** Reads an epoch time, seconds or milliseconds by magnitude, as a timestamp or `null`. */
function fromEpoch(value: number): string | null {
  if (!Number.isFinite(value)) return null;
  // Seconds are rounded to the millisecond (1.0049 s is 1005 ms in binary floating point anyway).
  const millis =
    Math.abs(value) < EPOCH_SECONDS_LIMIT ? Math.round(value * 1000) : Math.floor(value);
  return format(millis);
}

/** Builds the instant of an ISO match, or `null` when a part is out of its range. */
function fromIsoParts(match: RegExpExecArray): string | null {
  const year = Number(match[1]);
  const month = Number(match[2]);
  const day = Number(match[3]);
  const hour = Number(match[4]);
  const minute = Number(match[5]);
  const second = match[6] === undefined ? 0 : Number(match[6]);
  const fraction = match[7];
  const millisText = fraction === undefined ? '000' : fraction.slice(0, 3).padEnd(3, '0');
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return null;
  if (hour > 23 || minute > 59 || second > 59) return null;
  const sign = match[9];
  // In UTC already (`Z` or no offset), the parts are the answer: no Date to build and print.
  if (sign === undefined) {
    return `${match[1]}-${match[2]}-${match[3]}T${match[4]}:${match[5]}:${match[6] ?? '00'}.${millisText}Z`;
  }
  const offsetHours = Number(match[10]);
  const offsetRest = match[11] === undefined ? 0 : Number(match[11]);
  if (offsetHours > 23 || offsetRest > 59) return null;
  const offsetMinutes = (sign === '-' ? -1 : 1) * (offsetHours * 60 + offsetRest);
  const millis = Number(millisText);
  const shifted = year < 100;
  let instant = Date.UTC(shifted ? year + 400 : year, month - 1, day, hour, minute, second, millis);
  if (shifted) instant -= FOUR_CENTURIES_MILLIS;
  return format(instant - offsetMinutes * 60_000);
}

function daysInMonth(year: number, month: number): number {
  if (month === 2 && year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0)) return 29;
  return DAYS_IN_MONTH[month - 1] ?? 0;
}

/** Writes an instant in epoch milliseconds, or `null` outside the years 0000–9999. */
function format(millis: number): string | null {
  if (!(millis >= MIN_MILLIS && millis <= MAX_MILLIS)) return null;
  return new Date(millis).toISOString();
}

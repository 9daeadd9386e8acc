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
  const common = fromCommonIso(text);
  return common === undefined ? fromIsoText(text) : common;
}

/**
 * Reads a trimmed string as {@link toIsoTimestamp} does, through the full ISO 8601 pattern (any
 * offset, optional seconds) or as epoch digits; the reference for its quicker common-shape path.
 */
export function fromIsoText(text: string): string | null {
  const match = ISO_PATTERN.exec(text);
  if (match === null) return EPOCH_PATTERN.test(text) ? fromEpoch(Number(text)) : null;
  return fromIsoParts(match);
}

// The shape fromCommonIso reads, and the same with each part within its range (days 29 to 31 in
// any month).
const COMMON_SHAPE = /^\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}:\d{2}(?:[.,]\d+)?[Zz]?$/;
const COMMON_ISO =
  /^\d{4}-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12]\d|3[01])[Tt ](?:[01]\d|2[0-3]):[0-5]\d:[0-5]\d(?:[.,]\d+)?[Zz]?$/;

/**
 * Reads the shape providers send, `YYYY-MM-DDTHH:mm:ss`, an optional fraction and an optional `Z`,
 * without the full pattern's captures: the same result as {@link fromIsoText}, or `undefined` for
 * any other shape.
 *
 * Its characters are read with `text[index]` and one pattern rather than `charCodeAt`: once any
 * object inherits from `String.prototype` (node-redis's `VerbatimString` does), V8 stops inlining
 * `charCodeAt`, and a path reading each digit with it took 2.4 times as long.
 */
export function fromCommonIso(text: string): string | null | undefined {
  // Of its shape but out of range (month 13, hour 24, second 60…) is an impossible time.
  if (!COMMON_ISO.test(text)) return COMMON_SHAPE.test(text) ? null : undefined;
  // Days 29 to 31 are not in every month: the pattern lets no other impossible date through.
  if ((text[8] === '2' && text[9] === '9') || text[8] === '3') {
    const month = (text[5] === '1' ? 10 : 0) + Number(text[6]);
    const day = text[8] === '2' ? 29 : text[9] === '0' ? 30 : 31;
    // The year counts only for 29 February.
    if (day > daysInMonth(month === 2 ? Number(text.slice(0, 4)) : 1, month)) return null;
  }
  const last =
    text.length - (text[text.length - 1] === 'Z' || text[text.length - 1] === 'z' ? 1 : 0);
  const millisText = last > 20 ? text.slice(20, Math.min(last, 23)).padEnd(3, '0') : '000';
  return `${text.slice(0, 10)}T${text.slice(11, 19)}.${millisText}Z`;
}

/** Reads an epoch time, seconds or milliseconds by magnitude, as a timestamp or `null`. */
function fromEpoch(value: number): string | null {
  // NaN and ±Infinity stay non-finite through both readings, and formatEpochMillis refuses them.
  // Seconds are rounded to the millisecond (1.0049 s is 1005 ms in binary floating point anyway).
  const millis =
    Math.abs(value) < EPOCH_SECONDS_LIMIT ? Math.round(value * 1000) : Math.floor(value);
  return formatEpochMillis(millis);
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
  if (day < 1 || day > daysInMonth(year, month)) return null;
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
  // Built four centuries later, where the calendar is the same and Date.UTC takes the year as it is.
  const instant =
    Date.UTC(year + 400, month - 1, day, hour, minute, second, millis) - FOUR_CENTURIES_MILLIS;
  return formatEpochMillis(instant - offsetMinutes * 60_000);
}

/** The days of `month` (1–12) in `year`, or 0 for any other month, so that no day is in it. */
function daysInMonth(year: number, month: number): number {
  if (month === 2 && year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0)) return 29;
  return DAYS_IN_MONTH[month - 1] ?? 0;
}

const MILLIS_PER_DAY = 86_400_000;

function pad2(value: number): string {
  return value < 10 ? `0${value}` : `${value}`;
}

/**
 * Writes an instant in epoch milliseconds (an integer) as `Date#toISOString` does, or `null`
 * outside the years 0000–9999. The date comes from the day count by the proleptic Gregorian
 * calendar (H. Hinnant, "chrono-compatible low-level date algorithms", `civil_from_days`), which
 * costs a third of building a `Date` to print it.
 */
export function formatEpochMillis(millis: number): string | null {
  if (!(millis >= MIN_MILLIS && millis <= MAX_MILLIS)) return null;
  const days = Math.floor(millis / MILLIS_PER_DAY);
  let rest = millis - days * MILLIS_PER_DAY;
  // Days from 0000-03-01, in 400-year eras of 146,097 days, so leap days fall at the end of a year.
  const shifted = days + 719_468;
  const era = Math.floor(shifted / 146_097);
  const dayOfEra = shifted - era * 146_097;
  const yearOfEra = Math.floor(
    (dayOfEra -
      Math.floor(dayOfEra / 1460) +
      Math.floor(dayOfEra / 36_524) -
      Math.floor(dayOfEra / 146_096)) /
      365,
  );
  const dayOfYear =
    dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100));
  const monthFromMarch = Math.floor((5 * dayOfYear + 2) / 153);
  const day = dayOfYear - Math.floor((153 * monthFromMarch + 2) / 5) + 1;
  const month = monthFromMarch < 10 ? monthFromMarch + 3 : monthFromMarch - 9;
  const year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0);
  const hour = Math.floor(rest / 3_600_000);
  rest -= hour * 3_600_000;
  const minute = Math.floor(rest / 60_000);
  rest -= minute * 60_000;
  const second = Math.floor(rest / 1000);
  const milli = rest - second * 1000;
  const millisText = milli < 10 ? `00${milli}` : milli < 100 ? `0${milli}` : `${milli}`;
  return `${String(year).padStart(4, '0')}-${pad2(month)}-${pad2(day)}T${pad2(hour)}:${pad2(minute)}:${pad2(second)}.${millisText}Z`;
}

const ISO_PATTERN =
  /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d+))?)?(Z|[+-]\d{2}:?\d{2})?$/i;

/**
 * Converts a provider timestamp to ISO 8601 UTC with millisecond precision (`…T17:16:01.765Z`).
 *
 * Numbers are epoch milliseconds. Strings are ISO 8601; one without an offset is read as UTC, and
 * more than three fractional digits are truncated, not rounded. Anything else gives `null`.
 *
 * @example
 * ```ts
 * toIsoTimestamp(1748455363370); // '2025-05-28T18:02:43.370Z'
 * toIsoTimestamp('2019-09-19T17:16:01.765'); // '2019-09-19T17:16:01.765Z'
 * toIsoTimestamp('2018-10-11T01:28:46.5966126Z'); // '2018-10-11T01:28:46.596Z'
 * ```
 */
export function toIsoTimestamp(value: string | number | null | undefined): string | null {
  if (value === null || value === undefined) return null;
  if (typeof value === 'number') return fromEpochMillis(value);
  const text = value.trim();
  if (text === '') return null;
  if (/^\d+$/.test(text)) return fromEpochMillis(Number(text));
  const match = ISO_PATTERN.exec(text);
  if (!match) return null;
  const [, year, month, day, hour, minute, second = '00', fraction = '', zone = 'Z'] = match;
  const millis = fraction.slice(0, 3).padEnd(3, '0');
  const offset = zone.toUpperCase() === 'Z' ? 'Z' : zone.replace(/^([+-]\d{2})(\d{2})$/, '$1:$2');
  const parsed = Date.parse(
    `${year}-${month}-${day}T${hour}:${minute}:${second}.${millis}${offset}`,
  );
  if (Number.isNaN(parsed)) return null;
  const date = new Date(parsed);
  // Date.parse rolls impossible dates over (Feb 30 → Mar 2); a rolled date is not the one that was sent.
  if (offset === 'Z' && date.getUTCDate() !== Number(day)) return null;
  return date.toISOString();
}

function fromEpochMillis(millis: number): string | null {
  if (!Number.isFinite(millis)) return null;
  const date = new Date(millis);
  return Number.isNaN(date.getTime()) ? null : date.toISOString();
}

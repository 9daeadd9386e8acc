/** Returns the string, or `null` when it is missing, not a string, or empty after trimming. */
export function nullIfEmpty(value: unknown): string | null {
  if (typeof value !== 'string') return null;
  return value.trim() === '' ? null : value;
}

/** Converts a provider id (number or string) to a string, or `null` when it is missing or empty. */
export function idToString(value: unknown): string | null {
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : null;
  if (typeof value === 'bigint') return String(value);
  return nullIfEmpty(value);
}

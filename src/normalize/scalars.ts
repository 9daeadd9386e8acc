/** Returns the string, or `null` when it is missing, not a string, or empty after trimming. */
export function nullIfEmpty(value: unknown): string | null {
  if (typeof value !== 'string') return null;
  return value.trim() === '' ? null : value;
}

/**
 * Converts a provider id (number or string) to a string, or `null` when it is missing, empty, or a
 * number that is not a safe integer: `1e309`, `2 ** 53`, `NaN` and `1.5` name no single id, and
 * two different ids must never become the same string.
 */
export function idToString(value: unknown): string | null {
  if (typeof value === 'number') return Number.isSafeInteger(value) ? String(value) : null;
  if (typeof value === 'bigint') return String(value);
  return nullIfEmpty(value);
}

/**
 * `(items ?? []).flatMap((item) => read(item) ?? [])`: what `read` makes of each item, without the
 * items it turns into `null`. A loop, because V8's `flatMap` costs several times as much on the
 * short lists of a webhook body.
 */
export function presentValues<T, R>(
  items: readonly T[] | null | undefined,
  read: (item: T) => R | null,
): R[] {
  const values: R[] = [];
  if (items === null || items === undefined) return values;
  for (let index = 0; index < items.length; index++) {
    const value = read(items[index] as T);
    if (value !== null) values.push(value);
  }
  return values;
}

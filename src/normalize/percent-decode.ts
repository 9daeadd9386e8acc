/**
 * Decodes `%XX` escapes (and `+` is left alone); a malformed escape returns the original string.
 *
 * @example
 * ```ts
 * percentDecode('new%20cars'); // 'new cars'
 * percentDecode('100%'); // '100%'
 * ```
 */
export function percentDecode(value: string): string {
  // Without a `%` there is nothing to decode, and no new string to make.
  if (!value.includes('%')) return value;
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}

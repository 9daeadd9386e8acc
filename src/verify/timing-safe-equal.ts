import { utf8 } from '../bytes.js';

/**
 * Compares two strings or byte arrays in time that depends only on their lengths, not on where
 * they differ, so an attacker cannot guess a secret one character at a time.
 *
 * @example
 * ```ts
 * timingSafeEqual(received, expected); // true only when every byte matches
 * ```
 */
export function timingSafeEqual(a: string | Uint8Array, b: string | Uint8Array): boolean {
  if (typeof a === 'string' && typeof b === 'string') {
    // Equal strings have equal UTF-16 code units, so they are compared without encoding them.
    const length = Math.max(a.length, b.length);
    let difference = a.length ^ b.length;
    for (let index = 0; index < length; index++) {
      // Past the end charCodeAt gives NaN, which `| 0` turns into 0; the length check covers it.
      difference |= (a.charCodeAt(index) | 0) ^ (b.charCodeAt(index) | 0);
    }
    return difference === 0;
  }
  const left = typeof a === 'string' ? utf8(a) : a;
  const right = typeof b === 'string' ? utf8(b) : b;
  const length = Math.max(left.length, right.length);
  // Start from the length difference and walk the longer length, so no early exit reveals anything.
  let difference = left.length ^ right.length;
  for (let index = 0; index < length; index++) {
    difference |= (left[index] ?? 0) ^ (right[index] ?? 0);
  }
  return difference === 0;
}

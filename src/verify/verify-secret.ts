import { timingSafeEqual } from './timing-safe-equal.js';

/**
 * Checks a received secret against one expected secret or several (during rotation), timing-safe.
 *
 * Every expected secret is compared, so the time taken does not tell which one matched. A missing,
 * empty or non-string received value, and an empty expected secret, never match.
 *
 * @example
 * ```ts
 * verifySecret(body.secret, [process.env.NEW_SECRET!, process.env.OLD_SECRET!]); // true or false
 * ```
 */
export function verifySecret(received: unknown, expected: string | readonly string[]): boolean {
  if (typeof received !== 'string' || received === '') return false;
  const candidates = typeof expected === 'string' ? [expected] : expected;
  let matched = false;
  for (const candidate of candidates) {
    // An empty candidate cannot match: the received value is not empty.
    if (typeof candidate !== 'string') continue;
    if (timingSafeEqual(received, candidate)) matched = true;
  }
  return matched;
}

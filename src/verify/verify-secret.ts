import { timingSafeEqual } from './timing-safe-equal.js';
import { usableSecrets } from './verification-result.js';

/**
 * Checks a received secret against one expected secret or several (during rotation), timing-safe.
 *
 * Every expected secret is compared, so the time taken does not tell which one matched. A missing,
 * empty or non-string received value, and an empty or unset expected secret, never match.
 *
 * @example
 * ```ts
 * verifySecret(body.secret, [process.env.NEW_SECRET!, process.env.OLD_SECRET!]); // true or false
 * ```
 */
export function verifySecret(received: unknown, expected: string | readonly string[]): boolean {
  if (typeof received !== 'string') return false;
  let matched = false;
  // Only non-empty strings can match (so an empty received value matches none); an unset secret
  // (`undefined` from plain JavaScript) is no secret at all.
  for (const candidate of usableSecrets(expected)) {
    if (timingSafeEqual(received, candidate)) matched = true;
  }
  return matched;
}

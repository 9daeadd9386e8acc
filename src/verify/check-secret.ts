import {
  type SmsVerificationResult,
  usableSecrets,
  verificationFailure,
  verified,
} from './verification-result.js';
import { verifySecret } from './verify-secret.js';

/** What {@link checkSecret} says when the secret is absent, not one string, or wrong. */
export interface SecretCheckMessages {
  /** For `missing_secret`, e.g. "The body has no `secret` field." */
  readonly missing: string;
  /** For `malformed_secret`, e.g. "The body's `secret` field is not a string." */
  readonly malformed: string;
  /** For `secret_mismatch`, e.g. "The body's `secret` matches none of the configured secrets." */
  readonly mismatch: string;
}

/**
 * Checks a secret a request carries against one expected secret or several, timing-safe, and
 * says why it fails: `no_secret` when no expected secret is usable, `missing_secret` for an
 * absent, `null` or empty value, `malformed_secret` for a value that is not a string, and
 * `secret_mismatch` otherwise. It passes exactly when {@link verifySecret} is true.
 */
export function checkSecret(
  received: unknown,
  expected: string | readonly string[],
  messages: SecretCheckMessages,
): SmsVerificationResult {
  const candidates = usableSecrets(expected);
  if (candidates.length === 0) return verificationFailure('no_secret');
  if (received === undefined || received === null || received === '') {
    return verificationFailure('missing_secret', messages.missing);
  }
  if (typeof received !== 'string')
    return verificationFailure('malformed_secret', messages.malformed);
  return verifySecret(received, candidates)
    ? verified
    : verificationFailure('secret_mismatch', messages.mismatch);
}

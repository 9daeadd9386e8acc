// What a verification concluded, and why it refused. A low layer: provider ids and names are
// plain strings here, and every message is fixed text (header and parameter names, the
// tolerance), never a secret or a value taken from the request.

/** Every reason a request can fail verification, in the order the checks usually run. */
export const smsVerificationFailureReasons = [
  'no_secret',
  'unsupported_scheme',
  'missing_signature',
  'missing_timestamp',
  'malformed_timestamp',
  'timestamp_out_of_tolerance',
  'malformed_signature',
  'signature_mismatch',
  'missing_secret',
  'malformed_secret',
  'secret_mismatch',
  'rejected_by_verify',
] as const;

/**
 * Why a request failed verification:
 * - `no_secret`: no usable secret is configured (none given, or only empty strings);
 * - `unsupported_scheme`: the provider has no verification scheme of that name;
 * - `missing_signature`: the signature header is absent or blank;
 * - `missing_timestamp`: the signed-timestamp header is absent or blank (Text Request);
 * - `malformed_timestamp`: the signed timestamp is not a whole number of seconds;
 * - `timestamp_out_of_tolerance`: the signed timestamp is further from now than the tolerance;
 * - `malformed_signature`: the signature is not in the scheme's format, so it can match nothing;
 * - `signature_mismatch`: a well-formed signature that no configured secret produces;
 * - `missing_secret`: the secret the provider sends in the request (TextLink's body `secret`
 *   field, Telmetrics' URL token) is absent or empty;
 * - `malformed_secret`: it is there but not one string (a number, a repeated URL parameter);
 * - `secret_mismatch`: it matches no configured secret;
 * - `rejected_by_verify`: the handler's own `verify` option refused the request.
 */
export type SmsVerificationFailureReason = (typeof smsVerificationFailureReasons)[number];

/** The outcome of checking a request: verified, or the reason it is not, with a message. */
export type SmsVerificationResult =
  | {
      /** The request is authentic. */
      readonly ok: true;
    }
  | {
      /** The request is refused. */
      readonly ok: false;
      /** Why, as a code to branch or count on. */
      readonly reason: SmsVerificationFailureReason;
      /** The same in one sentence for a log; never holds a secret or a value from the request. */
      readonly message: string;
    };

/** A message for each reason, used when a check has nothing more precise to say. */
export const smsVerificationFailureMessages: Readonly<
  Record<SmsVerificationFailureReason, string>
> = {
  no_secret: 'No secret is configured, so the request cannot be verified.',
  unsupported_scheme: 'The provider has no verification scheme of that name.',
  missing_signature: 'The request carries no signature.',
  missing_timestamp: 'The request carries no signed timestamp.',
  malformed_timestamp: 'The signed timestamp is not a whole number of seconds.',
  timestamp_out_of_tolerance: 'The signed timestamp is further from now than the tolerance allows.',
  malformed_signature: 'The signature is not in the format of the scheme, so it cannot match.',
  signature_mismatch: 'The signature matches none of the configured secrets.',
  missing_secret: 'The request carries no secret.',
  malformed_secret: 'The secret in the request is not a single string.',
  secret_mismatch: 'The secret in the request matches none of the configured secrets.',
  rejected_by_verify: 'The `verify` option refused the request.',
};

/** The result of a check that passed. */
export const verified: SmsVerificationResult = Object.freeze({ ok: true });

/** The result of a check that failed, with the reason's own message unless a more precise one is given. */
export function verificationFailure(
  reason: SmsVerificationFailureReason,
  message: string = smsVerificationFailureMessages[reason],
): SmsVerificationResult {
  return { ok: false, reason, message };
}

/** The non-empty strings of one expected secret or several; anything else can never match. */
export function usableSecrets(expected: string | readonly string[]): string[] {
  const candidates: readonly unknown[] =
    typeof expected === 'string' ? [expected] : Array.isArray(expected) ? expected : [];
  return candidates.filter((item): item is string => typeof item === 'string' && item !== '');
}

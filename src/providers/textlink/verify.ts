import { decodeBody } from '../../decode-body.js';
import { isJsonObject } from '../../is-json-object.js';
import { checkSecret } from '../../verify/check-secret.js';
import {
  type SmsVerificationResult,
  usableSecrets,
  verificationFailure,
} from '../../verify/verification-result.js';
import type { ProviderVerifyOptions, SmsWebhookRequest } from '../types.js';

/** TextLink's verification schemes: the secret travels in plain text in the JSON body. */
export const textLinkVerificationSchemes = ['body-secret'] as const;

/** A TextLink verification scheme: `'body-secret'`. */
export type TextLinkVerificationScheme = (typeof textLinkVerificationSchemes)[number];

/**
 * Checks the `secret` field of a TextLink webhook body against your webhook secret, timing-safe.
 *
 * `body` is the parsed JSON, or the raw body as a `string` or `Uint8Array`. Pass several secrets
 * while rotating. A body without a string `secret`, a body that is not a JSON object, and an empty
 * expected secret never match. Never throws. The secret proves who sent the request, not that
 * the other fields are unchanged: TextLink signs nothing. {@link verifyTextLinkSecretDetailed}
 * also says why a body does not match.
 *
 * @example
 * ```ts
 * if (!verifyTextLinkSecret(req.body, process.env.TEXTLINK_WEBHOOK_SECRET!)) res.status(401).end();
 * ```
 */
export function verifyTextLinkSecret(body: unknown, secret: string | readonly string[]): boolean {
  return verifyTextLinkSecretDetailed(body, secret).ok;
}

/**
 * Like {@link verifyTextLinkSecret}, but says why a body does not match: `no_secret` (no usable
 * expected secret), `missing_secret` (no `secret` field, or an empty one, also for a body that is
 * not a JSON object), `malformed_secret` (not a string) or `secret_mismatch`. Never throws.
 *
 * @example
 * ```ts
 * const result = verifyTextLinkSecretDetailed(req.body, process.env.TEXTLINK_WEBHOOK_SECRET!);
 * if (!result.ok) logger.warn(result.reason); // e.g. 'missing_secret'
 * ```
 */
export function verifyTextLinkSecretDetailed(
  body: unknown,
  secret: string | readonly string[],
): SmsVerificationResult {
  try {
    if (usableSecrets(secret).length === 0) return verificationFailure('no_secret');
    let value: unknown;
    try {
      value = decodeBody(body);
    } catch {
      return verificationFailure(
        'missing_secret',
        'The body is not JSON, so it has no `secret` field.',
      );
    }
    if (!isJsonObject(value)) {
      return verificationFailure(
        'missing_secret',
        'The body is not a JSON object, so it has no `secret` field.',
      );
    }
    return checkSecret(Object.hasOwn(value, 'secret') ? value.secret : undefined, secret, {
      missing:
        'The body has no `secret` field (or an empty one); TextLink sends it once a webhook secret is set in its dashboard.',
      malformed: "The body's `secret` field is not a string.",
      mismatch: "The body's `secret` field matches none of the configured secrets.",
    });
  } catch {
    // A throwing getter or proxy (in the body or the secrets) proves nothing, so it never matches.
    return verificationFailure('malformed_secret', "The body's `secret` field could not be read.");
  }
}

/**
 * Verifies a TextLink request with the `body-secret` scheme (the only one TextLink offers): the
 * body's `secret` must equal one of `secrets`. The raw body is not needed.
 *
 * @throws {TypeError} when `options.scheme` names a scheme TextLink does not have.
 */
export async function verifyTextLinkRequest(
  request: SmsWebhookRequest,
  secrets: readonly string[],
  options: ProviderVerifyOptions = {},
): Promise<boolean> {
  return (await checkTextLinkRequest(request, secrets, options)).ok;
}

/**
 * Like {@link verifyTextLinkRequest}, with the reason a request fails; what the registry's
 * `verify` runs.
 *
 * @throws {TypeError} when `options.scheme` names a scheme TextLink does not have.
 */
export async function checkTextLinkRequest(
  request: SmsWebhookRequest,
  secrets: readonly string[],
  options: ProviderVerifyOptions = {},
): Promise<SmsVerificationResult> {
  const scheme = options.scheme ?? 'body-secret';
  if (scheme !== 'body-secret') {
    throw new TypeError(
      `Unknown TextLink verification scheme ${JSON.stringify(String(scheme))}; expected "body-secret".`,
    );
  }
  // A framework may have left the body unparsed; the secret can then still be read from the bytes.
  const body = request.body === undefined || request.body === null ? request.rawBody : request.body;
  return verifyTextLinkSecretDetailed(body, secrets);
}

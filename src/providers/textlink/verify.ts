import { decodeBody } from '../../decode-body.js';
import { isJsonObject } from '../../is-json-object.js';
import { verifySecret } from '../../verify/verify-secret.js';
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
 * the other fields are unchanged: TextLink signs nothing.
 *
 * @example
 * ```ts
 * if (!verifyTextLinkSecret(req.body, process.env.TEXTLINK_WEBHOOK_SECRET!)) res.status(401).end();
 * ```
 */
export function verifyTextLinkSecret(body: unknown, secret: string | readonly string[]): boolean {
  try {
    const value = decodeBody(body);
    if (!isJsonObject(value) || !Object.hasOwn(value, 'secret')) return false;
    return verifySecret(value.secret, secret);
  } catch {
    // A throwing getter or proxy (in the body or the secrets) proves nothing, so it never matches.
    return false;
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
  const scheme = options.scheme ?? 'body-secret';
  if (scheme !== 'body-secret') {
    throw new TypeError(
      `Unknown TextLink verification scheme ${JSON.stringify(String(scheme))}; expected "body-secret".`,
    );
  }
  // A framework may have left the body unparsed; the secret can then still be read from the bytes.
  const body = request.body === undefined || request.body === null ? request.rawBody : request.body;
  return verifyTextLinkSecret(body, secrets);
}

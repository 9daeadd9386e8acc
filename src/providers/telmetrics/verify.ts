import { hmacSha256 } from '#hmac';
import { percentDecode } from '../../normalize/percent-decode.js';
import { timingSafeEqual } from '../../verify/timing-safe-equal.js';
import {
  type SmsVerificationResult,
  usableSecrets,
  verificationFailure,
  verified,
} from '../../verify/verification-result.js';
import { verifySecret } from '../../verify/verify-secret.js';

/** The header that carries the signature in the `ms-signature` scheme. */
export const TELMETRICS_SIGNATURE_HEADER = 'ms-signature';

/** Options of {@link verifyTelmetricsSignature}. */
export interface VerifyTelmetricsSignatureOptions {
  /**
   * The request body exactly as received, before any JSON parsing.
   * @example await request.text()
   */
  readonly body: string | Uint8Array;
  /**
   * The value of the `ms-signature` header, or `null`/`undefined` when it is missing.
   * @example request.headers.get('ms-signature')
   */
  readonly signature: string | null | undefined;
  /**
   * The webhook secret, or several during a rotation (any one of them may match).
   * @example [process.env.TELMETRICS_WEBHOOK_SECRET, process.env.TELMETRICS_WEBHOOK_SECRET_OLD]
   */
  readonly secret: string | readonly string[];
}

// `sha256=` followed by the 64 hex digits of the HMAC; ASP.NET WebHooks senders write upper case.
const SIGNATURE_PATTERN = /^sha256=([0-9a-f]{64})$/i;

/**
 * Checks the `ms-signature` header of a Telmetrics delivery: `sha256=<hex HMAC-SHA256 of the raw
 * body, keyed with the webhook secret>`, hex in either case.
 *
 * Telmetrics documents no signature. This is the scheme of Microsoft ASP.NET WebHooks, whose
 * envelope (`Id`, `Attempt`, `Properties`, `Notifications`) Telmetrics deliveries match exactly; it
 * is inferred from that envelope, not documented by Telmetrics. If your deliveries carry no
 * `ms-signature` header, use {@link verifyTelmetricsUrlToken} instead.
 *
 * Every secret is checked, so the time taken does not tell which one matched. A missing or
 * malformed header, and an empty secret, never match.
 *
 * @example
 * ```ts
 * const ok = await verifyTelmetricsSignature({
 *   body: await request.text(),
 *   signature: request.headers.get('ms-signature'),
 *   secret: process.env.TELMETRICS_WEBHOOK_SECRET!,
 * });
 * ```
 */
export async function verifyTelmetricsSignature(
  options: VerifyTelmetricsSignatureOptions,
): Promise<boolean> {
  return (await verifyTelmetricsSignatureDetailed(options)).ok;
}

/**
 * Like {@link verifyTelmetricsSignature}, but resolves to why a request does not verify:
 * `no_secret` (no usable secret), `missing_signature` (no `ms-signature` header, or a blank one),
 * `malformed_signature` (not `sha256=` and 64 hex digits) or `signature_mismatch`.
 *
 * @example
 * ```ts
 * const result = await verifyTelmetricsSignatureDetailed({
 *   body: await request.text(),
 *   signature: request.headers.get('ms-signature'),
 *   secret: process.env.TELMETRICS_WEBHOOK_SECRET!,
 * });
 * if (!result.ok) console.warn(result.reason); // e.g. 'missing_signature'
 * ```
 */
export async function verifyTelmetricsSignatureDetailed(
  options: VerifyTelmetricsSignatureOptions,
): Promise<SmsVerificationResult> {
  const { body, signature, secret } = options;
  const secrets = usableSecrets(secret);
  if (secrets.length === 0) return verificationFailure('no_secret');
  if (typeof signature !== 'string' || signature.trim() === '') {
    return verificationFailure(
      'missing_signature',
      `The ${TELMETRICS_SIGNATURE_HEADER} header is missing or blank; if your deliveries never carry it, use the url-token scheme.`,
    );
  }
  const received = SIGNATURE_PATTERN.exec(signature.trim())?.[1]?.toLowerCase();
  if (received === undefined) {
    return verificationFailure(
      'malformed_signature',
      `The ${TELMETRICS_SIGNATURE_HEADER} header is not sha256= followed by 64 hex digits.`,
    );
  }
  let matched = false;
  for (const candidate of secrets) {
    const expected = await hmacSha256(candidate, [body], 'hex');
    if (timingSafeEqual(received, expected)) matched = true;
  }
  return matched
    ? verified
    : verificationFailure(
        'signature_mismatch',
        `The ${TELMETRICS_SIGNATURE_HEADER} header matches none of the configured secrets for this body.`,
      );
}

/** Options of {@link verifyTelmetricsUrlToken}. */
export interface VerifyTelmetricsUrlTokenOptions {
  /**
   * The request URL with its query string; a path such as `/hooks/telmetrics?token=…` works too.
   * @example request.url
   */
  readonly url: string;
  /**
   * The token you put in the webhook URL registered in the Telmetrics portal, or several during a
   * rotation (any one of them may match).
   * @example process.env.TELMETRICS_WEBHOOK_TOKEN!
   */
  readonly secret: string | readonly string[];
  /**
   * The query parameter that holds the token.
   * @default 'token'
   * @example 'key'
   */
  readonly param?: string | undefined;
}

/**
 * Checks a token that you put in the query string of the webhook URL registered with Telmetrics
 * (e.g. `https://example.com/hooks/telmetrics?token=…`), timing-safe.
 *
 * Telmetrics documents no delivery authentication, so a secret URL works whatever the sender does.
 * Use a long random token of URL-safe characters; a missing, repeated or empty parameter never
 * matches. A `+` in the token is read as a `+` (as it was registered) or as a space, whichever
 * matches, since senders differ on whether they form-decode it.
 *
 * @example
 * ```ts
 * const secret = process.env.TELMETRICS_WEBHOOK_TOKEN!;
 * if (!verifyTelmetricsUrlToken({ url: request.url, secret })) {
 *   return new Response(null, { status: 401 });
 * }
 * ```
 */
export function verifyTelmetricsUrlToken(options: VerifyTelmetricsUrlTokenOptions): boolean {
  return verifyTelmetricsUrlTokenDetailed(options).ok;
}

/**
 * Like {@link verifyTelmetricsUrlToken}, but says why a URL does not match: `no_secret` (no usable
 * token configured), `missing_secret` (no token parameter, or an empty one), `malformed_secret`
 * (the parameter given more than once) or `secret_mismatch` (neither reading of a `+` matches). The message names the parameter,
 * never its value.
 *
 * @example
 * ```ts
 * const result = verifyTelmetricsUrlTokenDetailed({ url: request.url, secret: process.env.TELMETRICS_WEBHOOK_TOKEN! });
 * if (!result.ok) console.warn(result.reason); // e.g. 'missing_secret'
 * ```
 */
export function verifyTelmetricsUrlTokenDetailed(
  options: VerifyTelmetricsUrlTokenOptions,
): SmsVerificationResult {
  const { url, secret, param = 'token' } = options;
  if (usableSecrets(secret).length === 0) return verificationFailure('no_secret');
  const missing = `The URL has no \`${param}\` query parameter, or an empty one.`;
  let search: string;
  try {
    // The base only serves request paths without scheme and host; it never reaches the result.
    search = new URL(url, 'http://localhost').search;
  } catch {
    return verificationFailure('missing_secret', missing);
  }
  const tokens = queryValues(search, param);
  // Two tokens leave it open which one the sender meant, so neither is accepted.
  if (tokens.length > 1) {
    return verificationFailure(
      'malformed_secret',
      `The URL has the \`${param}\` query parameter more than once.`,
    );
  }
  const token = tokens[0] ?? '';
  if (token === '') return verificationFailure('missing_secret', missing);
  // A `+` pasted into the registered URL reaches us as `+`; form decoding would make it a space.
  // Both readings are checked, always both, so a token with `+` or an encoded space matches.
  const literal = verifySecret(percentDecode(token), secret);
  const form = verifySecret(percentDecode(token.replaceAll('+', ' ')), secret);
  return literal || form
    ? verified
    : verificationFailure(
        'secret_mismatch',
        `The URL's \`${param}\` query parameter matches none of the configured tokens.`,
      );
}

/** The raw (still percent-encoded) values of every `name=value` pair of a query named `param`. */
function queryValues(search: string, param: string): string[] {
  const values: string[] = [];
  for (const pair of search.slice(1).split('&')) {
    const [name = ''] = pair.split('=', 1);
    // `token` without `=` counts as an empty value, as URLSearchParams has it.
    if (percentDecode(name.replaceAll('+', ' ')) === param)
      values.push(pair.slice(name.length + 1));
  }
  return values;
}

import { hmacSha256 } from '#hmac';
import { percentDecode } from '../../normalize/percent-decode.js';
import { timingSafeEqual } from '../../verify/timing-safe-equal.js';
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
  const { body, signature, secret } = options;
  if (typeof signature !== 'string') return false;
  const received = SIGNATURE_PATTERN.exec(signature.trim())?.[1]?.toLowerCase();
  if (received === undefined) return false;
  const secrets = typeof secret === 'string' ? [secret] : secret;
  let matched = false;
  for (const candidate of secrets) {
    if (typeof candidate !== 'string' || candidate === '') continue;
    const expected = await hmacSha256(candidate, [body], 'hex');
    if (timingSafeEqual(received, expected)) matched = true;
  }
  return matched;
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
  const { url, secret, param = 'token' } = options;
  let search: string;
  try {
    // The base only serves request paths without scheme and host; it never reaches the result.
    search = new URL(url, 'http://localhost').search;
  } catch {
    return false;
  }
  const tokens = queryValues(search, param);
  // Two tokens leave it open which one the sender meant, so neither is accepted.
  if (tokens.length !== 1) return false;
  const token = tokens[0] ?? '';
  // A `+` pasted into the registered URL reaches us as `+`; form decoding would make it a space.
  // Both readings are checked, always both, so a token with `+` or an encoded space matches.
  const literal = verifySecret(percentDecode(token), secret);
  const form = verifySecret(percentDecode(token.replaceAll('+', ' ')), secret);
  return literal || form;
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

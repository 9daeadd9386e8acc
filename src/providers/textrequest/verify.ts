import { hmacSha256 } from '#hmac';
import { SmsWebhookError } from '../../errors/SmsWebhookError.js';
import { timingSafeEqual } from '../../verify/timing-safe-equal.js';
import {
  type SmsVerificationResult,
  usableSecrets,
  verificationFailure,
  verified,
} from '../../verify/verification-result.js';
import type { ProviderVerifyOptions, SmsWebhookRequest } from '../types.js';

/** The request header that carries Text Request's Base64 HMAC-SHA256 signature. */
export const TEXT_REQUEST_SIGNATURE_HEADER = 'x-tr-webhook-signature';

/** The request header that carries the Unix time, in seconds, at which Text Request signed the request. */
export const TEXT_REQUEST_TIMESTAMP_HEADER = 'x-tr-webhook-timestamp';

/** How far a signed timestamp may be from the current time, in seconds, either way, unless told otherwise. */
export const TEXT_REQUEST_DEFAULT_TOLERANCE_SECONDS = 300;

/** The name of Text Request's only verification scheme. */
export const TEXT_REQUEST_HMAC_SCHEME = 'hmac-sha256';

/** Options of {@link verifyTextRequestSignature}. */
export interface VerifyTextRequestSignatureOptions {
  /**
   * The request body exactly as received: the bytes, or the text they decode to.
   * @example await request.arrayBuffer().then((buffer) => new Uint8Array(buffer))
   */
  readonly body: string | Uint8Array;
  /**
   * The value of the `x-tr-webhook-signature` header; a missing or blank one never verifies.
   * @example request.headers.get('x-tr-webhook-signature')
   */
  readonly signature: string | null | undefined;
  /**
   * The value of the `x-tr-webhook-timestamp` header, Unix seconds; a missing or non-numeric one never verifies.
   * @example request.headers.get('x-tr-webhook-timestamp')
   */
  readonly timestamp: string | null | undefined;
  /**
   * Your Text Request account's API key, or several while you rotate it (any one may match).
   * @example [process.env.TEXT_REQUEST_API_KEY, process.env.TEXT_REQUEST_OLD_API_KEY]
   */
  readonly apiKey: string | readonly string[];
  /**
   * How far the signed timestamp may be from `now`, in seconds, either way, measured from the signed
   * second as a whole (`0` accepts a request received within the second it was signed in);
   * `Infinity` turns the check off.
   * @default 300
   * @example 60
   */
  readonly toleranceSeconds?: number | undefined;
  /**
   * The current time, as a `Date` or epoch milliseconds.
   * @default Date.now()
   * @example new Date('2021-04-26T14:47:48Z')
   */
  readonly now?: Date | number | undefined;
}

/**
 * Checks Text Request's `x-tr-webhook-signature`: Base64 of HMAC-SHA256, keyed with your API key,
 * over `{x-tr-webhook-timestamp}.{raw body}`, and that the timestamp is within the tolerance of now.
 *
 * Resolves to `false` (never rejects) for a wrong, missing or blank signature or timestamp;
 * {@link verifyTextRequestSignatureDetailed} also says which.
 *
 * @throws {RangeError} when `toleranceSeconds` is negative or not a number.
 * @example
 * ```ts
 * const ok = await verifyTextRequestSignature({
 *   body: rawBody,
 *   signature: request.headers.get('x-tr-webhook-signature'),
 *   timestamp: request.headers.get('x-tr-webhook-timestamp'),
 *   apiKey: process.env.TEXT_REQUEST_API_KEY!,
 * });
 * ```
 */
export async function verifyTextRequestSignature(
  options: VerifyTextRequestSignatureOptions,
): Promise<boolean> {
  return (await verifyTextRequestSignatureDetailed(options)).ok;
}

// Base64 of the 32 bytes of an HMAC-SHA256, padded: anything else can match no key.
const SIGNATURE_SHAPE = /^[A-Za-z0-9+/]{43}=$/;

/**
 * Like {@link verifyTextRequestSignature}, but resolves to why a request does not verify:
 * `no_secret` (no usable API key), `missing_signature`, `missing_timestamp`,
 * `malformed_timestamp` (not Unix seconds), `timestamp_out_of_tolerance`,
 * `malformed_signature` (not the Base64 of an HMAC-SHA256) or `signature_mismatch`.
 *
 * @throws {RangeError} when `toleranceSeconds` is negative or not a number.
 * @example
 * ```ts
 * const result = await verifyTextRequestSignatureDetailed({
 *   body: rawBody,
 *   signature: request.headers.get('x-tr-webhook-signature'),
 *   timestamp: request.headers.get('x-tr-webhook-timestamp'),
 *   apiKey: process.env.TEXT_REQUEST_API_KEY!,
 * });
 * if (!result.ok) console.warn(result.reason, result.message); // e.g. 'timestamp_out_of_tolerance'
 * ```
 */
export async function verifyTextRequestSignatureDetailed(
  options: VerifyTextRequestSignatureOptions,
): Promise<SmsVerificationResult> {
  const tolerance = options.toleranceSeconds ?? TEXT_REQUEST_DEFAULT_TOLERANCE_SECONDS;
  if (typeof tolerance !== 'number' || Number.isNaN(tolerance) || tolerance < 0) {
    throw new RangeError('toleranceSeconds must be a number of seconds, 0 or more.');
  }
  const keys = usableSecrets(options.apiKey);
  if (keys.length === 0) return verificationFailure('no_secret', 'No API key is configured.');
  const signature = typeof options.signature === 'string' ? options.signature.trim() : '';
  const timestamp = typeof options.timestamp === 'string' ? options.timestamp.trim() : '';
  if (signature === '') {
    return verificationFailure(
      'missing_signature',
      `The ${TEXT_REQUEST_SIGNATURE_HEADER} header is missing or blank.`,
    );
  }
  if (timestamp === '') {
    return verificationFailure(
      'missing_timestamp',
      `The ${TEXT_REQUEST_TIMESTAMP_HEADER} header is missing or blank.`,
    );
  }
  if (!/^\d{1,15}$/.test(timestamp)) {
    return verificationFailure(
      'malformed_timestamp',
      `The ${TEXT_REQUEST_TIMESTAMP_HEADER} header is not a whole number of Unix seconds.`,
    );
  }
  const now = options.now === undefined ? Date.now() : Number(options.now);
  // The header holds whole seconds, so the request was signed somewhere within that second; the
  // distance is measured to the nearest instant of it, or `toleranceSeconds: 0` would refuse all.
  const signedFrom = Number(timestamp) * 1000;
  const distance = Math.max(signedFrom - now, now - (signedFrom + 999), 0);
  if (!(distance <= tolerance * 1000)) {
    const direction = signedFrom > now ? 'in the future' : 'in the past';
    return verificationFailure(
      'timestamp_out_of_tolerance',
      `The ${TEXT_REQUEST_TIMESTAMP_HEADER} header is more than ${tolerance} seconds ${direction}; check both clocks, or the tolerance.`,
    );
  }
  if (!SIGNATURE_SHAPE.test(signature)) {
    return verificationFailure(
      'malformed_signature',
      `The ${TEXT_REQUEST_SIGNATURE_HEADER} header is not the Base64 of an HMAC-SHA256.`,
    );
  }
  // The signature covers the body bytes as sent, so they follow the prefix without decoding.
  const message = [`${timestamp}.`, options.body];
  let matched = false;
  // Every key is tried, so the time taken does not reveal which one matched.
  for (const key of keys) {
    if (timingSafeEqual(await hmacSha256(key, message, 'base64'), signature)) matched = true;
  }
  return matched
    ? verified
    : verificationFailure(
        'signature_mismatch',
        `The ${TEXT_REQUEST_SIGNATURE_HEADER} header matches none of the configured API keys for this body and timestamp.`,
      );
}

/**
 * Verifies a Text Request webhook request with the `hmac-sha256` scheme, reading the signature and
 * timestamp headers and the raw body.
 *
 * @throws {SmsWebhookError} `raw_body_unavailable` when the raw body was consumed by a body parser.
 */
export async function verifyTextRequestRequest(
  request: SmsWebhookRequest,
  secrets: readonly string[],
  options: ProviderVerifyOptions = {},
): Promise<boolean> {
  return (await checkTextRequestRequest(request, secrets, options)).ok;
}

/**
 * Like {@link verifyTextRequestRequest}, with the reason a request fails; what the registry's
 * `verify` runs.
 *
 * @throws {SmsWebhookError} `raw_body_unavailable` when the raw body was consumed by a body parser.
 */
export async function checkTextRequestRequest(
  request: SmsWebhookRequest,
  secrets: readonly string[],
  options: ProviderVerifyOptions = {},
): Promise<SmsVerificationResult> {
  const scheme = options.scheme ?? TEXT_REQUEST_HMAC_SCHEME;
  if (scheme !== TEXT_REQUEST_HMAC_SCHEME) {
    throw new TypeError(`Text Request has one verification scheme, '${TEXT_REQUEST_HMAC_SCHEME}'.`);
  }
  if (request.rawBody === null) {
    throw new SmsWebhookError(
      'raw_body_unavailable',
      'Text Request signs the raw request body, but it was already parsed, so the signature cannot be checked. ' +
        'Mount the webhook handler before express.json(), or give this route express.raw({ type: "application/json" }).',
      { provider: 'textrequest' },
    );
  }
  return verifyTextRequestSignatureDetailed({
    body: request.rawBody,
    signature: request.headers.get(TEXT_REQUEST_SIGNATURE_HEADER),
    timestamp: request.headers.get(TEXT_REQUEST_TIMESTAMP_HEADER),
    apiKey: secrets,
    toleranceSeconds: options.toleranceSeconds,
    now: options.now?.(),
  });
}

import type { SmsVerificationFailureReason } from '../verify/verification-result.js';

/** The reasons a webhook request can be refused, as a machine-readable code. */
export type SmsWebhookErrorCode =
  | 'invalid_json'
  | 'invalid_payload'
  | 'unknown_provider'
  | 'ambiguous_payload'
  | 'unauthorized'
  | 'payload_too_large'
  | 'method_not_allowed'
  | 'raw_body_unavailable';

/** One field that failed validation: where it is and what was wrong with it. */
export interface SmsWebhookIssue {
  /** The field's path in the payload, e.g. `Notifications[0].TexterNumber`; empty for the whole body. */
  readonly path: string;
  /** What was wrong, e.g. `expected string, received number`; never contains a secret. */
  readonly message: string;
}

/** Options of the {@link SmsWebhookError} constructor. */
export interface SmsWebhookErrorOptions {
  /** The provider the payload was checked against, when known. */
  readonly provider?: string | undefined;
  /** The fields that failed, one entry each. */
  readonly issues?: readonly SmsWebhookIssue[] | undefined;
  /** Why verification failed, for an `unauthorized` error. */
  readonly reason?: SmsVerificationFailureReason | undefined;
  /** The underlying error, if one was caught. */
  readonly cause?: unknown;
}

// Shared by every copy of this library loaded in one process (ESM and CommonJS builds, bundles), so
// `isSmsWebhookError` recognizes their errors too; the value is the shape version (code + issues).
const BRAND: unique symbol = Symbol.for('sms-webhooks.SmsWebhookError') as never;
const BRAND_VERSION = 1;

/**
 * The one error this library throws: a typed `code`, the `provider` when known, and the `issues`
 * that name each failing field.
 *
 * @example
 * ```ts
 * try {
 *   parseSmsWebhook(body);
 * } catch (error) {
 *   if (error instanceof SmsWebhookError) console.log(error.code, error.issues);
 * }
 * ```
 */
export class SmsWebhookError extends Error {
  /** Always `'SmsWebhookError'`. */
  override readonly name: 'SmsWebhookError' = 'SmsWebhookError';
  /** What kind of failure this is. */
  readonly code: SmsWebhookErrorCode;
  /** The id of the provider the payload was checked against, or `undefined` when not known. */
  readonly provider: string | undefined;
  /** Each field that failed, with its path and what was wrong; empty when no field is to blame. */
  readonly issues: readonly SmsWebhookIssue[];
  /**
   * Why verification refused the request (`unauthorized` only), e.g. `missing_signature` or
   * `timestamp_out_of_tolerance`; `undefined` for every other code.
   */
  readonly reason: SmsVerificationFailureReason | undefined;

  /** Creates an error with a code, a message that never contains a secret, and the failing fields. */
  constructor(code: SmsWebhookErrorCode, message: string, options: SmsWebhookErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
    this.provider = options.provider;
    this.issues = options.issues ?? [];
    this.reason = options.reason;
  }

  static {
    // On the prototype and not enumerable: the brand never shows in JSON, logs or clones.
    Object.defineProperty(SmsWebhookError.prototype, BRAND, { value: BRAND_VERSION });
  }
}

/**
 * Whether a value is an {@link SmsWebhookError}, also one from another copy of this library
 * (an ESM and a CommonJS build, two bundles). An object that merely looks like one (`name`,
 * `code`) is not. Never throws, not even for a hostile proxy.
 *
 * @example
 * ```ts
 * if (isSmsWebhookError(error)) console.log(error.code, error.issues);
 * ```
 */
export function isSmsWebhookError(value: unknown): value is SmsWebhookError {
  try {
    if (value instanceof SmsWebhookError) return true;
    if (typeof value !== 'object' || value === null) return false;
    const candidate = value as { [BRAND]?: unknown; code?: unknown; issues?: unknown };
    return (
      candidate[BRAND] === BRAND_VERSION &&
      typeof candidate.code === 'string' &&
      Array.isArray(candidate.issues)
    );
  } catch {
    return false;
  }
}

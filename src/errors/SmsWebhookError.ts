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
  /** The underlying error, if one was caught. */
  readonly cause?: unknown;
}

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

  /** Creates an error with a code, a message that never contains a secret, and the failing fields. */
  constructor(code: SmsWebhookErrorCode, message: string, options: SmsWebhookErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
    this.provider = options.provider;
    this.issues = options.issues ?? [];
  }
}

/** Whether a value is an {@link SmsWebhookError}, also across bundled copies of this library. */
export function isSmsWebhookError(value: unknown): value is SmsWebhookError {
  return (
    value instanceof SmsWebhookError ||
    (value instanceof Error &&
      value.name === 'SmsWebhookError' &&
      typeof (value as { code?: unknown }).code === 'string')
  );
}

import type { SmsWebhookIssue } from '../../../errors/SmsWebhookError.js';

/** Why a call to the Text Request API failed, as a machine-readable code. */
export type TextRequestApiErrorCode =
  /** The API answered with a status other than 2xx; `status` and `apiMessage` say which and why. */
  | 'http_error'
  /** The API answered 2xx with a body that is not what the v3 spec describes; `issues` name the fields. */
  | 'invalid_response'
  /** One attempt took longer than `timeoutMs`. */
  | 'timeout'
  /** No answer at all: the connection was refused or dropped, or the name did not resolve. */
  | 'network_error';

/** Options of the {@link TextRequestApiError} constructor. */
export interface TextRequestApiErrorOptions {
  /** The HTTP method of the failed call. */
  readonly method: string;
  /** The path of the failed call under the base URL, with its query, e.g. `/dashboards/121/hooks?page=0`. */
  readonly path: string;
  /** The HTTP status of the last answer, when there was one. */
  readonly status?: number | null | undefined;
  /** The API's own `message` (or `error_message`), with the API key removed. */
  readonly apiMessage?: string | null | undefined;
  /** The API's `errorCode` (or `error_code`), as a string. */
  readonly errorCode?: string | null | undefined;
  /** The `Retry-After` of the last answer, in seconds. */
  readonly retryAfterSeconds?: number | null | undefined;
  /** How many requests were made, retries included. */
  readonly attempts?: number | undefined;
  /** The fields of a 2xx body that did not match the spec. */
  readonly issues?: readonly SmsWebhookIssue[] | undefined;
  /** The underlying error (the `fetch` rejection), when there was one. */
  readonly cause?: unknown;
}

/**
 * The one error the Text Request client throws: what went wrong (`code`), the HTTP `status` and
 * the API's own `message` when it answered. Neither the message nor any field ever contains the
 * API key, even when the API echoes it.
 *
 * @example
 * ```ts
 * try {
 *   await client.addHook(121, { event: 'msg_received', targetUrl: 'https://example.com/hooks/tr' });
 * } catch (error) {
 *   if (error instanceof TextRequestApiError && error.status === 409) console.log('already registered');
 *   else throw error;
 * }
 * ```
 */
export class TextRequestApiError extends Error {
  /** Always `'TextRequestApiError'`. */
  override readonly name: 'TextRequestApiError' = 'TextRequestApiError';
  /** What kind of failure this is. */
  readonly code: TextRequestApiErrorCode;
  /** The HTTP status of the last answer (e.g. 401, 409, 503), or `null` when none arrived. */
  readonly status: number | null;
  /** The API's own `message` (or `error_message`), or `null` when it sent none; never contains the API key. */
  readonly apiMessage: string | null;
  /** The API's `errorCode` (or `error_code`), or `null` when it sent none. */
  readonly errorCode: string | null;
  /** The HTTP method of the failed call, e.g. `POST`. */
  readonly method: string;
  /** The path of the failed call under the base URL, with its query, e.g. `/dashboards/121/hooks`. */
  readonly path: string;
  /** The `Retry-After` of the last answer in seconds, or `null` when it sent none. */
  readonly retryAfterSeconds: number | null;
  /** How many requests were made, retries included. */
  readonly attempts: number;
  /** For `invalid_response`, each field that did not match the spec (types only, never values); else empty. */
  readonly issues: readonly SmsWebhookIssue[];

  /** Creates an error from a message that never contains the API key, and the call's details. */
  constructor(code: TextRequestApiErrorCode, message: string, options: TextRequestApiErrorOptions) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
    this.status = options.status ?? null;
    this.apiMessage = options.apiMessage ?? null;
    this.errorCode = options.errorCode ?? null;
    this.method = options.method;
    this.path = options.path;
    this.retryAfterSeconds = options.retryAfterSeconds ?? null;
    this.attempts = options.attempts ?? 1;
    this.issues = options.issues ?? [];
  }
}

/** Whether a value is a {@link TextRequestApiError}, also across bundled copies of this library. */
export function isTextRequestApiError(value: unknown): value is TextRequestApiError {
  return (
    value instanceof TextRequestApiError ||
    (value instanceof Error &&
      value.name === 'TextRequestApiError' &&
      typeof (value as { code?: unknown }).code === 'string')
  );
}

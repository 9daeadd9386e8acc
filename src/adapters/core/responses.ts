import type { SmsWebhookIssue } from '../../errors/SmsWebhookError.js';
import type { SmsWebhookResponseErrorCode } from './options.js';

/** The JSON body of every handler response. */
export type SmsWebhookResponseBody =
  | {
      /** The events were accepted. */
      readonly ok: true;
    }
  | {
      /** The request was refused or failed. */
      readonly ok: false;
      /** Why. */
      readonly error: {
        /** A machine-readable reason, e.g. `invalid_payload`. */
        readonly code: SmsWebhookResponseErrorCode;
        /** The failing fields (400 responses only); never contains a secret. */
        readonly issues?: readonly SmsWebhookIssue[];
        /** How to fix the setup (`raw_body_unavailable` only). */
        readonly message?: string;
      };
    };

/** A response to send, independent of the HTTP library that sends it. */
export interface SmsWebhookResponse {
  /** The HTTP status code. */
  readonly status: number;
  /** Response headers, lower-case names. */
  readonly headers: Readonly<Record<string, string>>;
  /** The serialized JSON body. */
  readonly body: string;
}

/** The status each error code is answered with. */
const statusOf: Readonly<Record<SmsWebhookResponseErrorCode, number>> = {
  invalid_json: 400,
  invalid_payload: 400,
  unknown_provider: 400,
  ambiguous_payload: 400,
  unauthorized: 401,
  method_not_allowed: 405,
  payload_too_large: 413,
  raw_body_unavailable: 500,
  internal_error: 500,
  timeout: 503,
  in_progress: 503,
  store_unavailable: 503,
};

/** Returns the HTTP status an error code is answered with. */
export function statusForCode(code: SmsWebhookResponseErrorCode): number {
  return statusOf[code];
}

function jsonResponse(
  status: number,
  body: SmsWebhookResponseBody,
  headers: Readonly<Record<string, string>> = {},
): SmsWebhookResponse {
  return {
    status,
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  };
}

// Every accepted delivery gets the same answer, made once (frozen, so no host can change it).
const ok: SmsWebhookResponse = Object.freeze({
  status: 200,
  headers: Object.freeze({ 'content-type': 'application/json' }),
  body: JSON.stringify({ ok: true } satisfies SmsWebhookResponseBody),
});

/** The 200 `{"ok":true}` answer; TextLink counts only status 200 as delivered. */
export function okResponse(): SmsWebhookResponse {
  return ok;
}

/** A 200 plain-text answer to a provider's URL check; `nosniff` keeps browsers from rendering it. */
export function handshakeResponse(text: string): SmsWebhookResponse {
  return {
    status: 200,
    headers: { 'content-type': 'text/plain; charset=utf-8', 'x-content-type-options': 'nosniff' },
    body: text,
  };
}

/** What an error answer may say beyond its code. */
export interface ErrorResponseDetails {
  /** The failing fields, sent with 400 answers only. */
  readonly issues?: readonly SmsWebhookIssue[];
  /** How to fix the setup, sent with `raw_body_unavailable` only. */
  readonly message?: string;
  /** When to try again, in whole seconds, sent as `Retry-After` with 503 answers only. */
  readonly retryAfterSeconds?: number;
  /** The methods the endpoint accepts, for the `Allow` header of a 405. */
  readonly allow?: readonly string[];
}

/**
 * An error answer. Only 400 responses carry `issues`, only `raw_body_unavailable` carries a
 * `message` and only 503s a `Retry-After`; nothing else about the failure leaves the server.
 */
export function errorResponse(
  code: SmsWebhookResponseErrorCode,
  details: ErrorResponseDetails = {},
): SmsWebhookResponse {
  const status = statusForCode(code);
  const error: { code: SmsWebhookResponseErrorCode; issues?: SmsWebhookIssue[]; message?: string } =
    {
      code,
    };
  if (status === 400) {
    // Copied field by field so nothing but path and message can ride along on an issue object.
    error.issues = (details.issues ?? []).map(({ path, message }) => ({ path, message }));
  }
  if (code === 'raw_body_unavailable' && details.message !== undefined)
    error.message = details.message;
  const headers: Record<string, string> = {};
  if (code === 'method_not_allowed') headers.allow = (details.allow ?? ['POST']).join(', ');
  if (status === 503) {
    headers['retry-after'] = String(Math.max(1, Math.ceil(details.retryAfterSeconds ?? 1)));
  }
  return jsonResponse(status, { ok: false, error }, headers);
}

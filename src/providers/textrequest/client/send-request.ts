import * as v from 'valibot';
import { TextRequestApiErrorBodySchema } from './schema.js';
import { TextRequestApiError } from './TextRequestApiError.js';

/** The `fetch` the client calls: the global one, or any function with its signature. */
export type TextRequestFetch = (url: string, init: RequestInit) => Promise<Response>;

/** How the client reaches the API, resolved from its options. */
export interface Transport {
  /** Sent as `x-api-key`; kept out of every error. */
  readonly apiKey: string;
  /** The base URL without a trailing slash. */
  readonly baseUrl: string;
  /** The `fetch` to call. */
  readonly fetch: TextRequestFetch;
  /** How long one attempt may take, in milliseconds. */
  readonly timeoutMs: number;
  /** How many times an idempotent call is retried. */
  readonly retries: number;
  /** The first backoff delay in milliseconds; it doubles with each retry. */
  readonly retryDelayMs: number;
}

/** One call of the API. */
export interface ApiCall {
  /** The HTTP method; only GET and DELETE are retried, since they are idempotent. */
  readonly method: 'GET' | 'POST' | 'DELETE';
  /** The path under the base URL, with its query string. */
  readonly path: string;
  /** The JSON body to send. */
  readonly body?: unknown;
  /** Cancels the call, its retries and its backoff waits. */
  readonly signal?: AbortSignal | undefined;
  /** An answer status that counts as success once the call has been retried (a repeated DELETE's 404). */
  readonly doneOnRetry?: number | undefined;
}

/** A 2xx answer. */
export interface ApiAnswer {
  /** The HTTP status. */
  readonly status: number;
  /** The body text, empty when there is none. */
  readonly text: string;
}

/** The longest backoff between two attempts, unless `Retry-After` asks for longer. */
const MAX_BACKOFF_MS = 10_000;
/** A `Retry-After` longer than this is not waited for: the error is thrown with `retryAfterSeconds`. */
const MAX_RETRY_AFTER_MS = 60_000;
/** The longest `message` kept from an error body. */
const MAX_API_MESSAGE_LENGTH = 500;

/** Reads `Retry-After` (delta-seconds or an HTTP date) as seconds from now, or `null`. */
export function readRetryAfter(value: string | null, now: number = Date.now()): number | null {
  if (value === null) return null;
  const text = value.trim();
  if (/^\d+$/.test(text)) return Number(text);
  // An HTTP date names its day and month; a bare "-3" would parse as a year.
  const date = /[a-z]/i.test(text) ? Date.parse(text) : Number.NaN;
  return Number.isNaN(date) ? null : Math.max(0, Math.ceil((date - now) / 1000));
}

/** The wait before retry number `retry` (1 for the first): exponential, capped, with jitter. */
function backoff(transport: Transport, retry: number): number {
  const ceiling = Math.min(MAX_BACKOFF_MS, transport.retryDelayMs * 2 ** (retry - 1));
  // Half fixed, half random, so that many clients failing together do not retry in step.
  return ceiling / 2 + (Math.random() * ceiling) / 2;
}

function sleep(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(signal.reason);
      return;
    }
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/** Removes every occurrence of the API key from text that came from the network. */
function redact(text: string, apiKey: string): string {
  return apiKey === '' ? text : text.split(apiKey).join('[redacted]');
}

/** The API's `message` and error code from an error body, when it is JSON that has them. */
function readErrorBody(
  text: string,
  apiKey: string,
): { apiMessage: string | null; errorCode: string | null } {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return { apiMessage: null, errorCode: null };
  }
  const result = v.safeParse(TextRequestApiErrorBodySchema, json);
  if (!result.success || Array.isArray(json)) return { apiMessage: null, errorCode: null };
  const { message, error_message, errorCode, error_code } = result.output;
  const rawMessage = [message, error_message].find(
    (m): m is string => typeof m === 'string' && m.trim() !== '',
  );
  const rawCode = [errorCode, error_code].find((c) => c !== null && c !== undefined && c !== '');
  const clip = (s: string): string =>
    s.length > MAX_API_MESSAGE_LENGTH ? `${s.slice(0, MAX_API_MESSAGE_LENGTH)}…` : s;
  return {
    apiMessage: rawMessage === undefined ? null : clip(redact(rawMessage.trim(), apiKey)),
    errorCode: rawCode === undefined ? null : clip(redact(String(rawCode), apiKey)),
  };
}

/** What one attempt ended with: an answer, or a failure before any answer. */
type AttemptResult =
  | { readonly kind: 'answer'; readonly status: number; readonly headers: Headers; text: string }
  | { readonly kind: 'timeout' | 'network_error'; readonly cause: unknown };

/** Makes one request, reading the whole answer within `timeoutMs`. Rejects only when `signal` aborts. */
async function attempt(
  transport: Transport,
  call: ApiCall,
  url: string,
  init: RequestInit,
): Promise<AttemptResult> {
  const { signal } = call;
  if (signal?.aborted) throw signal.reason;
  const controller = new AbortController();
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort(new DOMException('The request timed out.', 'TimeoutError'));
  }, transport.timeoutMs);
  const onAbort = (): void => controller.abort(signal?.reason);
  signal?.addEventListener('abort', onAbort, { once: true });
  try {
    const response = await transport.fetch(url, { ...init, signal: controller.signal });
    const text = await response.text();
    return { kind: 'answer', status: response.status, headers: response.headers, text };
  } catch (error) {
    if (signal?.aborted) throw signal.reason;
    return { kind: timedOut ? 'timeout' : 'network_error', cause: error };
  } finally {
    clearTimeout(timer);
    signal?.removeEventListener('abort', onAbort);
  }
}

function attemptsNote(attempts: number): string {
  return attempts > 1 ? ` (after ${attempts} attempts)` : '';
}

/**
 * Sends one API call with the key, a timeout per attempt, and, for GET and DELETE only, retries
 * with backoff on 429, 5xx and network failures (honouring `Retry-After`).
 *
 * @throws {TextRequestApiError} for any answer other than 2xx, a timeout or a network failure.
 * @throws the signal's reason when `call.signal` aborts.
 */
export async function sendRequest(transport: Transport, call: ApiCall): Promise<ApiAnswer> {
  const url = `${transport.baseUrl}${call.path}`;
  const headers: Record<string, string> = {
    accept: 'application/json',
    'x-api-key': transport.apiKey,
  };
  // A redirect is not followed: fetch would send x-api-key on to wherever it points.
  const init: RequestInit = { method: call.method, headers, redirect: 'manual' };
  if (call.body !== undefined) {
    headers['content-type'] = 'application/json';
    init.body = JSON.stringify(call.body);
  }
  // A POST registers a hook: repeating it after a lost answer could act twice, so it is never retried.
  const idempotent = call.method !== 'POST';
  const where = `${call.method} ${call.path}`;

  for (let attempts = 1; ; attempts += 1) {
    const result = await attempt(transport, call, url, init);
    const canRetry = idempotent && attempts <= transport.retries;

    if (result.kind !== 'answer') {
      if (result.kind === 'network_error' && canRetry) {
        await sleep(backoff(transport, attempts), call.signal);
        continue;
      }
      const what =
        result.kind === 'timeout'
          ? `timed out after ${transport.timeoutMs} ms`
          : `could not reach ${new URL(transport.baseUrl).origin}`;
      throw new TextRequestApiError(
        result.kind,
        `Text Request API: ${where} ${what}${attemptsNote(attempts)}.`,
        {
          method: call.method,
          path: call.path,
          attempts,
          cause: result.cause,
        },
      );
    }

    const { status } = result;
    if (status >= 200 && status < 300) return { status, text: result.text };
    if (attempts > 1 && status === call.doneOnRetry) return { status, text: '' };

    const retryAfterSeconds = readRetryAfter(result.headers.get('retry-after'));
    if (canRetry && (status === 429 || status >= 500)) {
      const wait =
        retryAfterSeconds === null ? backoff(transport, attempts) : retryAfterSeconds * 1000;
      if (wait <= MAX_RETRY_AFTER_MS) {
        await sleep(wait, call.signal);
        continue;
      }
    }
    const { apiMessage, errorCode } = readErrorBody(result.text, transport.apiKey);
    const reason = apiMessage === null ? '.' : `: ${apiMessage}`;
    throw new TextRequestApiError(
      'http_error',
      `Text Request API: ${where} answered ${status}${attemptsNote(attempts)}${reason}`,
      {
        method: call.method,
        path: call.path,
        status,
        apiMessage,
        errorCode,
        retryAfterSeconds,
        attempts,
      },
    );
  }
}

import type { SmsEventOf } from '../../events.js';
import { type ProviderId, providers } from '../../providers/index.js';
import type { SmsWebhookHeaders } from '../../providers/types.js';
import { readRequestBody } from '../fetch/read-request-body.js';
import type { IncomingBody, IncomingSmsWebhook } from './create-pipeline.js';
import { verifyAndParseIncoming } from './create-pipeline.js';
import type { SmsWebhookHandlerOptions } from './options.js';
import { resolveRequestOptions } from './resolve-options.js';

/**
 * Options of {@link verifyAndParseSmsWebhook}: the handlers' verification and parsing options
 * (`provider`, `kind`, `secret`, `scheme`, `toleranceSeconds`, `verify`, `maxBodyBytes`).
 */
export type VerifyAndParseSmsWebhookOptions<P extends ProviderId = ProviderId> = Omit<
  SmsWebhookHandlerOptions<P>,
  'on' | 'onUnhandled' | 'onEvent' | 'onError'
>;

/** A request you have already received, as your framework gives it to you. */
export interface SmsWebhookRawRequest {
  /**
   * The body exactly as received, as a string or bytes (Fastify's `rawBody`, NestJS's
   * `req.rawBody`, a queue message); a parsed JSON value works only for the checks that do not
   * sign the bytes (TextLink's body secret, Telmetrics' URL token, none).
   * @example { body: req.rawBody }
   */
  readonly body: unknown;
  /**
   * The request headers: Web `Headers`, or a Node-style record of lower- or mixed-case names.
   * @example { headers: req.headers }
   */
  readonly headers:
    | SmsWebhookHeaders
    | Readonly<Record<string, string | readonly string[] | undefined>>;
  /**
   * The HTTP method.
   * @default 'POST'
   * @example { method: req.method }
   */
  readonly method?: string | undefined;
  /**
   * The request URL, absolute or a path with its query string (Telmetrics' `url-token` reads it).
   * @default 'http://localhost/'
   * @example { url: req.url }
   */
  readonly url?: string | undefined;
}

const rawBodyAdvice =
  'Pass the body exactly as received, as a string or bytes (e.g. Fastify with a raw-body parser, NestJS with `rawBody: true`), not the parsed JSON.';

function headerLookup(headers: SmsWebhookRawRequest['headers']): SmsWebhookHeaders {
  if (typeof (headers as { get?: unknown }).get === 'function') {
    return headers as SmsWebhookHeaders;
  }
  const byName = new Map<string, string>();
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined) continue;
    const text = typeof value === 'string' ? value : (value as readonly string[]).join(', ');
    const key = name.toLowerCase();
    const before = byName.get(key);
    byName.set(key, before === undefined ? text : `${before}, ${text}`);
  }
  return { get: (name) => byName.get(name.toLowerCase()) ?? null };
}

function absoluteUrl(url: string | undefined): string {
  try {
    return new URL(url ?? '/', 'http://localhost').href;
  } catch {
    throw new TypeError('`url` must be an absolute URL or a path, e.g. "/hooks/sms?token=…".');
  }
}

function bodyOf(body: unknown, maxBytes: number): IncomingBody {
  let bytes: Uint8Array | undefined;
  if (typeof body === 'string') bytes = new TextEncoder().encode(body);
  else if (body instanceof Uint8Array) bytes = body;
  else if (body instanceof ArrayBuffer) bytes = new Uint8Array(body);
  if (bytes === undefined) {
    return body === undefined || body === null
      ? { type: 'unavailable' }
      : { type: 'parsed', value: body };
  }
  return bytes.byteLength > maxBytes ? { type: 'too_large' } : { type: 'bytes', bytes };
}

function isRequest(input: unknown): input is Request {
  return typeof Request !== 'undefined' && input instanceof Request;
}

/**
 * Verifies and parses one webhook request and returns its events, for code that answers the
 * request itself (NestJS, Fastify, a queue consumer): the same checks as the handlers, in the
 * same order, with the same options, but no response and no callbacks. Takes a Web `Request` or
 * the raw body with the headers (and method and URL, when a check needs them).
 *
 * @throws {SmsWebhookError} why the request is refused: `unauthorized`, `invalid_json`,
 * `invalid_payload`, `unknown_provider`, `ambiguous_payload`, `payload_too_large`,
 * `method_not_allowed` or `raw_body_unavailable`. An error thrown by your own `secret` resolver
 * or `verify` function is rethrown as it is.
 * @throws {TypeError} when the options are invalid.
 * @example
 * ```ts
 * // Fastify, with a raw-body parser for application/json
 * app.post('/hooks/textrequest', async (req, reply) => {
 *   try {
 *     const events = await verifyAndParseSmsWebhook(
 *       { body: req.rawBody, headers: req.headers, method: req.method, url: req.url },
 *       { provider: 'textrequest', secret: process.env.TEXT_REQUEST_API_KEY },
 *     );
 *     await queue.addBulk(events);
 *     return { ok: true };
 *   } catch (error) {
 *     if (isSmsWebhookError(error)) return reply.code(error.code === 'unauthorized' ? 401 : 400).send({ code: error.code });
 *     throw error;
 *   }
 * });
 * ```
 */
export async function verifyAndParseSmsWebhook<P extends ProviderId = ProviderId>(
  input: Request | SmsWebhookRawRequest,
  options: VerifyAndParseSmsWebhookOptions<P>,
): Promise<SmsEventOf<P>[]> {
  const resolved = resolveRequestOptions(options, providers);
  let incoming: IncomingSmsWebhook;
  if (isRequest(input)) {
    incoming = {
      method: input.method.toUpperCase(),
      url: input.url,
      headers: input.headers,
      remoteAddress: null,
      readBody: (maxBytes) => readRequestBody(input, maxBytes),
      rawBodyAdvice:
        'Pass the original Request (or request.clone() taken before reading it), not one whose body was already read.',
    };
  } else {
    if (typeof input !== 'object' || input === null) {
      throw new TypeError('Pass a Request, or { body, headers, method?, url? }.');
    }
    const headers = headerLookup(input.headers ?? {});
    incoming = {
      method: (input.method ?? 'POST').toUpperCase(),
      url: absoluteUrl(input.url),
      headers,
      remoteAddress: null,
      readBody: async (maxBytes) => bodyOf(input.body, maxBytes),
      rawBodyAdvice,
    };
  }
  const { events } = await verifyAndParseIncoming(resolved, incoming);
  return events as SmsEventOf<P>[];
}

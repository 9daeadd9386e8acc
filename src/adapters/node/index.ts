/**
 * A webhook handler for Node's `http` module, Express 4 and 5 (as middleware or a route handler)
 * and the Next.js Pages Router.
 *
 * @module sms-webhooks/node
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { type ProviderId, providers, type RegisteredProvider } from '../../providers/index.js';
import {
  createSmsWebhookPipeline,
  type IncomingBody,
  type IncomingSmsWebhook,
  type SmsWebhookPipeline,
} from '../core/create-pipeline.js';
import type { SmsWebhookHandlerOptions } from '../core/options.js';
import { type NodeRequestWithBody, readIncomingBody } from './read-incoming-body.js';
import { sendResponse } from './send-response.js';

export type {
  SmsWebhookDriftContext,
  SmsWebhookErrorContext,
  SmsWebhookEventContext,
  SmsWebhookHandlerOptions,
  SmsWebhookHandlerRequest,
  SmsWebhookKindOf,
  SmsWebhookMethod,
  SmsWebhookResponseErrorCode,
  SmsWebhookSchemeOf,
  SmsWebhookSecret,
  SmsWebhookSecretResolver,
} from '../core/options.js';
export type { SmsWebhookResponseBody } from '../core/responses.js';
export {
  type SmsWebhookRawRequest,
  type VerifyAndParseSmsWebhookOptions,
  verifyAndParseSmsWebhook,
} from '../core/verify-and-parse.js';

/**
 * A Node request handler that is also Express middleware; it always answers the request itself
 * and never throws or rejects. `next` is called, with an error, only if something else already
 * started the response.
 */
export type SmsWebhookNodeHandler = (
  req: IncomingMessage,
  res: ServerResponse,
  next?: (error?: unknown) => void,
) => Promise<void>;

// A route-level express.raw() cannot help behind a global express.json(): the stream is consumed.
const rawBodyAdvice =
  'In Express, mount the handler before express.json(), or keep the bytes with express.json({ verify: (req, _res, buf) => { req.rawBody = buf } }); in the Next.js Pages Router, add `export const config = { api: { bodyParser: false } }` to the route file.';

const hostPattern = /^[A-Za-z0-9.-]+(?::\d{1,5})?$|^\[[0-9A-Fa-f:.]+\](?::\d{1,5})?$/;

function firstHeader(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

/** Rebuilds the absolute URL of a request; Express's `originalUrl` keeps the mount path. */
function requestUrl(req: IncomingMessage): string {
  const original = (req as { originalUrl?: unknown }).originalUrl;
  const target = typeof original === 'string' ? original : (req.url ?? '/');
  const path = target.startsWith('/') ? target : `/${target}`;
  const declaredHost = firstHeader(req.headers.host) ?? firstHeader(req.headers[':authority']);
  // A hostile Host header must not be able to move the path or query a verifier reads.
  const host =
    declaredHost !== undefined && hostPattern.test(declaredHost) ? declaredHost : 'localhost';
  const protocol = (req.socket as { encrypted?: unknown } | null)?.encrypted ? 'https' : 'http';
  try {
    return new URL(`${protocol}://${host}${path}`).href;
  } catch {
    return `${protocol}://localhost/`;
  }
}

function requestHeaders(req: IncomingMessage): { get(name: string): string | null } {
  return {
    get(name) {
      const value = req.headers[name.toLowerCase()];
      if (value === undefined) return null;
      return Array.isArray(value) ? value.join(', ') : value;
    },
  };
}

/**
 * Creates a Node `(req, res, next?)` handler that verifies, validates and normalizes a provider's
 * webhooks and hands each event to its `on` handler (or `onUnhandled`), then to `onEvent`.
 *
 * It reads the body itself, or takes what a body parser left: the bytes in `req.rawBody` (as
 * `express.json({ verify: (req, _res, buf) => { req.rawBody = buf } })` keeps them), or with
 * `express.raw()` or `express.text()` every verification works; behind a plain `express.json()`
 * the body secret (TextLink) and URL token work, while signatures over the raw body answer 500
 * `raw_body_unavailable` with the fix. Answers 200, 400, 401, 405, 413, 500 and 503 as
 * `createFetchHandler` does. Without `secret` or `verify`, requests are accepted unverified:
 * configure one in production.
 *
 * @throws {TypeError} when the options are invalid; the handler itself never throws.
 * @example
 * ```ts
 * // Express
 * app.post('/hooks/textrequest', createNodeHandler({
 *   provider: 'textrequest',
 *   secret: process.env.TEXT_REQUEST_API_KEY,
 *   onEvent: (event) => queue.add(event),
 * }));
 *
 * // Next.js Pages Router: pages/api/sms.ts
 * export const config = { api: { bodyParser: false } };
 * export default createNodeHandler({ provider: 'telmetrics', secret: process.env.TELMETRICS_SECRET, onEvent });
 *
 * // Express behind a global JSON parser: keep the bytes the signature covers
 * app.use(express.json({ verify: (req, _res, buf) => void Object.assign(req, { rawBody: buf }) }));
 *
 * // Fastify, in a plugin scope without content-type parsers
 * hooks.post('/hooks/sms', (request, reply) => { reply.hijack(); return handler(request.raw, reply.raw); });
 *
 * // Koa, before any body parser
 * app.use(async (ctx) => { ctx.respond = false; await handler(ctx.req, ctx.res); });
 *
 * // Node http
 * http.createServer(createNodeHandler({ onEvent })).listen(3000);
 *
 * // A Text Request hook registered with http_verb DELETE: route every method to the handler
 * app.all('/hooks/textrequest', createNodeHandler({ provider: 'textrequest', methods: ['DELETE'], secret, onEvent }));
 * ```
 */
export function createNodeHandler<P extends ProviderId = ProviderId>(
  options: SmsWebhookHandlerOptions<P>,
): SmsWebhookNodeHandler {
  return toNodeHandler(createSmsWebhookPipeline(options, providers));
}

/**
 * Like {@link createNodeHandler} for one provider, given as its definition from its own entry, so
 * a bundle holds that provider alone instead of every registered one.
 *
 * @throws {TypeError} when the options are invalid; the handler itself never throws.
 * @example
 * ```ts
 * import { createProviderNodeHandler } from 'sms-webhooks/node';
 * import { textRequestProvider } from 'sms-webhooks/textrequest';
 *
 * app.post('/hooks/textrequest', createProviderNodeHandler(textRequestProvider, {
 *   secret: process.env.TEXT_REQUEST_API_KEY,
 *   onEvent: (event) => queue.add(event),
 * }));
 * ```
 */
export function createProviderNodeHandler<D extends RegisteredProvider>(
  provider: D,
  options: Omit<SmsWebhookHandlerOptions<D['id']>, 'provider'>,
): SmsWebhookNodeHandler {
  const withProvider = { ...options, provider: provider.id } as SmsWebhookHandlerOptions<D['id']>;
  return toNodeHandler(createSmsWebhookPipeline(withProvider, [provider]));
}

/**
 * A Node request as the pipeline reads it. The URL is built once, on first use (most deliveries
 * never read it), in a getter on the class rather than in an object literal: a literal's getter
 * gives every request an object shape of its own, which keeps the request from the young-generation
 * collector until the next full collection.
 */
class NodeIncoming implements IncomingSmsWebhook {
  readonly #req: IncomingMessage;
  #url: string | undefined;
  readonly method: string;
  readonly headers: { get(name: string): string | null };
  readonly remoteAddress: string | null;
  readonly rawBodyAdvice = rawBodyAdvice;

  constructor(req: IncomingMessage) {
    this.#req = req;
    this.method = (req.method ?? 'GET').toUpperCase();
    this.headers = requestHeaders(req);
    this.remoteAddress = req.socket?.remoteAddress ?? null;
  }

  get url(): string {
    this.#url ??= requestUrl(this.#req);
    return this.#url;
  }

  readBody(maxBytes: number): Promise<IncomingBody> {
    return readIncomingBody(this.#req as NodeRequestWithBody, maxBytes);
  }
}

function toNodeHandler(pipeline: SmsWebhookPipeline): SmsWebhookNodeHandler {
  return async function handleSmsWebhookRequest(req, res, next) {
    try {
      const response = await pipeline(new NodeIncoming(req));
      if (!sendResponse(req, res, response)) {
        passOn(
          next,
          new Error('The webhook response could not be sent: it had already been started.'),
        );
      }
    } catch (error) {
      // Only a broken socket or response object gets here; there is nobody left to answer.
      passOn(next, error);
    }
  };
}

function passOn(next: ((error?: unknown) => void) | undefined, error: unknown): void {
  try {
    next?.(error);
  } catch {
    // The handler promises never to throw, whatever `next` does.
  }
}

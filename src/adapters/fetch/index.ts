/**
 * A webhook handler for every runtime with the Web `Request`/`Response` API: Next.js App Router
 * route handlers, Hono, Bun, Deno and Cloudflare Workers.
 *
 * @module sms-webhooks/fetch
 */
import { type ProviderId, providers, type RegisteredProvider } from '../../providers/index.js';
import { createSmsWebhookPipeline, type SmsWebhookPipeline } from '../core/create-pipeline.js';
import type { SmsWebhookHandlerOptions } from '../core/options.js';
import { readRequestBody } from './read-request-body.js';

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

/** A handler from Web `Request` to Web `Response`. */
export type SmsWebhookFetchHandler = (request: Request) => Promise<Response>;

const rawBodyAdvice =
  'Pass the handler the original Request (or request.clone() taken before reading it), not one whose body was already read.';

/**
 * Creates a `(request: Request) => Promise<Response>` handler that verifies, validates and
 * normalizes a provider's webhooks and hands each event to its `on` handler (or `onUnhandled`),
 * then to `onEvent`.
 *
 * Answers 200 `{"ok":true}`; 400 with the failing fields; 401 when verification fails; 405 for
 * methods other than `methods` (POST by default, each named in `Allow`); 413 past `maxBodyBytes`;
 * 500 when `onEvent` throws, so the provider retries; 503 with `Retry-After` past `timeoutMs` and,
 * with a `store`, while another attempt holds the event or the store fails (an event already done
 * is skipped and answered 200). Without `secret` or `verify`, requests are accepted unverified:
 * configure one in production.
 *
 * @throws {TypeError} when the options are invalid; the handler itself never throws.
 * @example
 * ```ts
 * // Next.js App Router: app/api/sms/route.ts
 * export const POST = createFetchHandler({
 *   provider: 'textlink',
 *   kind: 'received',
 *   secret: process.env.TEXTLINK_WEBHOOK_SECRET,
 *   onEvent: async (event) => { await inbox.save(event); },
 * });
 *
 * // Telmetrics checks the URL with GET ?echo=<value>: route GET to the handler too.
 * export { handler as GET, handler as POST };
 *
 * // Bun and Deno
 * Bun.serve({ fetch: handler });
 * Deno.serve(handler);
 *
 * // Hono; on Cloudflare Workers, make the handler from `c.env` on the first request
 * app.on(['GET', 'POST'], '/hooks/sms', (c) => handler(c.req.raw));
 *
 * // A Text Request hook registered with http_verb PUT: accept PUT too, and export it
 * const trHandler = createFetchHandler({ provider: 'textrequest', methods: ['POST', 'PUT'], secret, onEvent });
 * export { trHandler as PUT };
 * ```
 */
export function createFetchHandler<P extends ProviderId = ProviderId>(
  options: SmsWebhookHandlerOptions<P>,
): SmsWebhookFetchHandler {
  return toFetchHandler(createSmsWebhookPipeline(options, providers));
}

/**
 * Like {@link createFetchHandler} for one provider, given as its definition from its own entry,
 * so a bundle holds that provider alone instead of every registered one (about half the size).
 *
 * @throws {TypeError} when the options are invalid; the handler itself never throws.
 * @example
 * ```ts
 * import { createProviderFetchHandler } from 'sms-webhooks/fetch';
 * import { textLinkProvider } from 'sms-webhooks/textlink';
 *
 * export const POST = createProviderFetchHandler(textLinkProvider, {
 *   kind: 'received',
 *   secret: process.env.TEXTLINK_WEBHOOK_SECRET,
 *   onEvent: async (event) => { await inbox.save(event); },
 * });
 * ```
 */
export function createProviderFetchHandler<D extends RegisteredProvider>(
  provider: D,
  options: Omit<SmsWebhookHandlerOptions<D['id']>, 'provider'>,
): SmsWebhookFetchHandler {
  const withProvider = { ...options, provider: provider.id } as SmsWebhookHandlerOptions<D['id']>;
  return toFetchHandler(createSmsWebhookPipeline(withProvider, [provider]));
}

function toFetchHandler(pipeline: SmsWebhookPipeline): SmsWebhookFetchHandler {
  return async function handleSmsWebhookRequest(request) {
    const response = await pipeline({
      method: request.method.toUpperCase(),
      url: request.url,
      headers: request.headers,
      remoteAddress: null,
      readBody: (maxBytes) => readRequestBody(request, maxBytes),
      rawBodyAdvice,
    });
    return new Response(response.body, { status: response.status, headers: response.headers });
  };
}

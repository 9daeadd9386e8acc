import * as v from 'valibot';
import { toSmsWebhookIssues } from '../../../issues.js';
import {
  TextRequestApiEventTypesSchema,
  type TextRequestApiHook,
  TextRequestApiHookCollectionSchema,
  TextRequestApiHookSchema,
} from './schema.js';
import {
  type ApiAnswer,
  type ApiCall,
  sendRequest,
  type TextRequestFetch,
  type Transport,
} from './send-request.js';
import { TextRequestApiError } from './TextRequestApiError.js';

/** The base URL of Text Request's v3 API. */
export const TEXT_REQUEST_API_BASE_URL = 'https://api.textrequest.com/api/v3';

/** The events a hook can be registered for, as the v3 API's `post_webhook_request` lists them. */
export const textRequestHookEvents: readonly [
  'msg_sent',
  'msg_received',
  'contact_created',
  'msg_status_updated',
  'location_received',
  'payment_status_updated',
  'contact_updated',
] = [
  'msg_sent',
  'msg_received',
  'contact_created',
  'msg_status_updated',
  'location_received',
  'payment_status_updated',
  'contact_updated',
];

/** An event a hook can be registered for, e.g. `msg_received`. */
export type TextRequestHookEvent = (typeof textRequestHookEvents)[number];

/** The HTTP verbs a hook can be called with (never GET); POST when none is given. */
export const textRequestHookVerbs: readonly ['POST', 'PUT', 'DELETE'] = ['POST', 'PUT', 'DELETE'];

/** An HTTP verb a hook can be called with. */
export type TextRequestHookVerb = (typeof textRequestHookVerbs)[number];

/** An event name as the API returns it: one of {@link textRequestHookEvents}, or a newer one kept as it came. */
export type TextRequestEventName = TextRequestHookEvent | (string & Record<never, never>);

/** A web hook registered on a dashboard. */
export interface TextRequestHook {
  /** The hook's id: pass it to {@link TextRequestClient.deleteHook}. */
  readonly id: number;
  /** The dashboard the hook belongs to, or `null` when the answer did not say. */
  readonly dashboardId: number | null;
  /** The event it is called for, e.g. `msg_received`. */
  readonly event: TextRequestEventName;
  /** The URL Text Request calls. */
  readonly targetUrl: string;
  /** The HTTP verb it is called with (read from `httpVerb` or `http_verb`), or `null` when the answer did not say. */
  readonly httpVerb: TextRequestHookVerb | (string & Record<never, never>) | null;
  /** `true` when the hook was made in the web app, `false` when through the API, `null` when the answer did not say. */
  readonly isUserDefined: boolean | null;
  /** The hook object as the API returned it, unknown fields kept. */
  readonly raw: Readonly<Record<string, unknown>>;
}

/** One page of a dashboard's hooks, with the pagination the API reported. */
export interface TextRequestHookPage {
  /** The hooks on this page. */
  readonly items: readonly TextRequestHook[];
  /** Which page this is, from 0. */
  readonly page: number;
  /** The page size the API used. */
  readonly pageSize: number;
  /** How many hooks the dashboard has in all. */
  readonly totalItems: number;
}

/** The hook to register with {@link TextRequestClient.addHook}. */
export interface TextRequestNewHook {
  /** The event to be called for, e.g. `msg_received`. */
  readonly event: TextRequestEventName;
  /** The absolute `http://` or `https://` URL Text Request should call. */
  readonly targetUrl: string;
  /**
   * The HTTP verb Text Request should call it with; sent as `http_verb`.
   *
   * @default 'POST'
   */
  readonly httpVerb?: TextRequestHookVerb | undefined;
}

/** Options every call takes. */
export interface TextRequestCallOptions {
  /** Cancels the call, including its retries and the waits between them; it rejects with the signal's reason. */
  readonly signal?: AbortSignal | undefined;
}

/** Options of {@link TextRequestClient.listHooks}. */
export interface TextRequestListHooksOptions extends TextRequestCallOptions {
  /**
   * Which page to get, from 0.
   *
   * @default 0
   */
  readonly page?: number | undefined;
  /**
   * How many hooks per page.
   *
   * @default 100
   */
  readonly pageSize?: number | undefined;
}

/** Options of {@link TextRequestClient.allHooks}. */
export interface TextRequestAllHooksOptions extends TextRequestCallOptions {
  /**
   * How many hooks to ask for per request.
   *
   * @default 100
   */
  readonly pageSize?: number | undefined;
}

/** Options of {@link createTextRequestClient}. */
export interface TextRequestClientOptions {
  /**
   * Your account's API key (Integrations → API in the web app), sent as `x-api-key`. It never
   * appears in an error, even when the API echoes it.
   *
   * @example process.env.TEXT_REQUEST_API_KEY
   */
  readonly apiKey: string;
  /**
   * The API's base URL; another one for a proxy or a local stand-in.
   *
   * @default 'https://api.textrequest.com/api/v3'
   * @example 'http://127.0.0.1:8080/api/v3'
   */
  readonly baseUrl?: string | undefined;
  /**
   * The `fetch` to send requests with.
   *
   * @default globalThis.fetch
   * @example (url, init) => fetch(url, { ...init, keepalive: true })
   */
  readonly fetch?: TextRequestFetch | undefined;
  /**
   * How long one attempt may take, answer body included, in milliseconds.
   *
   * @default 30000
   * @example 5000
   */
  readonly timeoutMs?: number | undefined;
  /**
   * How many times a GET or DELETE is repeated after a 429, a 5xx or a network failure (not after
   * a timeout). A POST is never repeated.
   *
   * @default 2
   * @example 0
   */
  readonly retries?: number | undefined;
  /**
   * The wait before the first retry in milliseconds, doubling for each next one (at most 10 s,
   * with jitter); a `Retry-After` of up to 60 s is waited instead.
   *
   * @default 500
   * @example 1000
   */
  readonly retryDelayMs?: number | undefined;
}

/** A client for Text Request's web hook management (v3 API). */
export interface TextRequestClient {
  /**
   * The event types hooks can be registered for (`GET /eventTypes`).
   *
   * @throws {TextRequestApiError} when the API refuses, fails or cannot be reached.
   */
  listEventTypes(options?: TextRequestCallOptions): Promise<TextRequestEventName[]>;
  /**
   * One page of a dashboard's hooks (`GET /dashboards/{dashboardId}/hooks`), those made in the web
   * app included.
   *
   * @throws {TextRequestApiError} when the API refuses, fails or cannot be reached.
   */
  listHooks(
    dashboardId: number,
    options?: TextRequestListHooksOptions,
  ): Promise<TextRequestHookPage>;
  /**
   * Every hook of a dashboard, page after page as they are needed. A hook added or deleted while
   * iterating can shift the pages, so a hook may be skipped or seen twice.
   *
   * @throws {TextRequestApiError} when the API refuses, fails or cannot be reached.
   */
  allHooks(
    dashboardId: number,
    options?: TextRequestAllHooksOptions,
  ): AsyncGenerator<TextRequestHook, void, undefined>;
  /**
   * Registers a hook (`POST /dashboards/{dashboardId}/hooks`) and returns it as the API made it.
   * An event can call several URLs, but the same URL only once: that is a 409.
   *
   * @throws {TextRequestApiError} `status` 409 when that event already calls that URL, 400 for an invalid hook.
   */
  addHook(
    dashboardId: number,
    hook: TextRequestNewHook,
    options?: TextRequestCallOptions,
  ): Promise<TextRequestHook>;
  /**
   * Deletes a hook (`DELETE /dashboards/{dashboardId}/hooks/{hookId}`). When a retry finds it
   * already gone (404), the earlier attempt deleted it and the call resolves.
   *
   * @throws {TextRequestApiError} when the API refuses, fails or cannot be reached.
   */
  deleteHook(dashboardId: number, hookId: number, options?: TextRequestCallOptions): Promise<void>;
}

function isWholeNumber(value: unknown, min: number): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= min;
}

function requireWholeNumber(value: unknown, name: string, min: number): number {
  if (!isWholeNumber(value, min)) {
    throw new TypeError(`${name} must be a whole number of at least ${min}.`);
  }
  return value;
}

function optionalNumber(value: unknown, name: string, fallback: number, max: number): number {
  if (value === undefined) return fallback;
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0 || value > max) {
    throw new TypeError(`${name} must be a number from 0 to ${max}.`);
  }
  return value;
}

function isHttpUrl(value: unknown): value is string {
  if (typeof value !== 'string') return false;
  try {
    const { protocol } = new URL(value);
    return protocol === 'http:' || protocol === 'https:';
  } catch {
    return false;
  }
}

function resolveTransport(options: TextRequestClientOptions): Transport {
  const { apiKey } = options;
  // The key is never part of a message: not even its length or first characters.
  if (typeof apiKey !== 'string' || apiKey.trim() === '' || /[\r\n]/.test(apiKey)) {
    throw new TypeError('apiKey must be your Text Request API key, a non-empty string.');
  }
  const baseUrl = options.baseUrl ?? TEXT_REQUEST_API_BASE_URL;
  if (!isHttpUrl(baseUrl) || /[?#]/.test(baseUrl)) {
    throw new TypeError('baseUrl must be an absolute http:// or https:// URL without query.');
  }
  const fetcher = options.fetch ?? ((url, init) => globalThis.fetch(url, init));
  if (typeof fetcher !== 'function') throw new TypeError('fetch must be a function.');
  const timeoutMs = optionalNumber(options.timeoutMs, 'timeoutMs', 30_000, 2_147_483_647);
  if (timeoutMs === 0) throw new TypeError('timeoutMs must be more than 0.');
  const retries = optionalNumber(options.retries, 'retries', 2, 10);
  if (!Number.isInteger(retries)) throw new TypeError('retries must be a whole number.');
  return {
    apiKey,
    baseUrl: baseUrl.replace(/\/+$/, ''),
    fetch: fetcher,
    timeoutMs,
    retries,
    retryDelayMs: optionalNumber(options.retryDelayMs, 'retryDelayMs', 500, 60_000),
  };
}

/** Parses a 2xx body against a schema, or throws `invalid_response` naming the fields. */
function readAnswer<const TSchema extends v.GenericSchema>(
  schema: TSchema,
  answer: ApiAnswer,
  call: ApiCall,
): v.InferOutput<TSchema> {
  const fail = (issues: { path: string; message: string }[]): never => {
    const [first] = issues;
    throw new TextRequestApiError(
      'invalid_response',
      `Text Request API: ${call.method} ${call.path} answered ${answer.status} with an unexpected body (${first?.path || 'body'}: ${first?.message}).`,
      { method: call.method, path: call.path, status: answer.status, issues },
    );
  };
  let json: unknown;
  try {
    json = JSON.parse(answer.text);
  } catch {
    return fail([{ path: '', message: 'expected a JSON body' }]);
  }
  const result = v.safeParse(schema, json);
  if (!result.success) return fail(toSmsWebhookIssues(result.issues));
  return result.output;
}

function toHook(wire: TextRequestApiHook): TextRequestHook {
  const verb = wire.httpVerb ?? wire.http_verb ?? null;
  return {
    id: wire.id,
    dashboardId: wire.dashboard_id ?? null,
    event: wire.event,
    targetUrl: wire.target_url,
    httpVerb: verb === null ? null : verb.toUpperCase(),
    isUserDefined: wire.is_user_defined ?? null,
    raw: wire,
  };
}

/**
 * Creates a client for Text Request's web hook management: list the event types, list a
 * dashboard's hooks (a page, or all of them), add and delete hooks. It needs only `fetch`, so it
 * runs on Node, Bun, Deno and edge runtimes.
 *
 * Answers are checked against the v3 spec; GET and DELETE are retried on 429, 5xx and network
 * failures; every attempt has a timeout.
 *
 * @throws {TypeError} when an option is invalid (the message never contains the key).
 * @example
 * ```ts
 * const client = createTextRequestClient({ apiKey: process.env.TEXT_REQUEST_API_KEY ?? '' });
 * const hook = await client.addHook(121, {
 *   event: 'msg_received',
 *   targetUrl: 'https://example.com/hooks/textrequest',
 * });
 * for await (const { id, event, targetUrl } of client.allHooks(121)) console.log(id, event, targetUrl);
 * await client.deleteHook(121, hook.id);
 * ```
 */
export function createTextRequestClient(options: TextRequestClientOptions): TextRequestClient {
  const transport = resolveTransport(options);

  const hooksPath = (dashboardId: number): string =>
    `/dashboards/${requireWholeNumber(dashboardId, 'dashboardId', 0)}/hooks`;

  const listHooks = async (
    dashboardId: number,
    { page, pageSize, signal }: TextRequestListHooksOptions = {},
  ): Promise<TextRequestHookPage> => {
    const query = new URLSearchParams();
    if (page !== undefined) query.set('page', String(requireWholeNumber(page, 'page', 0)));
    if (pageSize !== undefined) {
      query.set('page_size', String(requireWholeNumber(pageSize, 'pageSize', 1)));
    }
    const search = query.toString() === '' ? '' : `?${query}`;
    const call: ApiCall = { method: 'GET', path: `${hooksPath(dashboardId)}${search}`, signal };
    const { items, meta } = readAnswer(
      TextRequestApiHookCollectionSchema,
      await sendRequest(transport, call),
      call,
    );
    return {
      items: items.map(toHook),
      page: meta.page,
      pageSize: meta.page_size,
      totalItems: meta.total_items,
    };
  };

  return {
    async listEventTypes({ signal } = {}) {
      const call: ApiCall = { method: 'GET', path: '/eventTypes', signal };
      const answer = readAnswer(
        TextRequestApiEventTypesSchema,
        await sendRequest(transport, call),
        call,
      );
      return Array.isArray(answer) ? answer : answer.items;
    },

    listHooks,

    async *allHooks(dashboardId, { pageSize, signal } = {}) {
      hooksPath(dashboardId);
      for (let page = 0; ; page += 1) {
        const result = await listHooks(dashboardId, { page, pageSize, signal });
        yield* result.items;
        // The API's own page size counts, whatever was asked; an empty page ends it in any case.
        const seen = (page + 1) * result.pageSize;
        if (result.items.length === 0 || seen >= result.totalItems) return;
      }
    },

    async addHook(dashboardId, hook, { signal } = {}) {
      const path = hooksPath(dashboardId);
      if (typeof hook?.event !== 'string' || hook.event === '') {
        throw new TypeError(`event must be one of ${textRequestHookEvents.join(', ')}.`);
      }
      if (!isHttpUrl(hook.targetUrl)) {
        throw new TypeError('targetUrl must be an absolute http:// or https:// URL.');
      }
      const httpVerb = hook.httpVerb ?? 'POST';
      if (!textRequestHookVerbs.includes(httpVerb)) {
        throw new TypeError(
          'httpVerb must be POST, PUT or DELETE (a hook cannot be called with GET).',
        );
      }
      // The spec marks a `name` required but defines no such property; none is sent.
      const body = { target_url: hook.targetUrl, event: hook.event, http_verb: httpVerb };
      const call: ApiCall = { method: 'POST', path, body, signal };
      const answer = await sendRequest(transport, call);
      return toHook(readAnswer(TextRequestApiHookSchema, answer, call));
    },

    async deleteHook(dashboardId, hookId, { signal } = {}) {
      const path = `${hooksPath(dashboardId)}/${requireWholeNumber(hookId, 'hookId', 0)}`;
      await sendRequest(transport, { method: 'DELETE', path, signal, doneOnRetry: 404 });
    },
  };
}

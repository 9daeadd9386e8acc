import type { IncomingMessage, ServerResponse } from 'node:http';
import { startServer } from './server.js';

// A stand-in for Text Request's v3 web hook management on 127.0.0.1, written from the published
// contract (../shared/provider-docs/textrequest-api-v3-webhooks.yaml): the x-api-key rules (400
// without the header, 401 for a wrong key), the pagination rules (page and page_size default to 0
// and 100, invalid ones are a 400, pages past the end are empty, meta is always sent), 201 with the
// new `webhook`, 409 for an event and URL already registered, 204 for a deletion.

/** The events of the spec's `post_webhook_request`. */
export const contractEvents: readonly string[] = [
  'msg_sent',
  'msg_received',
  'contact_created',
  'msg_status_updated',
  'location_received',
  'payment_status_updated',
  'contact_updated',
];

const verbs = ['PUT', 'POST', 'DELETE'];

/** A hook as the server stores it. */
export interface StoredHook {
  /** The hook's id. */
  readonly id: number;
  /** Its dashboard. */
  readonly dashboardId: number;
  /** The URL it calls. */
  readonly targetUrl: string;
  /** Its event. */
  readonly event: string;
  /** Its HTTP verb. */
  readonly httpVerb: string;
  /** Whether it was made "in the web app". */
  readonly isUserDefined: boolean;
}

/** A request the server received. */
export interface RecordedRequest {
  /** The HTTP method. */
  readonly method: string;
  /** The path and query as sent, e.g. `/api/v3/dashboards/121/hooks?page=1`. */
  readonly url: string;
  /** The `x-api-key` header, when sent. */
  readonly apiKey: string | undefined;
  /** The `content-type` header, when sent. */
  readonly contentType: string | undefined;
  /** The body text. */
  readonly body: string;
}

/** Something to do instead of (or besides) answering one request normally. */
export type Fault =
  /** Answer with this status (and `Retry-After`, and body) without handling the request. */
  | {
      readonly status: number;
      readonly retryAfter?: string;
      readonly body?: string;
      readonly afterHandling?: false;
    }
  /** Handle the request, then answer with this status instead of the real answer. */
  | { readonly status: number; readonly afterHandling: true }
  /** Wait this long before handling the request. */
  | { readonly delayMs: number }
  /** Close the connection without an answer. */
  | { readonly drop: true };

/** Options of {@link startTextRequestApi}. */
export interface TextRequestApiOptions {
  /** The one API key the server accepts. */
  readonly apiKey: string;
  /** The dashboards that exist, each with the hooks it starts with. */
  readonly dashboards: Readonly<Record<number, readonly Omit<StoredHook, 'id' | 'dashboardId'>[]>>;
  /** How answers spell the verb: `httpVerb` as the spec's `webhook` does, or `http_verb`. */
  readonly verbSpelling?: 'httpVerb' | 'http_verb';
}

/** The running stand-in. */
export interface TextRequestApi {
  /** The base URL to give the client, e.g. `http://127.0.0.1:51234/api/v3`. */
  readonly baseUrl: string;
  /** Every request received, in order. */
  readonly requests: RecordedRequest[];
  /** The hooks a dashboard has now. */
  hooks(dashboardId: number): StoredHook[];
  /** Queues faults for the next requests, one each. */
  fail(...faults: Fault[]): void;
  /** Stops the server. */
  close(): Promise<void>;
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (chunk: string) => {
      body += chunk;
    });
    req.on('end', () => resolve(body));
    req.on('error', reject);
  });
}

interface Answer {
  readonly status: number;
  readonly json?: unknown;
}

function error(status: number, message: string): Answer {
  // The shape of the spec's prose example: { status, errorCode, message }.
  return { status, json: { status, errorCode: null, message } };
}

/** A non-negative whole number written in decimal, or `undefined`. */
function readWhole(text: string | null | undefined): number | undefined {
  return text !== null && text !== undefined && /^\d+$/.test(text) ? Number(text) : undefined;
}

function isUri(value: unknown): boolean {
  if (typeof value !== 'string') return false;
  try {
    new URL(value);
    return true;
  } catch {
    return false;
  }
}

/** Starts the stand-in on a free port of 127.0.0.1. */
export async function startTextRequestApi(options: TextRequestApiOptions): Promise<TextRequestApi> {
  let nextId = 1414;
  const store = new Map<number, StoredHook[]>();
  for (const [id, hooks] of Object.entries(options.dashboards)) {
    const dashboardId = Number(id);
    store.set(
      dashboardId,
      hooks.map((hook) => ({ ...hook, id: nextId++, dashboardId })),
    );
  }
  const requests: RecordedRequest[] = [];
  const faults: Fault[] = [];
  const verbKey = options.verbSpelling ?? 'httpVerb';

  const wire = (hook: StoredHook): Record<string, unknown> => ({
    id: hook.id,
    target_url: hook.targetUrl,
    event: hook.event,
    dashboard_id: hook.dashboardId,
    [verbKey]: hook.httpVerb,
    is_user_defined: hook.isUserDefined,
  });

  const handle = (method: string, url: URL, apiKey: string | undefined, body: string): Answer => {
    const route = /^\/api\/v3(\/.*)$/.exec(url.pathname)?.[1];
    if (route === undefined) return error(404, '');
    // "Failure to specify an authorization header for any request will result in a HTTP 400."
    if (apiKey === undefined)
      return error(400, 'An API key must be given in the x-api-key header.');
    if (apiKey !== options.apiKey) return error(401, 'The API key is not valid.');

    if (route === '/eventTypes') {
      return method === 'GET' ? { status: 200, json: [...contractEvents] } : error(405, '');
    }
    const hooksRoute = /^\/dashboards\/([^/]+)\/hooks(?:\/([^/]+))?$/.exec(route);
    if (!hooksRoute) return error(404, '');
    const dashboardId = readWhole(hooksRoute[1]);
    if (dashboardId === undefined) return error(400, 'The dashboard id must be an integer.');
    const hooks = store.get(dashboardId);
    if (!hooks) return error(404, '');

    if (hooksRoute[2] !== undefined) {
      if (method !== 'DELETE') return error(405, '');
      const hookId = readWhole(hooksRoute[2]);
      if (hookId === undefined) return error(400, 'The web hook id must be an integer.');
      const index = hooks.findIndex((hook) => hook.id === hookId);
      if (index === -1) return error(404, '');
      hooks.splice(index, 1);
      return { status: 204 };
    }

    if (method === 'GET') {
      const pageText = url.searchParams.get('page');
      const sizeText = url.searchParams.get('page_size');
      const page = pageText === null ? 0 : readWhole(pageText);
      const pageSize = sizeText === null ? 100 : readWhole(sizeText);
      if (page === undefined || pageSize === undefined) {
        return error(400, 'page and page_size must be non-negative integers.');
      }
      return {
        status: 200,
        json: {
          items: hooks.slice(page * pageSize, (page + 1) * pageSize).map(wire),
          meta: { page, page_size: pageSize, total_items: hooks.length },
        },
      };
    }

    if (method === 'POST') {
      let request: Record<string, unknown>;
      try {
        request = JSON.parse(body) as Record<string, unknown>;
      } catch {
        return error(400, 'The request body must be JSON.');
      }
      if (request === null || typeof request !== 'object' || Array.isArray(request)) {
        return error(400, 'The request body must be an object.');
      }
      const { target_url: targetUrl, event, http_verb: httpVerb = 'POST' } = request;
      if (!isUri(targetUrl)) return error(400, 'A target url must be specified.');
      if (typeof event !== 'string' || !contractEvents.includes(event)) {
        return error(400, 'A valid event must be specified.');
      }
      if (typeof httpVerb !== 'string' || !verbs.includes(httpVerb)) {
        return error(400, 'The http verb must be PUT, POST or DELETE; it cannot be GET.');
      }
      if (hooks.some((hook) => hook.event === event && hook.targetUrl === targetUrl)) {
        return error(409, 'A webhook for this event and url already exists.');
      }
      const hook: StoredHook = {
        id: nextId++,
        dashboardId,
        targetUrl: targetUrl as string,
        event,
        httpVerb,
        isUserDefined: false,
      };
      hooks.push(hook);
      return { status: 201, json: wire(hook) };
    }
    return error(405, '');
  };

  const send = (res: ServerResponse, answer: Answer, headers: Record<string, string> = {}) => {
    if (answer.json === undefined) {
      res.writeHead(answer.status, headers).end();
      return;
    }
    res
      .writeHead(answer.status, { 'content-type': 'application/json; charset=utf-8', ...headers })
      .end(JSON.stringify(answer.json));
  };

  const server = await startServer((req, res) => {
    void (async () => {
      const body = await readBody(req);
      const header = (name: string): string | undefined => {
        const value = req.headers[name];
        return Array.isArray(value) ? value.join(', ') : value;
      };
      const method = req.method ?? 'GET';
      const apiKey = header('x-api-key');
      requests.push({
        method,
        url: req.url ?? '',
        apiKey,
        contentType: header('content-type'),
        body,
      });
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      const fault = faults.shift();
      if (fault && 'drop' in fault) {
        req.socket.destroy();
        return;
      }
      if (fault && 'delayMs' in fault) {
        await new Promise((resolve) => setTimeout(resolve, fault.delayMs));
        if (res.destroyed) return;
      }
      if (fault && 'status' in fault && !fault.afterHandling) {
        const headers: Record<string, string> =
          fault.retryAfter === undefined ? {} : { 'retry-after': fault.retryAfter };
        res
          .writeHead(fault.status, { 'content-type': 'application/json', ...headers })
          .end(fault.body ?? JSON.stringify({ status: fault.status, message: 'Try again later.' }));
        return;
      }
      const answer = handle(method, url, apiKey, body);
      if (fault && 'status' in fault) send(res, error(fault.status, 'Try again later.'));
      else send(res, answer);
    })();
  });

  return {
    baseUrl: `${server.origin}/api/v3`,
    requests,
    hooks: (dashboardId) => [...(store.get(dashboardId) ?? [])],
    fail: (...more) => {
      faults.push(...more);
    },
    close: () => server.close(),
  };
}

import { inspect } from 'node:util';
import { build } from 'esbuild';
import { afterEach, describe, expect, it } from 'vitest';
import { freePort } from '../../../../test/support/process.js';
import { startServer, type TestServer } from '../../../../test/support/server.js';
import {
  contractEvents,
  type StoredHook,
  startTextRequestApi,
  type TextRequestApi,
  type TextRequestApiOptions,
} from '../../../../test/support/textrequest-api.js';
import { createTextRequestClient, type TextRequestClientOptions } from './create-client.js';
import { readRetryAfter } from './send-request.js';
import { isTextRequestApiError, TextRequestApiError } from './TextRequestApiError.js';

const API_KEY = '095E5113DE4142C28FB7815CC10BEB56';

const seed: Omit<StoredHook, 'id' | 'dashboardId'>[] = [
  {
    event: 'msg_received',
    targetUrl: 'https://a.example/in',
    httpVerb: 'POST',
    isUserDefined: true,
  },
  { event: 'msg_sent', targetUrl: 'https://a.example/out', httpVerb: 'PUT', isUserDefined: false },
  {
    event: 'contact_created',
    targetUrl: 'https://b.example/c',
    httpVerb: 'POST',
    isUserDefined: false,
  },
  {
    event: 'msg_status_updated',
    targetUrl: 'https://b.example/s',
    httpVerb: 'DELETE',
    isUserDefined: false,
  },
  {
    event: 'contact_updated',
    targetUrl: 'https://b.example/u',
    httpVerb: 'POST',
    isUserDefined: true,
  },
];

const apis: TextRequestApi[] = [];
const servers: TestServer[] = [];

afterEach(async () => {
  await Promise.all([...apis.splice(0), ...servers.splice(0)].map((server) => server.close()));
});

async function api(options: Partial<TextRequestApiOptions> = {}): Promise<TextRequestApi> {
  const started = await startTextRequestApi({
    apiKey: API_KEY,
    dashboards: { 121: seed, 122: [], 123: seed.slice(0, 4) },
    ...options,
  });
  apis.push(started);
  return started;
}

function clientOf(server: { baseUrl: string }, options: Partial<TextRequestClientOptions> = {}) {
  return createTextRequestClient({
    apiKey: API_KEY,
    baseUrl: server.baseUrl,
    retryDelayMs: 0,
    ...options,
  });
}

/** The error a promise rejects with, or a failure when it resolves. */
async function rejection(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected the call to fail');
}

async function apiError(promise: Promise<unknown>): Promise<TextRequestApiError> {
  const error = await rejection(promise);
  expect(error).toBeInstanceOf(TextRequestApiError);
  return error as TextRequestApiError;
}

/** Every way an error could show a value: its message, inspection and JSON. */
function allTextOf(error: unknown): string {
  return `${String(error)}\n${inspect(error, { depth: 10 })}\n${JSON.stringify(error)}`;
}

describe('the local stand-in follows the published contract', () => {
  it('answers 400 without x-api-key and 401 for a wrong key', async () => {
    const server = await api();
    const noKey = await fetch(`${server.baseUrl}/eventTypes`);
    expect(noKey.status).toBe(400);
    const wrong = await fetch(`${server.baseUrl}/eventTypes`, { headers: { 'x-api-key': 'nope' } });
    expect(wrong.status).toBe(401);
    const right = await fetch(`${server.baseUrl}/eventTypes`, {
      headers: { 'x-api-key': API_KEY },
    });
    expect(right.status).toBe(200);
  });

  it('applies the pagination rules: defaults, 400 for invalid values, empty pages past the end', async () => {
    const server = await api();
    const get = async (query: string) => {
      const response = await fetch(`${server.baseUrl}/dashboards/121/hooks${query}`, {
        headers: { 'x-api-key': API_KEY },
      });
      return { status: response.status, json: (await response.json()) as Record<string, unknown> };
    };
    expect((await get('')).json.meta).toEqual({ page: 0, page_size: 100, total_items: 5 });
    expect((await get('?page=-1')).status).toBe(400);
    expect((await get('?page_size=ten')).status).toBe(400);
    expect(await get('?page=3&page_size=2')).toEqual({
      status: 200,
      json: { items: [], meta: { page: 3, page_size: 2, total_items: 5 } },
    });
  });
});

describe('createTextRequestClient', () => {
  it('lists the event types, sending the key in x-api-key', async () => {
    const server = await api();
    expect(await clientOf(server).listEventTypes()).toEqual(contractEvents);
    expect(server.requests).toMatchObject([
      { method: 'GET', url: '/api/v3/eventTypes', apiKey: API_KEY, body: '' },
    ]);
  });

  it('accepts the base URL with a trailing slash', async () => {
    const server = await api();
    const client = clientOf({ baseUrl: `${server.baseUrl}/` });
    expect(await client.listEventTypes()).toHaveLength(7);
    expect(server.requests[0]?.url).toBe('/api/v3/eventTypes');
  });

  it('lists a page of hooks, typed and with the API’s pagination', async () => {
    const server = await api();
    const page = await clientOf(server).listHooks(121);
    expect(server.requests[0]?.url).toBe('/api/v3/dashboards/121/hooks');
    expect(page).toMatchObject({ page: 0, pageSize: 100, totalItems: 5 });
    expect(page.items).toHaveLength(5);
    expect(page.items[1]).toEqual({
      id: 1415,
      dashboardId: 121,
      event: 'msg_sent',
      targetUrl: 'https://a.example/out',
      httpVerb: 'PUT',
      isUserDefined: false,
      raw: {
        id: 1415,
        target_url: 'https://a.example/out',
        event: 'msg_sent',
        dashboard_id: 121,
        httpVerb: 'PUT',
        is_user_defined: false,
      },
    });

    const second = await clientOf(server).listHooks(121, { page: 1, pageSize: 2 });
    expect(server.requests[1]?.url).toBe('/api/v3/dashboards/121/hooks?page=1&page_size=2');
    expect(second.items.map((hook) => hook.event)).toEqual([
      'contact_created',
      'msg_status_updated',
    ]);
    expect(second).toMatchObject({ page: 1, pageSize: 2, totalItems: 5 });
    expect((await clientOf(server).listHooks(121, { page: 9, pageSize: 2 })).items).toEqual([]);
  });

  it('reads the verb under either spelling, httpVerb or http_verb', async () => {
    for (const verbSpelling of ['httpVerb', 'http_verb'] as const) {
      const server = await api({ verbSpelling });
      const { items } = await clientOf(server).listHooks(121);
      expect(items.map((hook) => hook.httpVerb)).toEqual(['POST', 'PUT', 'POST', 'DELETE', 'POST']);
      expect(Object.keys(items[0]?.raw ?? {})).toContain(verbSpelling);
    }
  });

  it('iterates over every page, stopping after the last one', async () => {
    const server = await api();
    const client = clientOf(server);
    const all: number[] = [];
    for await (const hook of client.allHooks(121, { pageSize: 2 })) all.push(hook.id);
    expect(all).toEqual([1414, 1415, 1416, 1417, 1418]);
    expect(server.requests.map((request) => request.url)).toEqual([
      '/api/v3/dashboards/121/hooks?page=0&page_size=2',
      '/api/v3/dashboards/121/hooks?page=1&page_size=2',
      '/api/v3/dashboards/121/hooks?page=2&page_size=2',
    ]);

    // Four hooks in pages of two: no request for an empty third page.
    server.requests.length = 0;
    const four: number[] = [];
    for await (const hook of client.allHooks(123, { pageSize: 2 })) four.push(hook.id);
    expect(four).toHaveLength(4);
    expect(server.requests).toHaveLength(2);

    server.requests.length = 0;
    const none: unknown[] = [];
    for await (const hook of client.allHooks(122)) none.push(hook);
    expect(none).toEqual([]);
    expect(server.requests.map((request) => request.url)).toEqual([
      '/api/v3/dashboards/122/hooks?page=0',
    ]);
  });

  it('stops fetching pages when the loop breaks', async () => {
    const server = await api();
    for await (const hook of clientOf(server).allHooks(121, { pageSize: 2 })) {
      if (hook.id === 1414) break;
    }
    expect(server.requests).toHaveLength(1);
  });

  it('adds a hook with target_url, event and http_verb (POST unless told), and returns it', async () => {
    const server = await api();
    const client = clientOf(server);
    const hook = await client.addHook(122, {
      event: 'msg_received',
      targetUrl: 'https://hooks.example/tr',
    });
    expect(hook).toMatchObject({
      id: 1423,
      dashboardId: 122,
      event: 'msg_received',
      targetUrl: 'https://hooks.example/tr',
      httpVerb: 'POST',
      isUserDefined: false,
    });
    expect(server.requests[0]).toMatchObject({
      method: 'POST',
      url: '/api/v3/dashboards/122/hooks',
      apiKey: API_KEY,
      contentType: 'application/json',
    });
    expect(JSON.parse(server.requests[0]?.body ?? '')).toEqual({
      target_url: 'https://hooks.example/tr',
      event: 'msg_received',
      http_verb: 'POST',
    });

    const put = await client.addHook(122, {
      event: 'msg_received',
      targetUrl: 'https://hooks.example/other',
      httpVerb: 'PUT',
    });
    expect(put.httpVerb).toBe('PUT');
    expect(server.hooks(122).map((stored) => stored.id)).toEqual([hook.id, put.id]);
  });

  it('reports 409 with the API’s message when that event already calls that URL', async () => {
    const server = await api();
    const error = await apiError(
      clientOf(server).addHook(121, { event: 'msg_sent', targetUrl: 'https://a.example/out' }),
    );
    expect(error).toMatchObject({
      code: 'http_error',
      status: 409,
      apiMessage: 'A webhook for this event and url already exists.',
      method: 'POST',
      path: '/dashboards/121/hooks',
      attempts: 1,
    });
    expect(error.message).toBe(
      'Text Request API: POST /dashboards/121/hooks answered 409: A webhook for this event and url already exists.',
    );
    expect(server.hooks(121)).toHaveLength(5);
  });

  it('deletes a hook (204), and reports a hook that does not exist', async () => {
    const server = await api();
    const client = clientOf(server);
    await expect(client.deleteHook(121, 1415)).resolves.toBeUndefined();
    expect(server.requests[0]).toMatchObject({
      method: 'DELETE',
      url: '/api/v3/dashboards/121/hooks/1415',
    });
    expect(server.hooks(121).map((hook) => hook.id)).toEqual([1414, 1416, 1417, 1418]);
    const error = await apiError(client.deleteHook(121, 1415));
    expect(error).toMatchObject({ status: 404, apiMessage: null, attempts: 1 });
    expect(error.message).toBe('Text Request API: DELETE /dashboards/121/hooks/1415 answered 404.');
  });

  it('reports a wrong key as 401 without retrying and without the key anywhere', async () => {
    const server = await api();
    const wrongKey = 'F00DF00DF00DF00DF00DF00DF00DF00D';
    const error = await apiError(clientOf(server, { apiKey: wrongKey }).listHooks(121));
    expect(error).toMatchObject({
      code: 'http_error',
      status: 401,
      apiMessage: 'The API key is not valid.',
      attempts: 1,
    });
    expect(server.requests).toHaveLength(1);
    expect(allTextOf(error)).not.toContain(wrongKey);
  });

  it('removes the key from an API message that echoes it', async () => {
    const server = await startServer((req, res) => {
      res.writeHead(401, { 'content-type': 'application/json' }).end(
        JSON.stringify({
          error_message: `Key ${req.headers['x-api-key']} is revoked`,
          error_code: 'SMS10023',
        }),
      );
    });
    servers.push(server);
    const client = clientOf({ baseUrl: server.origin });
    const error = await apiError(client.listEventTypes());
    expect(error.apiMessage).toBe('Key [redacted] is revoked');
    expect(error.errorCode).toBe('SMS10023');
    expect(allTextOf(error)).not.toContain(API_KEY);
    expect(inspect(client, { depth: 10, showHidden: true })).not.toContain(API_KEY);
    expect(JSON.stringify(client)).not.toContain(API_KEY);
  });
});

describe('retries, timeouts and cancellation', () => {
  it('retries a GET after 5xx and 429 (Retry-After: 0), then returns the answer', async () => {
    const server = await api();
    server.fail({ status: 503 }, { status: 429, retryAfter: '0' });
    const page = await clientOf(server).listHooks(121);
    expect(page.totalItems).toBe(5);
    expect(server.requests).toHaveLength(3);
  });

  it('gives up after `retries` retries with the last status', async () => {
    const server = await api();
    server.fail({ status: 502 }, { status: 502 }, { status: 500 }, { status: 500 });
    const error = await apiError(clientOf(server, { retries: 2 }).listEventTypes());
    expect(error).toMatchObject({ code: 'http_error', status: 500, attempts: 3 });
    expect(error.message).toBe(
      'Text Request API: GET /eventTypes answered 500 (after 3 attempts): Try again later.',
    );
    expect(server.requests).toHaveLength(3);

    server.requests.length = 0;
    const once = await apiError(clientOf(server, { retries: 0 }).listEventTypes());
    expect(once).toMatchObject({ status: 500, attempts: 1 });
    expect(server.requests).toHaveLength(1);
  });

  it('does not retry a 4xx other than 429', async () => {
    const server = await api();
    server.fail({ status: 400, body: '{"message":"Bad page."}' });
    const error = await apiError(clientOf(server).listHooks(121));
    expect(error).toMatchObject({ status: 400, apiMessage: 'Bad page.', attempts: 1 });
    expect(server.requests).toHaveLength(1);
  });

  it('never retries a POST: one request, whatever the answer', async () => {
    const server = await api();
    server.fail({ status: 503 });
    const error = await apiError(
      clientOf(server).addHook(122, { event: 'msg_sent', targetUrl: 'https://hooks.example/x' }),
    );
    expect(error).toMatchObject({ status: 503, attempts: 1 });
    expect(server.requests).toHaveLength(1);
    expect(server.hooks(122)).toEqual([]);
  });

  it('treats a retried DELETE that finds the hook gone as done', async () => {
    const server = await api();
    // The first attempt deletes the hook but its answer is a 503; the retry then gets 404.
    server.fail({ status: 503, afterHandling: true });
    await expect(clientOf(server).deleteHook(121, 1414)).resolves.toBeUndefined();
    expect(server.requests.map((request) => request.method)).toEqual(['DELETE', 'DELETE']);
    expect(server.hooks(121).map((hook) => hook.id)).not.toContain(1414);
  });

  it('does not wait for a Retry-After over 60 seconds: the error carries it', async () => {
    const server = await api();
    server.fail({ status: 429, retryAfter: '120' });
    const error = await apiError(clientOf(server).listEventTypes());
    expect(error).toMatchObject({ status: 429, retryAfterSeconds: 120, attempts: 1 });
  });

  it('retries a GET after a dropped connection', async () => {
    const server = await api();
    server.fail({ drop: true });
    expect(await clientOf(server).listEventTypes()).toHaveLength(7);
    expect(server.requests).toHaveLength(2);
  });

  it('reports an unreachable API as network_error after its retries', async () => {
    const port = await freePort();
    const client = clientOf({ baseUrl: `http://127.0.0.1:${port}/api/v3` }, { retries: 1 });
    const error = await apiError(client.listEventTypes());
    expect(error).toMatchObject({ code: 'network_error', status: null, attempts: 2 });
    expect(error.message).toBe(
      `Text Request API: GET /eventTypes could not reach http://127.0.0.1:${port} (after 2 attempts).`,
    );
  });

  it('aborts an attempt that takes longer than timeoutMs', async () => {
    const server = await api();
    server.fail({ delayMs: 2_000 });
    const error = await apiError(clientOf(server, { timeoutMs: 100 }).listHooks(121));
    expect(error).toMatchObject({ code: 'timeout', status: null, attempts: 1 });
    expect(error.message).toBe(
      'Text Request API: GET /dashboards/121/hooks timed out after 100 ms.',
    );
  });

  it('stops at once when the caller’s signal aborts, even while waiting to retry', async () => {
    const server = await api();
    const before = new AbortController();
    before.abort(new Error('not needed'));
    expect(await rejection(clientOf(server).listEventTypes({ signal: before.signal }))).toBe(
      before.signal.reason,
    );
    expect(server.requests).toHaveLength(0);

    // Without the abort, the call would wait the 30 s Retry-After, beyond the test's timeout.
    server.fail({ status: 503, retryAfter: '30' });
    const during = new AbortController();
    const call = rejection(clientOf(server).listEventTypes({ signal: during.signal }));
    while (server.requests.length === 0) await new Promise((resolve) => setTimeout(resolve, 10));
    during.abort();
    const reason = await call;
    expect(reason).toBe(during.signal.reason);
    expect((reason as Error).name).toBe('AbortError');
    expect(server.requests).toHaveLength(1);
  });
});

describe('answers that do not match the spec', () => {
  async function answering(status: number, body: string): Promise<string> {
    const server = await startServer((_req, res) => {
      res.writeHead(status, { 'content-type': 'application/json' }).end(body);
    });
    servers.push(server);
    return server.origin;
  }

  it('names the failing fields, never their values', async () => {
    const baseUrl = await answering(
      200,
      JSON.stringify({
        items: [{ id: 'secret-looking-value', target_url: 'https://x', event: 'msg_sent' }],
        meta: { page: 0, page_size: 100, total_items: 1 },
      }),
    );
    const error = await apiError(clientOf({ baseUrl }).listHooks(121));
    expect(error).toMatchObject({
      code: 'invalid_response',
      status: 200,
      issues: [{ path: 'items[0].id', message: 'expected number, received string' }],
    });
    expect(allTextOf(error)).not.toContain('secret-looking-value');
  });

  it('requires the collection shape of the pagination rules and a JSON body', async () => {
    const bare = await answering(200, '[]');
    expect((await apiError(clientOf({ baseUrl: bare }).listHooks(1))).issues[0]?.path).toBe(
      'items',
    );
    const html = await answering(200, '<html>maintenance</html>');
    expect((await apiError(clientOf({ baseUrl: html }).listEventTypes())).issues).toEqual([
      { path: '', message: 'expected a JSON body' },
    ]);
  });

  it('reads the event types as an array or as a collection', async () => {
    const collection = await answering(
      200,
      JSON.stringify({ items: ['msg_sent'], meta: { page: 0, page_size: 100, total_items: 1 } }),
    );
    expect(await clientOf({ baseUrl: collection }).listEventTypes()).toEqual(['msg_sent']);
  });

  it('does not follow a redirect, which would carry the key elsewhere', async () => {
    const elsewhere: string[] = [];
    const other = await startServer((req, res) => {
      elsewhere.push(String(req.headers['x-api-key']));
      res.writeHead(200, { 'content-type': 'application/json' }).end('[]');
    });
    servers.push(other);
    const redirecting = await startServer((_req, res) => {
      res.writeHead(302, { location: `${other.origin}/eventTypes` }).end();
    });
    servers.push(redirecting);
    const error = await apiError(clientOf({ baseUrl: redirecting.origin }).listEventTypes());
    expect(error).toMatchObject({ code: 'http_error', status: 302 });
    expect(elsewhere).toEqual([]);
  });
});

describe('options and arguments', () => {
  it('refuses invalid options with a TypeError that never shows the key', () => {
    const invalid: [Partial<TextRequestClientOptions>, string][] = [
      [{ apiKey: '' }, 'apiKey must be your Text Request API key'],
      [{ apiKey: `${API_KEY}\r\nx-evil: 1` }, 'apiKey must be your Text Request API key'],
      [{ baseUrl: 'api.textrequest.com' }, 'baseUrl must be an absolute'],
      [{ baseUrl: 'https://api.textrequest.com/api/v3?x=1' }, 'baseUrl must be an absolute'],
      [{ timeoutMs: 0 }, 'timeoutMs must be more than 0'],
      [{ retries: 1.5 }, 'retries must be a whole number'],
      [{ retries: -1 }, 'retries must be a number from 0 to 10'],
    ];
    for (const [options, message] of invalid) {
      const create = () =>
        createTextRequestClient({ apiKey: API_KEY, ...options } as TextRequestClientOptions);
      expect(create).toThrow(TypeError);
      expect(create).toThrow(message);
      try {
        create();
      } catch (error) {
        expect(String(error)).not.toContain(API_KEY);
      }
    }
  });

  it('refuses invalid ids, pages and hooks before sending anything', async () => {
    const server = await api();
    const client = clientOf(server);
    await expect(client.listHooks(-1)).rejects.toThrow('dashboardId must be a whole number');
    await expect(client.listHooks(1.5)).rejects.toThrow(TypeError);
    await expect(client.listHooks(121, { pageSize: 0 })).rejects.toThrow('pageSize must be');
    await expect(client.allHooks(Number.NaN).next()).rejects.toThrow('dashboardId');
    await expect(client.deleteHook(121, -5)).rejects.toThrow('hookId must be');
    await expect(
      client.addHook(121, { event: 'msg_sent', targetUrl: 'localhost:3000/hooks' }),
    ).rejects.toThrow('targetUrl must be an absolute');
    await expect(
      client.addHook(121, {
        event: 'msg_sent',
        targetUrl: 'https://x.example/',
        httpVerb: 'GET' as 'POST',
      }),
    ).rejects.toThrow('cannot be called with GET');
    expect(server.requests).toEqual([]);
  });

  it('sends through the fetch it is given', async () => {
    const server = await api();
    const seen: string[] = [];
    const client = clientOf(server, {
      fetch: (url, init) => {
        seen.push(`${init.method} ${url}`);
        return fetch(url, init);
      },
    });
    await client.listEventTypes();
    expect(seen).toEqual([`GET ${server.baseUrl}/eventTypes`]);
    expect(isTextRequestApiError(await rejection(client.listHooks(999)))).toBe(true);
  });
});

describe('readRetryAfter', () => {
  it('reads seconds and HTTP dates, and nothing else', () => {
    const now = Date.parse('2026-12-01T08:00:00Z');
    expect(readRetryAfter('7', now)).toBe(7);
    expect(readRetryAfter(' 0 ', now)).toBe(0);
    expect(readRetryAfter('Tue, 01 Dec 2026 08:00:30 GMT', now)).toBe(30);
    expect(readRetryAfter('Tue, 01 Dec 2026 07:00:00 GMT', now)).toBe(0);
    expect(readRetryAfter('soon', now)).toBeNull();
    expect(readRetryAfter('-3', now)).toBeNull();
    expect(readRetryAfter(null, now)).toBeNull();
  });
});

describe('runs on every runtime', () => {
  it('imports nothing from node: (fetch, URL, AbortController and timers only)', async () => {
    const result = await build({
      entryPoints: [new URL('./create-client.ts', import.meta.url).pathname],
      bundle: true,
      write: false,
      platform: 'neutral',
      format: 'esm',
      external: ['valibot'],
      metafile: true,
      logLevel: 'silent',
    });
    const external = Object.values(result.metafile.inputs).flatMap((input) =>
      input.imports.filter((entry) => entry.external).map((entry) => entry.path),
    );
    expect([...new Set(external)]).toEqual(['valibot']);
    expect(Object.keys(result.metafile.inputs).some((path) => path.includes('node_modules'))).toBe(
      false,
    );
  });
});

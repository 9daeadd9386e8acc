// The webhook routes every runtime host in this folder serves, made with that host's handler
// factory (`createFetchHandler` or `createNodeHandler`) imported from the built package. Each
// host answers these paths with them and `GET /events` with the events recorded since the last
// call, so the suite in test/support/runtime-host-suite.ts can check what reached `onEvent`.

/** The TextLink kinds, each posted by TextLink to its own URL. */
export const textLinkKinds = ['received', 'sent', 'failed', 'tag_changed'];

/**
 * Creates one handler per webhook path, with the secrets read from `env`, and the event log.
 *
 * @template H
 * @param {(options: object) => H} createHandler `createFetchHandler` or `createNodeHandler`.
 * @param {Record<string, string | undefined>} env Where the secrets come from.
 * @returns {{ handlers: Map<string, H>, takeEvents: () => { route: string, event: unknown }[] }}
 */
export function createWebhookRoutes(createHandler, env) {
  /** @type {{ route: string, event: unknown }[]} */
  const recorded = [];
  const record = (route) => (event) => {
    recorded.push({ route, event });
  };
  const handlers = new Map();
  handlers.set(
    '/hooks/telmetrics',
    createHandler({
      provider: 'telmetrics',
      secret: env.TELMETRICS_WEBHOOK_SECRET,
      onEvent: record('/hooks/telmetrics'),
    }),
  );
  for (const kind of textLinkKinds) {
    handlers.set(
      `/hooks/textlink/${kind}`,
      createHandler({
        provider: 'textlink',
        kind,
        secret: env.TEXTLINK_WEBHOOK_SECRET,
        onEvent: record(`/hooks/textlink/${kind}`),
      }),
    );
  }
  handlers.set(
    '/hooks/textrequest',
    createHandler({
      provider: 'textrequest',
      secret: env.TEXT_REQUEST_API_KEY,
      onEvent: record('/hooks/textrequest'),
    }),
  );
  // Stands in for an application whose storage is down: every event fails.
  handlers.set(
    '/hooks/failing',
    createHandler({
      onEvent() {
        throw new Error('storage unavailable at db-3.internal');
      },
    }),
  );
  // Stands in for an application whose storage hangs on one message: its text "hang" never
  // settles, so the handler must answer it 503 at timeoutMs while other requests go on.
  handlers.set(
    '/hooks/slow',
    createHandler({
      provider: 'textlink',
      kind: 'received',
      secret: env.TEXTLINK_WEBHOOK_SECRET,
      timeoutMs: 400,
      onEvent: (event) => (event.text === 'hang' ? new Promise(() => {}) : undefined),
    }),
  );
  return { handlers, takeEvents: () => recorded.splice(0) };
}

/** The answer to `GET /events`: the recorded events as JSON. */
export function eventsResponse(takeEvents) {
  return new Response(JSON.stringify(takeEvents()), {
    headers: { 'content-type': 'application/json' },
  });
}

/**
 * A Web `fetch` function over the routes, for Bun, Deno, workerd and Hono's Node server.
 *
 * @param {(options: object) => (request: Request) => Promise<Response>} createFetchHandler
 * @param {Record<string, string | undefined>} env
 * @returns {(request: Request) => Promise<Response>}
 */
export function createFetchApp(createFetchHandler, env) {
  const { handlers, takeEvents } = createWebhookRoutes(createFetchHandler, env);
  return async (request) => {
    const { pathname } = new URL(request.url);
    if (pathname === '/events' && request.method === 'GET') return eventsResponse(takeEvents);
    const handler = handlers.get(pathname);
    return handler ? handler(request) : new Response('not found', { status: 404 });
  };
}

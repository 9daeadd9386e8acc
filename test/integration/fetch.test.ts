import { createFetchHandler } from '../../src/adapters/fetch/index.js';
import { toNodeListener } from '../support/fetch-server.js';
import { startServer } from '../support/server.js';
import { describeWebhookHost } from '../support/webhook-host-suite.js';

// A real server hands the handler real `Request` objects whose bodies stream from the socket, as
// Bun, Deno, Cloudflare Workers and `@hono/node-server` do.
describeWebhookHost({
  name: 'fetch handler',
  bodyParser: 'none',
  start: (options) => startServer(toNodeListener(createFetchHandler(options))),
});

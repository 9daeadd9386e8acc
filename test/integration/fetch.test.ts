import { getRequestListener } from '@hono/node-server';
import { createFetchHandler } from '../../src/adapters/fetch/index.js';
import { startServer } from '../support/server.js';
import { describeWebhookHost } from '../support/webhook-host-suite.js';

// @hono/node-server turns each Node request into a real Web `Request` whose body streams from
// the socket, as Hono apps on Node run. It keeps the connection after a 413 and reads on to
// discard the refused body (a Web Response cannot ask Node to close), so only the handler's part,
// a prompt answer having read at most a few MiB, is checked there. While it discards, Node's parser
// sometimes takes the refused bytes for a new request and answers them `400 Bad Request` on the
// same connection (a bare Hono route answering 413 does the same); the suite reads the first
// response by its own framing, as an HTTP client does. Bun, Deno and workerd themselves run in test/runtimes/.
describeWebhookHost({
  name: 'fetch handler on @hono/node-server',
  bodyParser: 'none',
  discardsRefusedBody: true,
  start: (options) => startServer(getRequestListener(createFetchHandler(options))),
});

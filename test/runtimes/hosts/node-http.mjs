// node:http serving the webhook routes with createNodeHandler from the built package.
import { createServer } from 'node:http';
import { createNodeHandler } from 'sms-webhooks/node';
import { createWebhookRoutes } from './webhook-routes.mjs';

const { handlers, takeEvents } = createWebhookRoutes(createNodeHandler, process.env);

const server = createServer((req, res) => {
  const { pathname } = new URL(req.url ?? '/', 'http://localhost');
  if (pathname === '/events' && req.method === 'GET') {
    res.setHeader('content-type', 'application/json');
    res.end(JSON.stringify(takeEvents()));
    return;
  }
  const handler = handlers.get(pathname);
  if (handler) void handler(req, res);
  else res.writeHead(404).end('not found');
});
server.listen(Number(process.env.PORT), '127.0.0.1');
process.on('SIGTERM', () => server.close());

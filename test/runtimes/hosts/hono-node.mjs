// Hono on @hono/node-server serving the webhook routes with createFetchHandler from the built package.
import { serve } from '@hono/node-server';
import { Hono } from 'hono';
import { createFetchHandler } from 'sms-webhooks/fetch';
import { createWebhookRoutes } from './webhook-routes.mjs';

const { handlers, takeEvents } = createWebhookRoutes(createFetchHandler, process.env);

const app = new Hono();
app.get('/events', (c) => c.json(takeEvents()));
for (const [path, handler] of handlers) app.all(path, (c) => handler(c.req.raw));

const server = serve({ fetch: app.fetch, hostname: '127.0.0.1', port: Number(process.env.PORT) });
process.on('SIGTERM', () => server.close());

// Koa serving the webhook routes with createNodeHandler from the built package, as the README's
// recipe shows: ctx.respond = false hands the raw request and response to the handler.
import Koa from 'koa';
import { createNodeHandler } from 'sms-webhooks/node';
import { createWebhookRoutes } from './webhook-routes.mjs';

const { handlers, takeEvents } = createWebhookRoutes(createNodeHandler, process.env);

const app = new Koa();
app.use(async (ctx, next) => {
  if (ctx.path === '/events' && ctx.method === 'GET') {
    ctx.body = takeEvents();
    return;
  }
  const handler = handlers.get(ctx.path);
  if (!handler) return next();
  ctx.respond = false;
  await handler(ctx.req, ctx.res);
});

const server = app.listen(Number(process.env.PORT), '127.0.0.1');
process.on('SIGTERM', () => server.close());

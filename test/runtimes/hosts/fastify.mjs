// Fastify serving the webhook routes with createNodeHandler from the built package, as the
// README's recipe shows: in their own plugin scope, where no content-type parser reads the body,
// the handler reads it from the socket and answers on the raw response.
import Fastify from 'fastify';
import { createNodeHandler } from 'sms-webhooks/node';
import { createWebhookRoutes } from './webhook-routes.mjs';

const { handlers, takeEvents } = createWebhookRoutes(createNodeHandler, process.env);

const app = Fastify();
app.get('/events', () => takeEvents());
app.register(async (hooks) => {
  hooks.removeAllContentTypeParsers();
  hooks.addContentTypeParser('*', (_request, _payload, done) => done(null));
  for (const [path, handler] of handlers) {
    hooks.all(path, (request, reply) => {
      reply.hijack();
      return handler(request.raw, reply.raw);
    });
  }
});

await app.listen({ host: '127.0.0.1', port: Number(process.env.PORT) });
process.on('SIGTERM', () => void app.close());

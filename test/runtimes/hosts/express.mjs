// Express (EXPRESS_PACKAGE: `express` for 5, `express4` for 4) serving the webhook routes with
// createNodeHandler from the built package. BODY_PARSER=json-verify puts a global
// express.json({ verify }) in front that keeps the raw bytes in req.rawBody, as the README shows.
import { createNodeHandler } from 'sms-webhooks/node';
import { createWebhookRoutes } from './webhook-routes.mjs';

const { default: express } = await import(process.env.EXPRESS_PACKAGE ?? 'express');
const { handlers, takeEvents } = createWebhookRoutes(createNodeHandler, process.env);

const app = express();
if (process.env.BODY_PARSER === 'json-verify') {
  app.use(
    express.json({
      limit: '5mb',
      verify: (req, _res, buf) => {
        req.rawBody = buf;
      },
    }),
  );
}
app.get('/events', (_req, res) => {
  res.json(takeEvents());
});
// app.all: POST deliveries, Telmetrics' GET ?echo= check, and the handler's own 405 for the rest.
for (const [path, handler] of handlers) app.all(path, handler);

const server = app.listen(Number(process.env.PORT), '127.0.0.1');
process.on('SIGTERM', () => server.close());

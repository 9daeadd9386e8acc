// An Express 5 server that receives the webhooks of every supported provider.
//
//   npm run build    # once, at the repository root
//   TEXT_REQUEST_API_KEY=… TEXTLINK_WEBHOOK_SECRET=… TELMETRICS_WEBHOOK_SECRET=… \
//     node examples/express/server.mjs
//
// `sms-webhooks/node` resolves to the repository's built dist/ through the package's own name
// (Node's package self-reference), exactly as it would from node_modules in an application.
import express from 'express';
import { createNodeHandler } from 'sms-webhooks/node';

/** Stands in for your own work: store the event, queue a job, answer the texter. */
function handleEvent(event) {
  const route = 'from' in event ? ` ${event.from ?? '—'} → ${event.to ?? '—'}` : '';
  const text = 'text' in event && event.text !== null ? ` ${JSON.stringify(event.text)}` : '';
  console.log(`[${event.provider}] ${event.type}${route}${text} (${event.idempotencyKey})`);
}

/** Logs refused requests; the context never holds a secret, a header or the body. */
function logRefusal(_error, context) {
  console.warn(`${context.method} ${context.path} answered ${context.status} ${context.code}`);
}

const app = express();

// Webhook routes come before any body parser: the handlers read the raw body themselves, which
// signature checks (Text Request, Telmetrics) need byte for byte.
app.post(
  '/hooks/textrequest',
  createNodeHandler({
    provider: 'textrequest',
    // The account's API key signs x-tr-webhook-signature. Unset, every request is refused (401).
    secret: process.env.TEXT_REQUEST_API_KEY,
    onEvent: handleEvent,
    onError: logRefusal,
  }),
);

// app.all, not app.post: Telmetrics checks the URL with GET ?echo=<value> when it is registered.
app.all(
  '/hooks/telmetrics',
  createNodeHandler({
    provider: 'telmetrics',
    // Checked against the ms-signature header (`sha256=<hex HMAC of the body>`).
    secret: process.env.TELMETRICS_WEBHOOK_SECRET,
    onEvent: handleEvent,
    onError: logRefusal,
  }),
);

// TextLink sends each of its four webhooks to its own URL, and the body does not say which one
// it is, so each URL gets a handler that knows its kind.
for (const kind of ['received', 'sent', 'failed', 'tag_changed']) {
  app.post(
    `/hooks/textlink/${kind}`,
    createNodeHandler({
      provider: 'textlink',
      kind,
      // Compared, timing-safe, with the `secret` field of the body.
      secret: process.env.TEXTLINK_WEBHOOK_SECRET,
      onEvent: handleEvent,
      onError: logRefusal,
    }),
  );
}

// The rest of the application parses JSON as usual.
app.use(express.json());
app.get('/health', (_req, res) => {
  res.json({ ok: true });
});

const host = process.env.HOST ?? '127.0.0.1';
const port = Number(process.env.PORT ?? 3000);
const server = app.listen(port, host, (error) => {
  if (error) throw error;
  console.log(`Listening on http://${host}:${port}`);
});

process.on('SIGTERM', () => server.close());
process.on('SIGINT', () => server.close());

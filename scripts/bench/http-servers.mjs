// The HTTP side of `npm run bench`: starts Express 5, node:http and Hono (@hono/node-server) on
// 127.0.0.1, each with the same four routes, and prints their URLs as one JSON line. The benchmark
// loads them from its own process; this one ends when its standard input closes, and tells its
// CPU time when asked (see below).
//
//   /bare         the host's own JSON route: read the body, JSON.parse, answer {"ok":true}
//   /hand         a hand-written signed route: raw body, node:crypto HMAC + timingSafeEqual, JSON.parse
//   /textlink     createNodeHandler / createFetchHandler for TextLink (body secret)
//   /textrequest  the same for Text Request (HMAC signature over the raw body)
import { createHmac, timingSafeEqual } from 'node:crypto';
import { createServer } from 'node:http';
import { serve } from '@hono/node-server';
import express from 'express';
import { Hono } from 'hono';
import { createFetchHandler } from 'sms-webhooks/fetch';
import { createNodeHandler } from 'sms-webhooks/node';
import { answerCpuQueries } from './http-load.mjs';

const [textLinkSecret, apiKey] = process.argv.slice(2);
const ok = JSON.stringify({ ok: true });

/** Checks a Text Request signature the way a careful hand-written route would. */
function handVerified(raw, signature, timestamp) {
  if (typeof signature !== 'string' || typeof timestamp !== 'string') return false;
  const expected = createHmac('sha256', apiKey).update(`${timestamp}.`).update(raw).digest();
  const received = Buffer.from(signature, 'base64');
  return received.length === expected.length && timingSafeEqual(received, expected);
}

function readRaw(req) {
  return new Promise((resolve, reject) => {
    const chunks = [];
    req.on('data', (chunk) => chunks.push(chunk));
    req.on('end', () => resolve(chunks.length === 1 ? chunks[0] : Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

const handlerOptions = {
  textlink: { provider: 'textlink', secret: textLinkSecret, onEvent() {} },
  textrequest: { provider: 'textrequest', secret: apiKey, onEvent() {} },
};

function listen(server) {
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => resolve(`http://127.0.0.1:${server.address().port}`));
  });
}

// Express 5
const app = express();
app.post('/bare', express.json(), (req, res) => {
  if (typeof req.body !== 'object') return res.status(400).end();
  res.type('application/json').send(ok);
});
app.post('/hand', express.raw({ type: 'application/json' }), (req, res) => {
  if (!handVerified(req.body, req.get('x-tr-webhook-signature'), req.get('x-tr-webhook-timestamp')))
    return res.status(401).end();
  JSON.parse(req.body.toString('utf8'));
  res.type('application/json').send(ok);
});
app.post('/textlink', createNodeHandler(handlerOptions.textlink));
app.post('/textrequest', createNodeHandler(handlerOptions.textrequest));
const expressServer = createServer(app);

// node:http
const nodeRoutes = {
  '/textlink': createNodeHandler(handlerOptions.textlink),
  '/textrequest': createNodeHandler(handlerOptions.textrequest),
};
const nodeServer = createServer(async (req, res) => {
  const route = nodeRoutes[req.url];
  if (route) return route(req, res);
  const raw = await readRaw(req);
  if (
    req.url === '/hand' &&
    !handVerified(raw, req.headers['x-tr-webhook-signature'], req.headers['x-tr-webhook-timestamp'])
  ) {
    res.statusCode = 401;
    return res.end();
  }
  JSON.parse(raw.toString('utf8'));
  res.writeHead(200, { 'content-type': 'application/json', 'content-length': ok.length });
  res.end(ok);
});

// Hono on @hono/node-server
const hono = new Hono();
hono.post('/bare', async (c) => {
  await c.req.json();
  return c.json({ ok: true });
});
hono.post('/hand', async (c) => {
  const raw = Buffer.from(await c.req.arrayBuffer());
  if (
    !handVerified(
      raw,
      c.req.header('x-tr-webhook-signature'),
      c.req.header('x-tr-webhook-timestamp'),
    )
  )
    return c.body(null, 401);
  JSON.parse(raw.toString('utf8'));
  return c.json({ ok: true });
});
const honoTextLink = createFetchHandler(handlerOptions.textlink);
const honoTextRequest = createFetchHandler(handlerOptions.textrequest);
hono.post('/textlink', (c) => honoTextLink(c.req.raw));
hono.post('/textrequest', (c) => honoTextRequest(c.req.raw));
const honoServer = serve({ fetch: hono.fetch, port: 0, hostname: '127.0.0.1' });
await new Promise((resolve) => honoServer.once('listening', resolve));

const urls = {
  'Express 5': await listen(expressServer),
  'node:http': await listen(nodeServer),
  'Hono (@hono/node-server)': `http://127.0.0.1:${honoServer.address().port}`,
};
console.log(JSON.stringify(urls));

// The benchmark asks for this process's CPU time around each load, for what each request costs.
answerCpuQueries();
process.stdin.on('end', () => {
  for (const server of [expressServer, nodeServer, honoServer]) {
    server.closeAllConnections?.();
    server.close();
  }
  process.exit(0);
});

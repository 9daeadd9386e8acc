import type express from 'express';
import { afterEach, describe, expect, it } from 'vitest';
import { createNodeHandler } from '../../src/adapters/node/index.js';
import { fixtureText } from './fixtures.js';
import { send } from './http.js';
import { startServer, type TestServer } from './server.js';
import { signTextRequest } from './sign.js';
import { describeWebhookHost, type WebhookHost } from './webhook-host-suite.js';

/** The `express` export of one Express major: Express 5 as `express`, Express 4 as `express4`. */
export type ExpressModule = typeof express;

/**
 * Runs the shared webhook suite behind each body parser, then the routing checks, against a real
 * server built with the given Express.
 */
export function describeExpressHost(label: string, express: ExpressModule): void {
  const parsers = {
    none: undefined,
    json: express.json({ limit: '5mb' }),
    raw: express.raw({ type: 'application/json', limit: '5mb' }),
    text: express.text({ type: 'application/json', limit: '5mb' }),
  } as const;

  for (const bodyParser of ['none', 'json', 'raw', 'text'] as const) {
    const host: WebhookHost = {
      name: `${label} (${bodyParser === 'none' ? 'no body parser' : `express.${bodyParser}()`})`,
      bodyParser,
      start(options) {
        const app = express();
        const parser = parsers[bodyParser];
        if (parser) app.use(parser);
        app.use(createNodeHandler(options));
        return startServer(app);
      },
    };
    describeWebhookHost(host);
  }

  describe(`${label}: routing`, () => {
    const servers: TestServer[] = [];
    afterEach(async () => {
      await Promise.all(servers.splice(0).map((server) => server.close()));
    });

    it('works as a route handler with a path parameter, and sees the full URL of a mounted router', async () => {
      const urls: string[] = [];
      const app = express();
      const router = express.Router();
      router.post(
        '/textrequest/:tenant',
        createNodeHandler({
          provider: 'textrequest',
          secret: (request) =>
            new URL(request.url).pathname.endsWith('/acme') ? 'acme-key' : undefined,
          onEvent: (_, context) => void urls.push(context.request.url),
        }),
      );
      app.use('/hooks', router);
      const server = await startServer(app);
      servers.push(server);
      const body = fixtureText('textrequest/message-sent');
      const acme = await send(`${server.origin}/hooks/textrequest/acme?x=1`, {
        body,
        headers: signTextRequest(body, 'acme-key'),
      });
      const other = await send(`${server.origin}/hooks/textrequest/other`, {
        body,
        headers: signTextRequest(body, 'acme-key'),
      });
      expect([acme.status, other.status]).toEqual([200, 401]);
      expect(urls.map((url) => new URL(url).pathname + new URL(url).search)).toEqual([
        '/hooks/textrequest/acme?x=1',
      ]);
    });

    it('keeps the headers a middleware set before it, and answers with its own content type', async () => {
      const app = express();
      app.use((_req, res, next) => {
        res.setHeader('access-control-allow-origin', '*');
        res.setHeader('content-type', 'text/html');
        next();
      });
      app.use(createNodeHandler({ onEvent() {} }));
      const server = await startServer(app);
      servers.push(server);
      const response = await send(server.origin, { body: fixtureText('textlink/received') });
      expect(response.status).toBe(200);
      expect(response.headers.get('access-control-allow-origin')).toBe('*');
      expect(response.headers.get('x-powered-by')).toBe('Express');
      expect(response.headers.get('content-type')).toBe('application/json');
      expect(response.headers.get('content-length')).toBe(String(Buffer.byteLength(response.text)));
      expect(JSON.parse(response.text)).toEqual({ ok: true });
    });

    it('answers 405 itself when mounted with app.use and leaves other routes alone', async () => {
      const app = express();
      app.get('/health', (_req, res) => {
        res.send('fine');
      });
      app.use('/hooks', createNodeHandler({ onEvent() {} }));
      const server = await startServer(app);
      servers.push(server);
      expect((await send(`${server.origin}/health`, { method: 'GET' })).text).toBe('fine');
      const response = await send(`${server.origin}/hooks`, { method: 'GET' });
      expect(response.status).toBe(405);
      expect(response.headers.get('allow')).toBe('POST');
    });
  });
}

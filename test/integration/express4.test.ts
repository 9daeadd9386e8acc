import express from 'express4';
import { afterEach, describe, expect, it } from 'vitest';
import { createNodeHandler } from '../../src/adapters/node/index.js';
import { describeExpressHost } from '../support/express-host-suite.js';
import { fixtureText } from '../support/fixtures.js';
import { send } from '../support/http.js';
import { startServer, type TestServer } from '../support/server.js';

describeExpressHost('Express 4', express);

describe('Express 4: express.json() in front', () => {
  const servers: TestServer[] = [];
  afterEach(async () => {
    await Promise.all(servers.splice(0).map((server) => server.close()));
  });

  it('reads the stream itself when json() skipped a body of another content type (req.body = {})', async () => {
    const events: string[] = [];
    const app = express();
    app.use(express.json());
    app.use(createNodeHandler({ onEvent: (event) => void events.push(event.type) }));
    const server = await startServer(app);
    servers.push(server);
    const response = await send(`${server.origin}/hooks`, {
      body: fixtureText('textlink/received'),
      headers: { 'content-type': 'text/plain' },
    });
    expect(response.status).toBe(200);
    expect(events).toEqual(['message.received']);
  });
});

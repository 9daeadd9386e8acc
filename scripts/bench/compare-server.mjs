// One server of scripts/bench/compare.mjs: a TextLink or Text Request handler from the package
// built in <root> (its dist/ and package.json), on node:http or Hono (@hono/node-server), on
// 127.0.0.1. Prints its port as a JSON line, then answers "cpu" lines on standard input (see
// http-load.mjs); it ends when its standard input closes.
//
//   node scripts/bench/compare-server.mjs <root> node|hono textlink|textrequest <secret>
import { createServer } from 'node:http';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { serve } from '@hono/node-server';
import { Hono } from 'hono';
import { answerCpuQueries } from './http-load.mjs';

const [root, host, provider, secret] = process.argv.slice(2);
const entry = (name) => import(pathToFileURL(join(root, 'dist', `${name}.js`)).href);
const options = { provider, secret, onEvent() {} };

let server;
if (host === 'node') {
  const { createNodeHandler } = await entry('node');
  const handler = createNodeHandler(options);
  server = createServer((req, res) => handler(req, res));
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
} else if (host === 'hono') {
  const { createFetchHandler } = await entry('fetch');
  const handler = createFetchHandler(options);
  const app = new Hono();
  app.post('/', (c) => handler(c.req.raw));
  server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' });
  await new Promise((resolve) => server.once('listening', resolve));
} else {
  throw new Error(`unknown host ${host}; expected node or hono`);
}
process.stdout.write(`${server.address().port}\n`);
answerCpuQueries();
process.stdin.on('end', () => {
  server.closeAllConnections?.();
  server.close();
  process.exit(0);
});

import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixtureText } from '../support/fixtures.js';
import { send } from '../support/http.js';
import { readmeSnippet } from '../support/readme.js';
import {
  binary,
  hostFile,
  type RuntimeHost,
  repositoryRoot,
  startRuntimeHost,
} from '../support/runtime-host.js';
import { signTelmetrics } from '../support/sign.js';
import { describeWebhookUrlSuite, runtimeSecrets } from '../support/webhook-url-suite.js';

// Workers bundled as `wrangler deploy` would (esbuild, ESM, the Workers conditions) and served by
// workerd from the `workerd` npm package, with secrets as text bindings, the way Cloudflare passes
// them to `env`.
const workDirs: string[] = [];

/** A workerd configuration serving one module Worker on the given port. */
function workerdConfig(port: number, bindings: Readonly<Record<string, string>>): string {
  const list = Object.entries(bindings)
    .map(([name, value]) => `(name = ${JSON.stringify(name)}, text = ${JSON.stringify(value)})`)
    .join(', ');
  return `using Workerd = import "/workerd/workerd.capnp";

const config :Workerd.Config = (
  services = [(name = "main", worker = .webhooks)],
  sockets = [(name = "http", address = "127.0.0.1:${port}", http = (), service = "main")],
);

const webhooks :Workerd.Worker = (
  modules = [(name = "worker.js", esModule = embed "worker.js")],
  compatibilityDate = "2026-04-01",
  bindings = [${list}],
);
`;
}

/** Bundles a Worker entry and serves it with workerd on a free port. */
async function startWorker(
  entry: string,
  bindings: Readonly<Record<string, string>>,
): Promise<RuntimeHost> {
  const workDir = await mkdtemp(join(tmpdir(), 'sms-webhooks-workerd-'));
  workDirs.push(workDir);
  await build({
    entryPoints: [entry],
    outfile: join(workDir, 'worker.js'),
    absWorkingDir: repositoryRoot,
    bundle: true,
    format: 'esm',
    platform: 'browser',
    conditions: ['workerd', 'worker', 'browser'],
    target: 'es2022',
    logLevel: 'error',
  });
  return startRuntimeHost({
    command: binary('workerd'),
    prepare: (port) => writeFile(join(workDir, 'config.capnp'), workerdConfig(port, bindings)),
    args: () => ['serve', join(workDir, 'config.capnp')],
  });
}

afterAll(async () => {
  await Promise.all(workDirs.map((dir) => rm(dir, { recursive: true, force: true })));
});

describeWebhookUrlSuite({
  name: 'workerd (Cloudflare Workers)',
  start: () => startWorker(hostFile('worker.mjs'), runtimeSecrets),
});

// The README's Hono on Workers block as it is, behind a Worker that gives it a queue binding
// which keeps what it is sent.
describe("workerd: the README's Hono on Workers block", () => {
  const secret = 'tm-readme-worker-secret-4e1b';
  let worker: RuntimeHost | undefined;

  beforeAll(async () => {
    const dir = await mkdtemp(join(tmpdir(), 'sms-webhooks-readme-worker-'));
    workDirs.push(dir);
    // The block's imports as an application has them installed; the package resolves to dist/.
    await mkdir(join(dir, 'node_modules'));
    await symlink(repositoryRoot, join(dir, 'node_modules', 'sms-webhooks'));
    await symlink(join(repositoryRoot, 'node_modules', 'hono'), join(dir, 'node_modules', 'hono'));
    await writeFile(join(dir, 'snippet.ts'), readmeSnippet("app.on(['GET', 'POST']").code);
    await writeFile(
      join(dir, 'entry.js'),
      `import app from './snippet.ts';
const sent = [];
const queue = { async send(event) { sent.push({ route: '/hooks/telmetrics', event }); } };
export default {
  fetch(request, env) {
    if (new URL(request.url).pathname === '/events') return Response.json(sent.splice(0));
    return app.fetch(request, { ...env, SMS_EVENTS: queue });
  },
};
`,
    );
    worker = await startWorker(join(dir, 'entry.js'), { TELMETRICS_WEBHOOK_SECRET: secret });
  }, 120_000);

  afterAll(async () => {
    await worker?.stop();
  });

  it('answers the GET ?echo= check and hands a signed delivery to the queue binding', async () => {
    const origin = worker?.origin ?? '';
    const echo = await send(`${origin}/hooks/telmetrics?echo=77aa01`, { method: 'GET' });
    expect([echo.status, echo.text]).toEqual([200, '77aa01']);
    const body = fixtureText('telmetrics/sms-conversation-start');
    const forged = await send(`${origin}/hooks/telmetrics`, {
      body,
      headers: signTelmetrics(body, 'guessed'),
    });
    const signed = await send(`${origin}/hooks/telmetrics`, {
      body,
      headers: signTelmetrics(body, secret),
    });
    expect([forged.status, signed.status]).toEqual([401, 200]);
    const events = (await worker?.takeEvents()) ?? [];
    expect(events.map(({ event }) => (event as { type: string }).type)).toEqual([
      'conversation.started',
    ]);
  });
});

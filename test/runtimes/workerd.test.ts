import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'esbuild';
import { afterAll } from 'vitest';
import { binary, hostFile, repositoryRoot, startRuntimeHost } from '../support/runtime-host.js';
import { describeWebhookUrlSuite, runtimeSecrets } from '../support/webhook-url-suite.js';

// The Worker of test/runtimes/hosts/worker.mjs bundled as `wrangler deploy` would (esbuild,
// browser conditions, ESM), and served by workerd from the `workerd` npm package with its
// secrets as text bindings, the way Cloudflare passes them to `env`.
let workDir = '';

/** A workerd configuration serving one module Worker on the given port. */
function workerdConfig(port: number): string {
  const bindings = Object.entries(runtimeSecrets)
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
  bindings = [${bindings}],
);
`;
}

afterAll(async () => {
  if (workDir) await rm(workDir, { recursive: true, force: true });
});

describeWebhookUrlSuite({
  name: 'workerd (Cloudflare Workers)',
  async start() {
    workDir = await mkdtemp(join(tmpdir(), 'sms-webhooks-workerd-'));
    await build({
      entryPoints: [hostFile('worker.mjs')],
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
      prepare: (port) => writeFile(join(workDir, 'config.capnp'), workerdConfig(port)),
      args: () => ['serve', join(workDir, 'config.capnp')],
    });
  },
});

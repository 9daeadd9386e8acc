import { hostFile, startRuntimeHost } from '../support/runtime-host.js';
import { describeWebhookUrlSuite, runtimeSecrets } from '../support/webhook-url-suite.js';

describeWebhookUrlSuite({
  name: 'Hono on @hono/node-server process',
  start: () =>
    startRuntimeHost({
      command: process.execPath,
      args: () => [hostFile('hono-node.mjs')],
      env: runtimeSecrets,
    }),
});

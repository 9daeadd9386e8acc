import { hostFile, startRuntimeHost } from '../support/runtime-host.js';
import { describeWebhookUrlSuite, runtimeSecrets } from '../support/webhook-url-suite.js';

describeWebhookUrlSuite({
  name: 'Fastify process',
  start: () =>
    startRuntimeHost({
      command: process.execPath,
      args: () => [hostFile('fastify.mjs')],
      env: runtimeSecrets,
    }),
});

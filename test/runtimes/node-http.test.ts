import { hostFile, startRuntimeHost } from '../support/runtime-host.js';
import { describeWebhookUrlSuite, runtimeSecrets } from '../support/webhook-url-suite.js';

describeWebhookUrlSuite({
  name: 'node:http process',
  start: () =>
    startRuntimeHost({
      command: process.execPath,
      args: () => [hostFile('node-http.mjs')],
      env: runtimeSecrets,
    }),
});

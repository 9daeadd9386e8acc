import { hostFile, startRuntimeHost } from '../support/runtime-host.js';
import { describeWebhookUrlSuite, runtimeSecrets } from '../support/webhook-url-suite.js';

describeWebhookUrlSuite({
  name: 'Koa process',
  start: () =>
    startRuntimeHost({
      command: process.execPath,
      args: () => [hostFile('koa.mjs')],
      env: runtimeSecrets,
    }),
});

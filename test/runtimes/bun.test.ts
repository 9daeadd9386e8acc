import { binary, hostFile, startRuntimeHost } from '../support/runtime-host.js';
import { describeWebhookUrlSuite, runtimeSecrets } from '../support/webhook-url-suite.js';

// Bun from the `bun` npm package, running the host file as it is; `sms-webhooks/fetch` resolves
// to the built dist/ through the package's exports map.
describeWebhookUrlSuite({
  name: 'Bun.serve',
  start: () =>
    startRuntimeHost({
      command: binary('bun'),
      args: () => ['run', hostFile('bun.mjs')],
      env: { ...runtimeSecrets, BUN_RUNTIME_TRANSPILER_CACHE_PATH: '0', DO_NOT_TRACK: '1' },
    }),
});

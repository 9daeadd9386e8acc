import { binary, hostFile, startRuntimeHost } from '../support/runtime-host.js';
import { describeWebhookUrlSuite, runtimeSecrets } from '../support/webhook-url-suite.js';

// Deno from the `deno` npm package, with only the permissions a webhook receiver needs; bare
// specifiers resolve through the repository's package.json and node_modules.
describeWebhookUrlSuite({
  name: 'Deno.serve',
  start: () =>
    startRuntimeHost({
      command: binary('deno'),
      args: () => [
        'run',
        '--no-lock',
        '--no-prompt',
        '--allow-net=127.0.0.1',
        '--allow-env',
        '--allow-read',
        hostFile('deno.mjs'),
      ],
      env: { ...runtimeSecrets, DENO_NO_UPDATE_CHECK: '1', NO_COLOR: '1' },
    }),
});

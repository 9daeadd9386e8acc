import { hostFile, startRuntimeHost } from '../support/runtime-host.js';
import { describeWebhookUrlSuite, runtimeSecrets } from '../support/webhook-url-suite.js';

// Each Express major as its own process, once without a body parser and once behind a global
// express.json({ verify }) that keeps the raw bytes, as the README's recipe shows.
for (const [label, pkg] of [
  ['Express 5', 'express'],
  ['Express 4', 'express4'],
] as const) {
  for (const bodyParser of ['none', 'json-verify'] as const) {
    describeWebhookUrlSuite({
      name: `${label} process (${bodyParser === 'none' ? 'no body parser' : 'express.json({ verify })'})`,
      parsesJson: bodyParser === 'json-verify',
      start: () =>
        startRuntimeHost({
          command: process.execPath,
          args: () => [hostFile('express.mjs')],
          env: { ...runtimeSecrets, EXPRESS_PACKAGE: pkg, BODY_PARSER: bodyParser },
        }),
    });
  }
}

// A Cloudflare Worker serving the webhook routes with createFetchHandler from the built package,
// bundled with esbuild and run by workerd. Secrets are bindings: on Workers they reach the
// module only through `env`, so the routes are made on the first request.
import { createFetchHandler } from 'sms-webhooks/fetch';
import { createFetchApp } from './webhook-routes.mjs';

let app;

export default {
  fetch(request, env) {
    app ??= createFetchApp(createFetchHandler, env);
    return app(request);
  },
};

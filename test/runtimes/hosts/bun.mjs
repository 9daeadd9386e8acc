// Bun.serve serving the webhook routes with createFetchHandler from the built package.
import { createFetchHandler } from 'sms-webhooks/fetch';
import { createFetchApp } from './webhook-routes.mjs';

const server = Bun.serve({
  hostname: '127.0.0.1',
  port: Number(process.env.PORT),
  fetch: createFetchApp(createFetchHandler, process.env),
});
process.on('SIGTERM', () => server.stop(true));

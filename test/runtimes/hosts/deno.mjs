// Deno.serve serving the webhook routes with createFetchHandler from the built package.
import { createFetchHandler } from 'sms-webhooks/fetch';
import { createFetchApp } from './webhook-routes.mjs';

Deno.serve(
  { hostname: '127.0.0.1', port: Number(Deno.env.get('PORT')), onListen() {} },
  createFetchApp(createFetchHandler, Deno.env.toObject()),
);

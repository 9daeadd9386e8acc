import { createFetchHandler } from 'sms-webhooks/fetch';
import { recordEvent } from '../../../lib/record-event';

// Text Request signs every delivery (x-tr-webhook-signature) with the account's API key; the
// handler checks it against the raw body, which a route handler receives untouched.
export const POST = createFetchHandler({
  provider: 'textrequest',
  secret: process.env.TEXT_REQUEST_API_KEY,
  onEvent: (event) => recordEvent('/api/textrequest', event),
});

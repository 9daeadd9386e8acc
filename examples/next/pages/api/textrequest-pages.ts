import { createNodeHandler } from 'sms-webhooks/node';
import { recordEvent } from '../../lib/record-event';

// The signature covers the body bytes exactly as sent, so Next.js must not parse them first.
export const config = { api: { bodyParser: false } };

export default createNodeHandler({
  provider: 'textrequest',
  secret: process.env.TEXT_REQUEST_API_KEY,
  onEvent: (event) => recordEvent('/api/textrequest-pages', event),
});

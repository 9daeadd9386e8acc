import { createNodeHandler } from 'sms-webhooks/node';
import { recordEvent } from '../../lib/record-event';

// The signature covers the body bytes exactly as sent, so Next.js must not parse them first. The
// handler answers every method: POST deliveries and the `GET ?echo=` registration check.
export const config = { api: { bodyParser: false } };

export default createNodeHandler({
  provider: 'telmetrics',
  secret: process.env.TELMETRICS_WEBHOOK_SECRET,
  onEvent: (event) => recordEvent('/api/telmetrics-pages', event),
});

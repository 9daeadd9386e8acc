import { createFetchHandler } from 'sms-webhooks/fetch';
import { recordEvent } from '../../../lib/record-event';

// Telmetrics signs each delivery with ms-signature (`sha256=<hex HMAC of the body>`), and checks
// the URL when it is registered with `GET ?echo=<value>`: route GET to the handler too.
const handler = createFetchHandler({
  provider: 'telmetrics',
  secret: process.env.TELMETRICS_WEBHOOK_SECRET,
  onEvent: (event) => recordEvent('/api/telmetrics', event),
});

export { handler as GET, handler as POST };

import { createFetchHandler } from 'sms-webhooks/fetch';
import { recordEvent } from '../../../../lib/record-event';

// TextLink posts each of its four webhooks to its own URL and the body does not say which one it
// is, so this route names its kind. The secret travels in the body and is checked timing-safe.
export const POST = createFetchHandler({
  provider: 'textlink',
  kind: 'received',
  secret: process.env.TEXTLINK_WEBHOOK_SECRET,
  onEvent: (event) => recordEvent('/api/textlink/received', event),
});

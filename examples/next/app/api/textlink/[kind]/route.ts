import { createFetchHandler, type SmsWebhookFetchHandler } from 'sms-webhooks/fetch';
import { recordEvent } from '../../../../lib/record-event';

// TextLink posts each of its four webhooks to its own URL and the body does not say which one it
// is, so each URL gets a handler that names its kind. The secret travels in the body of each
// request and is checked timing-safe.
const handlers = new Map<string, SmsWebhookFetchHandler>(
  (['received', 'sent', 'failed', 'tag_changed'] as const).map((kind) => [
    kind,
    createFetchHandler({
      provider: 'textlink',
      kind,
      secret: process.env.TEXTLINK_WEBHOOK_SECRET,
      onEvent: (event) => recordEvent(`/api/textlink/${kind}`, event),
    }),
  ]),
);

export async function POST(
  request: Request,
  context: { params: Promise<{ kind: string }> },
): Promise<Response> {
  const handler = handlers.get((await context.params).kind);
  return handler ? handler(request) : new Response('Not Found', { status: 404 });
}

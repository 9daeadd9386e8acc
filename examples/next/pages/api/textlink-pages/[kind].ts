import type { NextApiRequest, NextApiResponse } from 'next';
import { createNodeHandler, type SmsWebhookNodeHandler } from 'sms-webhooks/node';
import { recordEvent } from '../../../lib/record-event';

// One file for TextLink's four webhook URLs, each with a handler that names its kind.
export const config = { api: { bodyParser: false } };

const handlers = new Map<string, SmsWebhookNodeHandler>(
  (['received', 'sent', 'failed', 'tag_changed'] as const).map((kind) => [
    kind,
    createNodeHandler({
      provider: 'textlink',
      kind,
      secret: process.env.TEXTLINK_WEBHOOK_SECRET,
      onEvent: (event) => recordEvent(`/api/textlink-pages/${kind}`, event),
    }),
  ]),
);

export default async function textLinkWebhook(
  req: NextApiRequest,
  res: NextApiResponse,
): Promise<void> {
  const { kind } = req.query;
  const handler = typeof kind === 'string' ? handlers.get(kind) : undefined;
  if (handler) await handler(req, res);
  else res.status(404).end('Not Found');
}

import { appendFile } from 'node:fs/promises';
import type { SmsEvent } from 'sms-webhooks';

/**
 * Stands in for your own storage: appends `{ route, event }` as one JSON line to the file named by
 * `EVENTS_LOG` (the integration test reads it), or logs a one-line summary when it is unset.
 * Events never contain the webhook secret, so they are safe to store and log.
 */
export async function recordEvent(route: string, event: SmsEvent): Promise<void> {
  const file = process.env.EVENTS_LOG;
  if (file) {
    await appendFile(file, `${JSON.stringify({ route, event })}\n`);
    return;
  }
  console.log(`${route}: ${event.provider} ${event.type} ${event.idempotencyKey}`);
}

import type { SmsMessageReceivedEvent } from '../../event-types.js';
import { detectIntent } from '../../normalize/intent.js';
import { toE164 } from '../../normalize/phone-number.js';
import { nullIfEmpty } from '../../normalize/scalars.js';
import { toIsoTimestamp } from '../../normalize/timestamp.js';
import type { AcmeInbound } from './schema.js';

/** The event an Acme inbound message becomes. */
export type AcmeEvent = SmsMessageReceivedEvent<'acme', AcmeInbound>;

/** Turns a validated Acme inbound message into its `message.received` event. */
export function normalizeAcmeInbound(payload: AcmeInbound): AcmeEvent {
  const text = nullIfEmpty(payload.text);
  return {
    type: 'message.received',
    provider: 'acme',
    idempotencyKey: `acme:${payload.id}`,
    occurredAt: toIsoTimestamp(payload.received_at),
    raw: payload,
    from: toE164(payload.from),
    to: toE164(payload.to),
    text,
    conversationId: null,
    messageId: payload.id,
    contact: null,
    media: [],
    intent: detectIntent(text),
  };
}

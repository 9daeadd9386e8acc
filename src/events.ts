import type { RegisteredProvider } from './providers/index.js';

export type * from './event-types.js';

/**
 * The normalized event: a union discriminated on `type` and `provider`, of the events every
 * registered provider's `parse` returns (`message.received`, `message.sent`, `message.failed`,
 * `message.status`, `conversation.started`, `contact.created`, `contact.updated`,
 * `contact.tag_changed`, `location.received`, `payment.updated` and `unknown`).
 */
export type SmsEvent = ReturnType<RegisteredProvider['parse']>[number];

/** Every `type` an {@link SmsEvent} can have. */
export type SmsEventType = SmsEvent['type'];

/** The events one provider can produce. */
export type SmsEventOf<P extends SmsEvent['provider']> = Extract<
  SmsEvent,
  {
    /** The provider whose events are selected. */
    provider: P;
  }
>;

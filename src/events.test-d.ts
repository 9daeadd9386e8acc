import { describe, expectTypeOf, it } from 'vitest';
import type {
  SmsDeliveryStatus,
  SmsEvent,
  SmsEventType,
  SmsFailedDeliveryStatus,
  SmsMessageFailedEvent,
} from './events.js';

/** What an application does with each event; `never` in `default` proves every type is handled. */
function route(event: SmsEvent): string {
  switch (event.type) {
    case 'message.received':
    case 'message.sent':
      return event.text ?? '';
    case 'message.failed':
      // One branch for TextLink's failed webhook and Text Request's failed, undelivered or error status.
      expectTypeOf(event.provider).toEqualTypeOf<'textlink' | 'textrequest'>();
      expectTypeOf(event.status).toEqualTypeOf<'failed' | 'undelivered'>();
      expectTypeOf(event.errorCode).toEqualTypeOf<string | null>();
      expectTypeOf(event.providerStatus).toEqualTypeOf<string | null>();
      expectTypeOf(event.messageId).toEqualTypeOf<string | null>();
      expectTypeOf(event.to).toEqualTypeOf<string | null>();
      return `${event.messageId}:${event.status}:${event.errorCode}`;
    case 'message.status':
      expectTypeOf(event.provider).toEqualTypeOf<'textrequest'>();
      expectTypeOf(event.status).toEqualTypeOf<
        'accepted' | 'queued' | 'sending' | 'sent' | 'delivered' | 'unknown'
      >();
      return event.status;
    case 'conversation.started':
      return event.attribution.source ?? '';
    case 'contact.created':
    case 'contact.tag_changed':
      return event.contact.phoneNumber ?? '';
    case 'contact.updated':
      expectTypeOf(event.optedOut).toEqualTypeOf<boolean | null>();
      expectTypeOf(event.suppressed).toEqualTypeOf<boolean | null>();
      expectTypeOf(event.blocked).toEqualTypeOf<boolean | null>();
      expectTypeOf(event.archived).toEqualTypeOf<boolean | null>();
      expectTypeOf(event.optedOutAt).toEqualTypeOf<string | null>();
      return event.contact.phoneNumber ?? '';
    case 'location.received':
      expectTypeOf(event.latitude).toEqualTypeOf<number>();
      return event.address ?? '';
    case 'payment.updated':
      return event.status;
    case 'unknown':
      return event.action ?? '';
    default: {
      const unhandled: never = event;
      return unhandled;
    }
  }
}

describe('SmsEvent', () => {
  it('is covered by one switch, with failed deliveries of every provider in one branch', () => {
    expectTypeOf(route).parameter(0).toEqualTypeOf<SmsEvent>();
    expectTypeOf<Extract<SmsEvent, { type: 'message.failed' }>['provider']>().toEqualTypeOf<
      'textlink' | 'textrequest'
    >();
    expectTypeOf<Extract<SmsEvent, { type: 'message.failed' }>>().toExtend<
      SmsMessageFailedEvent<'textlink' | 'textrequest'>
    >();
  });

  it('shares the delivery fields between message.status and message.failed', () => {
    type Delivery = Extract<SmsEvent, { type: 'message.status' | 'message.failed' }>;
    expectTypeOf<Delivery['status']>().toEqualTypeOf<SmsDeliveryStatus>();
    expectTypeOf<Delivery['errorCode']>().toEqualTypeOf<string | null>();
    expectTypeOf<
      Extract<SmsEvent, { type: 'message.failed' }>['status']
    >().toEqualTypeOf<SmsFailedDeliveryStatus>();
  });

  it('lists every event type', () => {
    expectTypeOf<SmsEventType>().toEqualTypeOf<
      | 'message.received'
      | 'message.sent'
      | 'message.failed'
      | 'message.status'
      | 'conversation.started'
      | 'contact.created'
      | 'contact.tag_changed'
      | 'contact.updated'
      | 'location.received'
      | 'payment.updated'
      | 'unknown'
    >();
  });
});

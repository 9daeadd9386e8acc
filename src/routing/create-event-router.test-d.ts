import { describe, expectTypeOf, it } from 'vitest';
import type { SmsWebhookEventContext } from '../adapters/core/options.js';
import { createFetchHandler } from '../adapters/fetch/index.js';
import { createNodeHandler } from '../adapters/node/index.js';
import type {
  SmsContactTagChangedEvent,
  SmsEvent,
  SmsEventOf,
  SmsMessageReceivedEvent,
  SmsUnknownEvent,
} from '../events.js';
import {
  createSmsEventRouter,
  type SmsEventOfType,
  type SmsEventRouter,
} from './create-event-router.js';

describe('routing types', () => {
  it('gives each `on` handler exactly its event type, of every provider when none is set', () => {
    createFetchHandler({
      on: {
        'message.received': (event) => {
          expectTypeOf(event).toEqualTypeOf<SmsEventOfType<SmsEvent, 'message.received'>>();
          // The providers that send messages, never Telmetrics, which sends none.
          expectTypeOf<'textlink' | 'textrequest'>().toMatchTypeOf<typeof event.provider>();
          expectTypeOf<'telmetrics'>().not.toMatchTypeOf<typeof event.provider>();
          expectTypeOf(event.intent).toEqualTypeOf<'opt_out' | 'opt_in' | 'help' | null>();
        },
        'conversation.started': (event) => {
          expectTypeOf<'telmetrics'>().toMatchTypeOf<typeof event.provider>();
          expectTypeOf<'textlink'>().not.toMatchTypeOf<typeof event.provider>();
          expectTypeOf(event.attribution.source).toEqualTypeOf<string | null>();
        },
        unknown: (event) => {
          expectTypeOf(event).toEqualTypeOf<Extract<SmsEvent, { type: 'unknown' }>>();
          expectTypeOf(event).toMatchTypeOf<SmsUnknownEvent>();
        },
      },
    });
  });

  it('narrows by provider too when `provider` is set, in both handlers', () => {
    createNodeHandler({
      provider: 'textlink',
      on: {
        'message.received': (event, context) => {
          expectTypeOf(event).toEqualTypeOf<
            Extract<SmsEventOf<'textlink'>, { type: 'message.received' }>
          >();
          expectTypeOf(event.provider).toEqualTypeOf<'textlink'>();
          expectTypeOf(context).toEqualTypeOf<SmsWebhookEventContext<'textlink'>>();
        },
        'contact.tag_changed': (event) => {
          expectTypeOf(event).toEqualTypeOf<
            Extract<SmsEventOf<'textlink'>, { type: 'contact.tag_changed' }>
          >();
          expectTypeOf(event.tag).toEqualTypeOf<string | null>();
        },
      },
      onUnhandled: (event) => {
        expectTypeOf(event).toEqualTypeOf<SmsEventOf<'textlink'>>();
      },
      onEvent: (event) => {
        expectTypeOf(event).toEqualTypeOf<SmsEventOf<'textlink'>>();
      },
    });
    createFetchHandler({
      provider: 'textrequest',
      on: {
        'message.received': (event) => {
          expectTypeOf(event).toMatchTypeOf<SmsMessageReceivedEvent<'textrequest'>>();
          expectTypeOf(event.provider).toEqualTypeOf<'textrequest'>();
        },
      },
    });
  });

  it('does not compile a misspelt event type, or one the configured provider never sends', () => {
    createFetchHandler({
      on: {
        // @ts-expect-error a misspelt event type
        'message.recieved': () => {},
      },
    });
    createNodeHandler({
      provider: 'telmetrics',
      on: {
        // @ts-expect-error Telmetrics sends no messages, only conversation starts
        'message.received': () => {},
      },
    });
    createSmsEventRouter({
      on: {
        // @ts-expect-error not an event type
        'contact.deleted': () => {},
      },
    });
    createSmsEventRouter({
      // @ts-expect-error a handler of one type does not take another type's event
      on: { 'message.failed': (event: SmsContactTagChangedEvent) => event.tag },
    });
  });

  it('types the standalone router by its events and context', () => {
    const route = createSmsEventRouter({ onEvent: () => {} });
    expectTypeOf(route).toEqualTypeOf<SmsEventRouter<SmsEvent, unknown>>();
    expectTypeOf(route).parameter(0).toEqualTypeOf<SmsEvent>();
    void route({} as SmsEvent);
    const textlinkOnly = createSmsEventRouter<SmsEventOf<'textlink'>, { readonly attempt: number }>(
      {
        on: {
          'message.failed': (event, context) => {
            expectTypeOf(event.provider).toEqualTypeOf<'textlink'>();
            expectTypeOf(context.attempt).toEqualTypeOf<number>();
          },
          // @ts-expect-error Text Request's contact events are not TextLink's
          'contact.created': () => {},
        },
      },
    );
    expectTypeOf(textlinkOnly).returns.toEqualTypeOf<Promise<void>>();
    // @ts-expect-error the context is required when its type is
    void textlinkOnly({} as SmsEventOf<'textlink'>);
    // @ts-expect-error a Text Request event is not among its events
    void textlinkOnly({} as SmsEventOf<'textrequest'>, { attempt: 1 });
  });

  it('plugs a router into a handler as its onEvent', () => {
    const route = createSmsEventRouter({ on: { 'message.sent': () => {} } });
    createFetchHandler({ provider: 'textlink', onEvent: route });
  });
});

import { describe, expect, it } from 'vitest';
import callPreprocessed from '../../fixtures/telmetrics/call-preprocessed.json' with {
  type: 'json',
};
import conversationStart from '../../fixtures/telmetrics/sms-conversation-start.json' with {
  type: 'json',
};
import received from '../../fixtures/textlink/received.json' with { type: 'json' };
import { createFetchHandler } from '../adapters/fetch/index.js';
import type { SmsEvent } from '../events.js';
import { parseSmsWebhook } from '../parse.js';
import { createSmsEventRouter } from './create-event-router.js';

/** One Telmetrics delivery with two notifications: a conversation start, then a call. */
const twoNotifications = {
  ...conversationStart,
  Notifications: [...conversationStart.Notifications, ...callPreprocessed.Notifications],
};

function post(body: unknown): Request {
  return new Request('https://app.example.com/hooks/telmetrics', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
}

describe('createSmsEventRouter', () => {
  it('sends each event to the handler of its type, then to onEvent', async () => {
    const calls: string[] = [];
    const route = createSmsEventRouter({
      on: {
        'message.received': (event) => void calls.push(`on ${event.type} ${event.from}`),
      },
      onUnhandled: (event) => void calls.push(`unhandled ${event.type}`),
      onEvent: (event) => void calls.push(`any ${event.type}`),
    });
    for (const event of parseSmsWebhook(received, { provider: 'textlink', kind: 'received' })) {
      await route(event);
    }
    for (const event of parseSmsWebhook(twoNotifications)) await route(event);
    expect(calls).toEqual([
      'on message.received +381690156360',
      'any message.received',
      'unhandled conversation.started',
      'any conversation.started',
      'unhandled unknown',
      'any unknown',
    ]);
  });

  it('awaits each handler before the next and passes the context along', async () => {
    const calls: string[] = [];
    const route = createSmsEventRouter<SmsEvent, { readonly job: string }>({
      on: {
        'conversation.started': async (event, context) => {
          await new Promise((resolve) => setTimeout(resolve, 20));
          calls.push(`${context.job}: ${event.conversationId}`);
        },
      },
      onEvent: (_event, context) => void calls.push(`${context.job}: done`),
    });
    const [event] = parseSmsWebhook(conversationStart);
    await route(event as SmsEvent, { job: 'job-1' });
    expect(calls).toEqual(['job-1: 0acb020f-7b61-48dd-9905-3d2509fdbdc5', 'job-1: done']);
  });

  it('acknowledges an event nothing handles without calling anything', async () => {
    const calls: string[] = [];
    const route = createSmsEventRouter({
      on: { 'message.failed': (event) => void calls.push(event.type) },
    });
    for (const event of parseSmsWebhook(twoNotifications))
      await expect(route(event)).resolves.toBeUndefined();
    expect(calls).toEqual([]);
  });

  it('rejects with what the handler threw and skips onEvent for that event', async () => {
    const calls: string[] = [];
    const failure = new Error('database down');
    const route = createSmsEventRouter({
      on: {
        'conversation.started': () => {
          throw failure;
        },
      },
      onEvent: (event) => void calls.push(event.type),
    });
    const [event] = parseSmsWebhook(conversationStart);
    await expect(route(event as SmsEvent)).rejects.toBe(failure);
    expect(calls).toEqual([]);
  });

  it.each([
    [{}, /Nothing would receive the events/],
    [{ on: {} }, /Nothing would receive the events/],
    [{ on: { 'message.received': undefined } }, /Nothing would receive the events/],
    [{ on: { 'message.received': 'save' } }, /`on\['message.received'\]` must be a function/],
    [{ on: [() => {}] }, /`on` must be an object of functions/],
    [{ onUnhandled: true }, /`onUnhandled` must be a function/],
    [{ onEvent: 1 }, /`onEvent` must be a function/],
  ])('refuses routes that cannot work (%j) when created', (routes, message) => {
    expect(() => createSmsEventRouter(routes as never)).toThrow(new RegExp(message.source));
    expect(() => createSmsEventRouter(routes as never)).toThrow(TypeError);
  });
});

describe('on / onUnhandled / onEvent in the HTTP handlers', () => {
  it('routes every event of one delivery in payload order, then answers 200', async () => {
    const calls: string[] = [];
    const handler = createFetchHandler({
      provider: 'telmetrics',
      on: {
        'conversation.started': (event, context) =>
          void calls.push(`on ${event.type} ${event.attribution.source} ${context.provider}`),
      },
      onUnhandled: (event) => void calls.push(`unhandled ${event.type}`),
      onEvent: (event) => void calls.push(`any ${event.type}`),
    });
    const response = await handler(post(twoNotifications));
    expect(response.status).toBe(200);
    expect(calls).toEqual([
      'on conversation.started google telmetrics',
      'any conversation.started',
      'unhandled unknown',
      'any unknown',
    ]);
  });

  it('answers 200 for events without a route when there is no onUnhandled or onEvent', async () => {
    const calls: string[] = [];
    const handler = createFetchHandler({
      on: { 'message.received': (event) => void calls.push(event.type) },
    });
    const response = await handler(post(callPreprocessed));
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ ok: true });
    expect(calls).toEqual([]);
  });

  it('answers 500 and stops at the first route that throws, so the provider retries', async () => {
    const calls: string[] = [];
    const handler = createFetchHandler({
      on: {
        'conversation.started': () => {
          throw new Error('secret detail');
        },
      },
      onUnhandled: (event) => void calls.push(event.type),
      onEvent: (event) => void calls.push(`any ${event.type}`),
    });
    const response = await handler(post(twoNotifications));
    expect(response.status).toBe(500);
    expect(await response.text()).toBe('{"ok":false,"error":{"code":"internal_error"}}');
    expect(calls).toEqual([]);
  });

  it('refuses, when created, options with nothing to receive the events', () => {
    expect(() => createFetchHandler({ provider: 'textlink' } as never)).toThrow(
      /Nothing would receive the events: give `onEvent`, or `on:/,
    );
  });
});

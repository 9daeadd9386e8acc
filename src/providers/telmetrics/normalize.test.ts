import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import callPreprocessed from '../../../fixtures/telmetrics/call-preprocessed.json' with {
  type: 'json',
};
import conversationStart from '../../../fixtures/telmetrics/sms-conversation-start.json' with {
  type: 'json',
};
import conversationStartAttributed from '../../../fixtures/telmetrics/sms-conversation-start-attributed.json' with {
  type: 'json',
};
import { SmsWebhookError } from '../../errors/SmsWebhookError.js';
import { parseSmsWebhook } from '../../parse.js';
import type { SmsDriftReport } from '../../tolerance/drift.js';
import {
  normalizeTelmetricsWebhook,
  type TelmetricsEvent,
  type TelmetricsParsedWebhook,
} from './normalize.js';
import { type TelmetricsWebhook, TelmetricsWebhookSchema } from './schema.js';

function validated(input: unknown): TelmetricsWebhook {
  return v.parse(TelmetricsWebhookSchema, input);
}

/** The sample with its one notification changed by `change`. */
function withNotification(
  change: (notification: Record<string, unknown>) => void,
): TelmetricsWebhook {
  const delivery = structuredClone(conversationStart);
  change(delivery.Notifications[0] as Record<string, unknown>);
  return validated(delivery);
}

/** The sample with its attribution changed by `change`. */
function withAttribution(change: (details: Record<string, unknown>) => void): TelmetricsWebhook {
  return withNotification((notification) =>
    change(notification.AttributionDetails as Record<string, unknown>),
  );
}

function only<T>(events: readonly T[]): T {
  expect(events).toHaveLength(1);
  return events[0] as T;
}

describe('normalizeTelmetricsWebhook', () => {
  it('turns sms-conversation-start.json into one conversation.started event', () => {
    expect(normalizeTelmetricsWebhook(validated(conversationStart))).toEqual([
      {
        type: 'conversation.started',
        provider: 'telmetrics',
        idempotencyKey: 'telmetrics:0bdacf54acd6480086b9f9b6c1baa50b:0',
        occurredAt: '2019-09-19T17:16:24.147Z',
        rawExact: true,
        raw: conversationStart.Notifications[0],
        from: '+19055802958',
        to: '+12242455621',
        conversationId: '0acb020f-7b61-48dd-9905-3d2509fdbdc5',
        contact: {
          id: null,
          name: 'John Doe',
          phoneNumber: '+19055802958',
          tag: null,
          address: {
            street: '718 Marin Drive',
            city: 'Springfield',
            state: 'IL',
            postalCode: '62706',
          },
        },
        attribution: {
          source: 'google',
          medium: 'web',
          campaign: 'summersale',
          term: 'new cars',
          content: 'web1',
          rule: 'Google Paid',
          landingPage: null,
          referrer: null,
          session: null,
          sessionTag: {
            id: '71718183',
            data: 'ID09347882882',
            time: '2019-09-19T17:10:00.000Z',
          },
        },
      },
    ]);
  });

  it('turns sms-conversation-start-attributed.json into an event with landing page and referrer', () => {
    expect(normalizeTelmetricsWebhook(validated(conversationStartAttributed))).toEqual([
      {
        type: 'conversation.started',
        provider: 'telmetrics',
        idempotencyKey: 'telmetrics:0bdacf54acd6480086b9f9b6c1baa50b:0',
        occurredAt: '2019-09-19T17:16:24.147Z',
        rawExact: true,
        raw: conversationStartAttributed.Notifications[0],
        from: '+19055802958',
        to: '+12242455621',
        conversationId: '0acb020f-7b61-48dd-9905-3d2509fdbdc5',
        contact: {
          id: null,
          name: 'John Doe',
          phoneNumber: '+19055802958',
          tag: null,
          address: {
            street: '718 Marin Drive',
            city: 'Springfield',
            state: 'IL',
            postalCode: '62706',
          },
        },
        attribution: {
          source: 'google',
          medium: 'web',
          campaign: 'summersale',
          term: 'new cars',
          content: 'web1',
          rule: 'Google Paid',
          landingPage:
            'http://123company.net?gclid=123&utm_source=google&utm_campaign=summersale&utm_term=new%20car&utm_medium=web&utm_content=web1',
          referrer: 'https://google.com',
          session: null,
          sessionTag: {
            id: '71718183',
            data: 'ID09347882882',
            time: '2019-09-19T17:10:00.000Z',
          },
        },
      },
    ]);
  });

  it('turns call-preprocessed.json into an unknown event timed by Properties.UTC', () => {
    expect(normalizeTelmetricsWebhook(validated(callPreprocessed))).toEqual([
      {
        type: 'unknown',
        provider: 'telmetrics',
        idempotencyKey: 'telmetrics:5c2f9e07d1a84b6f9a3e0b7c4d2e1f80:0',
        // Properties.UTC, not StartTime/EndTime, which are local time 5 hours behind.
        occurredAt: '2019-09-19T21:42:10.503Z',
        rawExact: true,
        raw: callPreprocessed.Notifications[0],
        action: 'CallDetails.CallPreprocessed',
      },
    ]);
  });

  it('keeps unknown fields of the notification in raw', () => {
    const event = only(
      normalizeTelmetricsWebhook(
        withNotification((notification) => {
          notification.TexterCountry = 'US';
        }),
      ),
    );
    expect(event.raw).toMatchObject({ TexterCountry: 'US', TexterName: 'John Doe' });
  });

  it('gives a redelivery (same Id, higher Attempt) the same idempotency keys', () => {
    const redelivery = { ...structuredClone(conversationStart), Attempt: 3 };
    const first = normalizeTelmetricsWebhook(validated(conversationStart));
    const again = normalizeTelmetricsWebhook(validated(redelivery));
    expect(again.map((event) => event.idempotencyKey)).toEqual(
      first.map((event) => event.idempotencyKey),
    );
  });

  it('gives different deliveries and different notifications different idempotency keys', () => {
    const other = { ...structuredClone(conversationStart), Id: '9f3b2c1d0e8a47b6a5c4d3e2f1a0b9c8' };
    const both = structuredClone(conversationStart);
    both.Notifications.push(...structuredClone(both.Notifications));
    const keys = [
      ...normalizeTelmetricsWebhook(validated(conversationStart)),
      ...normalizeTelmetricsWebhook(validated(other)),
      ...normalizeTelmetricsWebhook(validated(both)).slice(1),
    ].map((event) => event.idempotencyKey);
    expect(keys).toEqual([
      'telmetrics:0bdacf54acd6480086b9f9b6c1baa50b:0',
      'telmetrics:9f3b2c1d0e8a47b6a5c4d3e2f1a0b9c8:0',
      'telmetrics:0bdacf54acd6480086b9f9b6c1baa50b:1',
    ]);
  });

  it('returns one event per notification, in order, mixing modelled and unknown actions', () => {
    const delivery = structuredClone(conversationStart) as {
      Notifications: Record<string, unknown>[];
    };
    delivery.Notifications.unshift({
      Action: 'SalesRescueNew.NewRescueCall',
      CallStart: '4/30/2021 1:31:38 PM',
    });
    delivery.Notifications.push({
      Action: 'SmsDetails.SmsMessage',
      MessageDate: '2019-09-19T17:18:02',
    });
    const events = normalizeTelmetricsWebhook(validated(delivery));
    expect(events.map((event) => [event.type, event.idempotencyKey, event.occurredAt])).toEqual([
      // No readable time of its own (US-locale text), so the delivery's Properties.UTC.
      ['unknown', 'telmetrics:0bdacf54acd6480086b9f9b6c1baa50b:0', '2019-09-19T17:16:01.765Z'],
      [
        'conversation.started',
        'telmetrics:0bdacf54acd6480086b9f9b6c1baa50b:1',
        '2019-09-19T17:16:24.147Z',
      ],
      // A later SMS action keeps its own MessageDate.
      ['unknown', 'telmetrics:0bdacf54acd6480086b9f9b6c1baa50b:2', '2019-09-19T17:18:02.000Z'],
    ]);
    expect(events[0]).toMatchObject({ action: 'SalesRescueNew.NewRescueCall' });
    expect(events[2]).toMatchObject({ action: 'SmsDetails.SmsMessage' });
  });

  it('returns no events for a delivery without notifications', () => {
    expect(
      normalizeTelmetricsWebhook(
        validated({ ...structuredClone(conversationStart), Notifications: [] }),
      ),
    ).toEqual([]);
  });

  it('falls back to Properties.UTC when MessageDate cannot be read', () => {
    const event = only(
      normalizeTelmetricsWebhook(
        withNotification((notification) => {
          notification.MessageDate = '9/19/2019 5:16:24 PM';
        }),
      ),
    );
    expect(event.occurredAt).toBe('2019-09-19T17:16:01.765Z');
  });

  it('gives null occurredAt when neither time can be read', () => {
    const delivery = structuredClone(callPreprocessed);
    delivery.Properties.UTC = '';
    expect(only(normalizeTelmetricsWebhook(validated(delivery))).occurredAt).toBeNull();
  });

  it('reads a MessageDate with an offset at that offset', () => {
    const event = only(
      normalizeTelmetricsWebhook(
        withNotification((notification) => {
          notification.MessageDate = '2019-09-19T13:16:24.1479-04:00';
        }),
      ),
    );
    expect(event.occurredAt).toBe('2019-09-19T17:16:24.147Z');
  });

  it('gives a null address when no address field is available, keeping a known name', () => {
    const event = only(
      normalizeTelmetricsWebhook(
        withNotification((notification) => {
          delete notification.TexterAddress;
          notification.TexterCity = null;
          notification.TexterState = '';
          delete notification.TexterZip;
        }),
      ),
    );
    expect(event).toMatchObject({
      contact: {
        id: null,
        name: 'John Doe',
        phoneNumber: '+19055802958',
        tag: null,
        address: null,
      },
    });
  });

  it('keeps the parts of a partial address and nulls the others', () => {
    const event = only(
      normalizeTelmetricsWebhook(
        withNotification((notification) => {
          notification.TexterName = null;
          notification.TexterAddress = '';
          notification.TexterCity = null;
        }),
      ),
    );
    expect(event).toMatchObject({
      contact: {
        name: null,
        address: { street: null, city: null, state: 'IL', postalCode: '62706' },
      },
    });
  });

  it('keeps a vanity tracking number as sent', () => {
    const event = only(
      normalizeTelmetricsWebhook(
        withNotification((notification) => {
          notification.TextedNumber = '905219CARS';
        }),
      ),
    );
    expect(event).toMatchObject({ from: '+19055802958', to: '905219CARS' });
  });

  it('percent-decodes every utm value and keeps a malformed escape as sent', () => {
    const event = only(
      normalizeTelmetricsWebhook(
        withAttribution((details) => {
          details.utm_source = 'bing%2Eads';
          details.utm_medium = 'cpc';
          details.utm_campaign = 'spring%20sale%202019';
          details.utm_term = '100%';
          details.utm_content = 'ad%C3%A9';
        }),
      ),
    );
    expect(event).toMatchObject({
      attribution: {
        source: 'bing.ads',
        medium: 'cpc',
        campaign: 'spring sale 2019',
        term: '100%',
        content: 'adé',
      },
    });
  });

  it('gives null for empty utm values, rule and URLs', () => {
    const event = only(
      normalizeTelmetricsWebhook(
        withAttribution((details) => {
          for (const key of [
            'utm_source',
            'utm_medium',
            'utm_campaign',
            'utm_term',
            'utm_content',
          ]) {
            details[key] = '';
          }
          details.RuleDescription = '';
        }),
      ),
    );
    expect(event).toMatchObject({
      attribution: {
        source: null,
        medium: null,
        campaign: null,
        term: null,
        content: null,
        rule: null,
        landingPage: null,
        referrer: null,
      },
    });
  });

  it('gives the session id as a string and a null session tag when none was sent', () => {
    const numeric = only(
      normalizeTelmetricsWebhook(
        withAttribution((details) => {
          details.SessionId = 815542;
          details.session_tag = null;
        }),
      ),
    );
    const text = only(
      normalizeTelmetricsWebhook(
        withAttribution((details) => {
          details.SessionId = 'c0ffee';
        }),
      ),
    );
    expect(numeric).toMatchObject({ attribution: { session: '815542', sessionTag: null } });
    expect(text).toMatchObject({ attribution: { session: 'c0ffee' } });
  });
});

describe('normalizeTelmetricsWebhook on its own', () => {
  const unsafe = 2 ** 53 + 1;
  const unsafeIds = () =>
    withAttribution((details) => {
      details.SessionId = unsafe;
      (details.session_tag as Record<string, unknown>).tag_id = unsafe;
    });

  it('reports each attribution id that is not a safe integer by its path, and nulls it', () => {
    const drift: SmsDriftReport[] = [];
    const event = only(normalizeTelmetricsWebhook(unsafeIds(), { onDrift: (r) => drift.push(r) }));
    expect(event).toMatchObject({
      attribution: {
        session: null,
        sessionTag: { id: null, data: 'ID09347882882', time: '2019-09-19T17:10:00.000Z' },
      },
    });
    expect(drift).toEqual(
      ['SessionId', 'session_tag.tag_id'].map((field) => ({
        provider: 'telmetrics',
        path: `Notifications[0].AttributionDetails.${field}`,
        kind: 'unexpected_type',
        expected: 'number: safe integer',
        received: 'number',
      })),
    );
  });

  it('refuses such ids under strict with an error that names the provider and the fields', () => {
    let thrown: unknown;
    try {
      normalizeTelmetricsWebhook(unsafeIds(), { strict: true });
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(SmsWebhookError);
    expect(thrown).toMatchObject({
      code: 'invalid_payload',
      provider: 'telmetrics',
      message:
        'Invalid telmetrics payload: Notifications[0].AttributionDetails.SessionId: unexpected type: expected number: safe integer, received number (and 1 more)',
      issues: [
        { path: 'Notifications[0].AttributionDetails.SessionId' },
        { path: 'Notifications[0].AttributionDetails.session_tag.tag_id' },
      ],
    });
  });

  // The parsed type lets every descriptive value be null, and a JavaScript caller's array may
  // have holes: such entries are no notification, and the others keep their own index in the key.
  it('gives no event for Notifications: null, nor for null or missing entries', () => {
    const delivery = validated(conversationStart);
    const withoutList: TelmetricsParsedWebhook = { ...delivery, Notifications: null };
    expect(normalizeTelmetricsWebhook(withoutList)).toEqual([]);
    const [notification = null] = delivery.Notifications;
    const entries: TelmetricsParsedWebhook['Notifications'] = [null, notification];
    const holed: (typeof notification)[] = [notification, notification, notification];
    delete holed[1];
    const keys = [
      ...normalizeTelmetricsWebhook({ ...delivery, Notifications: entries }),
      ...normalizeTelmetricsWebhook({ ...delivery, Notifications: holed }),
    ].map((event) => [event.type, event.idempotencyKey]);
    expect(keys).toEqual([
      ['conversation.started', 'telmetrics:0bdacf54acd6480086b9f9b6c1baa50b:1'],
      ['conversation.started', 'telmetrics:0bdacf54acd6480086b9f9b6c1baa50b:0'],
      ['conversation.started', 'telmetrics:0bdacf54acd6480086b9f9b6c1baa50b:2'],
    ]);
  });

  it.each([
    ['TexterAddress', 'street', '718 Marin Drive'],
    ['TexterCity', 'city', 'Springfield'],
    ['TexterState', 'state', 'IL'],
    ['TexterZip', 'postalCode', '62706'],
  ] as const)('keeps an address of which only %s is known', (field, part, value) => {
    const event = only(
      normalizeTelmetricsWebhook(
        withNotification((notification) => {
          for (const other of ['TexterAddress', 'TexterCity', 'TexterState', 'TexterZip']) {
            if (other !== field) notification[other] = '';
          }
        }),
      ),
    );
    expect(event).toMatchObject({
      contact: {
        address: { street: null, city: null, state: null, postalCode: null, [part]: value },
      },
    });
  });
});

describe('Telmetrics notifications this version does not model', () => {
  const withFirst = (first: Record<string, unknown>) => {
    const delivery = structuredClone(conversationStart) as { Notifications: unknown[] };
    delivery.Notifications.unshift(first);
    return delivery;
  };

  function parsed(body: unknown) {
    const drift: SmsDriftReport[] = [];
    // With `provider: 'telmetrics'` every event is Telmetrics' (a registry with more providers
    // widens the declared type, not the answer).
    const events = parseSmsWebhook(body, {
      provider: 'telmetrics',
      onDrift: (report) => drift.push(report),
    }) as TelmetricsEvent[];
    return { events, drift };
  }

  it('reports an unknown SMS action with the actions it knows', () => {
    const { events, drift } = parsed(withFirst({ Action: 'SmsDetails.SmsConversationEnd' }));
    expect(events.map((event) => event.type)).toEqual(['unknown', 'conversation.started']);
    expect(drift).toEqual([
      {
        provider: 'telmetrics',
        path: 'Notifications[0].Action',
        kind: 'unknown_event',
        expected: '("SmsDetails.SmsConversationStart" | "CallDetails.*" | "SalesRescueNew.*")',
        received: 'string',
      },
    ]);
  });

  it('keeps an unknown notification exact when only another notification drifted', () => {
    const delivery = withFirst({ Action: 'CallDetails.CallPreprocessed', CallId: 7 });
    const start = delivery.Notifications[1] as Record<string, unknown>;
    start.AttributionDetails = null;
    const { events, drift } = parsed(delivery);
    expect(drift.map((report) => report.path)).toEqual(['Notifications[1].AttributionDetails']);
    expect(events.map((event) => [event.type, event.rawExact])).toEqual([
      ['unknown', true],
      ['conversation.started', false],
    ]);
    expect(events[0]).toMatchObject({
      action: 'CallDetails.CallPreprocessed',
      raw: { Action: 'CallDetails.CallPreprocessed', CallId: 7 },
    });
  });

  // The documents give MessageDate as text; a number in an action not modelled could be in any
  // unit, so the delivery's own time is used instead of a guess.
  it('times an unknown notification by Properties.UTC when its MessageDate is not text', () => {
    const { events } = parsed(
      withFirst({ Action: 'CallDetails.CallPreprocessed', MessageDate: 1568913384147 }),
    );
    expect(events.map((event) => event.occurredAt)).toEqual([
      '2019-09-19T17:16:01.765Z',
      '2019-09-19T17:16:24.147Z',
    ]);
  });
});

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
import { toSmsWebhookIssues } from '../../issues.js';
import {
  TelmetricsCallDetailsSchema,
  TelmetricsNotificationSchema,
  TelmetricsSmsConversationStartSchema,
  TelmetricsWebhookSchema,
} from './schema.js';

const fixtures = {
  'sms-conversation-start.json': conversationStart,
  'sms-conversation-start-attributed.json': conversationStartAttributed,
  'call-preprocessed.json': callPreprocessed,
};

function first<T>(items: readonly T[]): T {
  const [item] = items;
  if (item === undefined) throw new Error('the fixture has a notification');
  return item;
}

/** A deep copy of the conversation start sample, to change one field per test. */
function sample(): {
  Id: unknown;
  Attempt: unknown;
  Properties: Record<string, unknown>;
  Notifications: Record<string, unknown>[];
  [key: string]: unknown;
} {
  return structuredClone(conversationStart);
}

function firstNotification(delivery: ReturnType<typeof sample>): Record<string, unknown> {
  return first(delivery.Notifications);
}

function issuesOf(input: unknown): { path: string; message: string }[] {
  const result = v.safeParse(TelmetricsWebhookSchema, input);
  return result.success ? [] : toSmsWebhookIssues(result.issues);
}

describe('TelmetricsWebhookSchema', () => {
  it.each(Object.entries(fixtures))('accepts %s unchanged', (_name, fixture) => {
    expect(v.parse(TelmetricsWebhookSchema, fixture)).toEqual(fixture);
  });

  it.each(Object.entries(fixtures))(
    'works as a Standard Schema validator on %s',
    (_name, fixture) => {
      const result = TelmetricsWebhookSchema['~standard'].validate(fixture);
      expect(result).toMatchObject({ value: fixture });
      expect(result).not.toHaveProperty('issues');
    },
  );

  it('reports a bad conversation start through Standard Schema with its path', () => {
    const delivery = sample();
    firstNotification(delivery).TexterNumber = 9055802958;
    const result = TelmetricsWebhookSchema['~standard'].validate(delivery);
    expect(result).toHaveProperty('issues');
    const issues = 'issues' in result ? (result.issues ?? []) : [];
    expect(
      issues.map((issue) =>
        issue.path?.map((item) => (typeof item === 'object' ? item.key : item)),
      ),
    ).toEqual([['Notifications', 0, 'TexterNumber']]);
  });

  it('rejects a conversation start with a wrongly typed field, naming the field', () => {
    const delivery = sample();
    firstNotification(delivery).TexterNumber = 9055802958;
    expect(issuesOf(delivery)).toEqual([
      { path: 'Notifications[0].TexterNumber', message: 'expected string, received number' },
    ]);
  });

  it('rejects a conversation start without a documented field', () => {
    const delivery = sample();
    delete firstNotification(delivery).TextedNumber;
    expect(issuesOf(delivery)).toEqual([
      { path: 'Notifications[0].TextedNumber', message: 'required field is missing' },
    ]);
  });

  it('names nested attribution fields in the path', () => {
    const delivery = sample();
    const details = firstNotification(delivery).AttributionDetails as Record<string, unknown>;
    (details.session_tag as Record<string, unknown>).tag_id = '71718183';
    details.MultisessionFlag = 'false';
    expect(issuesOf(delivery)).toEqual([
      {
        path: 'Notifications[0].AttributionDetails.session_tag.tag_id',
        message: 'expected number, received string',
      },
      {
        path: 'Notifications[0].AttributionDetails.MultisessionFlag',
        message: 'expected boolean, received string',
      },
    ]);
  });

  it('names the index of a bad notification after a good one', () => {
    const delivery = sample();
    const second = structuredClone(firstNotification(delivery));
    second.MessageDate = null;
    delivery.Notifications.push(second);
    expect(issuesOf(delivery)).toEqual([
      { path: 'Notifications[1].MessageDate', message: 'expected string, received null' },
    ]);
  });

  it('rejects envelope fields of the wrong type', () => {
    const delivery = sample();
    delivery.Id = 12;
    delivery.Attempt = '1';
    delivery.Properties.Organization = 4062;
    delivery.Properties.Scenario = true;
    expect(issuesOf(delivery)).toEqual([
      { path: 'Id', message: 'expected string, received number' },
      { path: 'Attempt', message: 'expected number, received string' },
      { path: 'Properties.Organization', message: 'expected string, received number' },
      { path: 'Properties.Scenario', message: 'expected string, received boolean' },
    ]);
  });

  it('rejects an empty Id, which could not tell deliveries apart', () => {
    const delivery = sample();
    delivery.Id = '';
    expect(issuesOf(delivery)).toEqual([{ path: 'Id', message: 'expected a non-empty value' }]);
  });

  it('rejects a body without a Notifications array', () => {
    const delivery = sample();
    (delivery as Record<string, unknown>).Notifications = {};
    expect(issuesOf(delivery)).toEqual([
      { path: 'Notifications', message: 'expected Array, received object' },
    ]);
  });

  it('rejects notifications that are not objects or have no string Action', () => {
    const delivery = sample();
    (delivery.Notifications as unknown[]).push(
      'SmsDetails.SmsConversationStart',
      { Action: 7 },
      {},
    );
    expect(issuesOf(delivery)).toEqual([
      { path: 'Notifications[1]', message: 'expected Object, received string' },
      {
        path: 'Notifications[2].Action',
        message: 'expected ("SmsDetails.SmsConversationStart" | string), received number',
      },
      {
        path: 'Notifications[3].Action',
        message: 'required field is missing',
      },
    ]);
  });

  it('accepts notifications of actions it does not model, whatever else they carry', () => {
    const delivery = {
      Id: 'a4b6f0e2c8d94e1f8b7a6c5d4e3f2a1b',
      Attempt: 2,
      Properties: {
        CollectionType: 'SalesRescue',
        UTC: '2021-04-30T17:31:40.2',
        Organization: 'test:6f1d2c3b-4a5e-4f60-8172-93a4b5c6d7e8',
        RequestId: '0c9b8a7d-6e5f-4a3b-2c1d-0e9f8a7b6c5d',
        Scenario: 'TEST',
      },
      Notifications: [
        { Action: 'SalesRescueNew.NewRescueCall', CallStart: '4/30/2021 1:31:38 PM' },
        { Action: 'SmsDetails.SmsConversationEnd', TexterNumber: 9055802958 },
        { Action: 'CallDetails.CallStart' },
      ],
    };
    expect(v.parse(TelmetricsWebhookSchema, delivery)).toEqual(delivery);
  });

  it('keeps unknown fields of the envelope and of each notification', () => {
    const delivery = sample();
    delivery.Channel = 'sms';
    delivery.Properties.Region = 'US';
    firstNotification(delivery).TexterCountry = 'US';
    (firstNotification(delivery).AttributionDetails as Record<string, unknown>).gclid = '123';
    const output = v.parse(TelmetricsWebhookSchema, delivery);
    expect(output).toMatchObject({
      Channel: 'sms',
      Properties: { Region: 'US' },
      Notifications: [{ TexterCountry: 'US', AttributionDetails: { gclid: '123' } }],
    });
  });
});

describe('TelmetricsSmsConversationStartSchema', () => {
  const notification = first(conversationStart.Notifications);

  it('accepts the documented notification', () => {
    expect(v.parse(TelmetricsSmsConversationStartSchema, notification)).toEqual(notification);
  });

  it('accepts name/address fields that are null or absent ("when available")', () => {
    const { TexterName, TexterAddress, ...withoutNameAndStreet } = structuredClone(notification);
    const input = { ...withoutNameAndStreet, TexterCity: null, TexterState: null, TexterZip: null };
    expect(v.safeParse(TelmetricsSmsConversationStartSchema, input).success).toBe(true);
    expect([TexterName, TexterAddress]).toEqual(['John Doe', '718 Marin Drive']);
  });

  it('accepts a null session tag and a string or numeric session id', () => {
    for (const SessionId of ['a1b2c3', 815542, null]) {
      const input = structuredClone(notification);
      Object.assign(input.AttributionDetails, { session_tag: null, SessionId });
      expect(v.safeParse(TelmetricsSmsConversationStartSchema, input).success).toBe(true);
    }
  });

  it('rejects a name that is neither a string nor null', () => {
    const input = { ...structuredClone(notification), TexterName: 42 };
    const result = v.safeParse(TelmetricsSmsConversationStartSchema, input);
    expect(result.success ? [] : toSmsWebhookIssues(result.issues)).toEqual([
      { path: 'TexterName', message: 'expected string, received number' },
    ]);
  });

  it('rejects another action', () => {
    const input = { ...structuredClone(notification), Action: 'SmsDetails.SmsConversationEnd' };
    const result = v.safeParse(TelmetricsSmsConversationStartSchema, input);
    expect(result.success ? [] : toSmsWebhookIssues(result.issues)).toEqual([
      { path: 'Action', message: 'expected "SmsDetails.SmsConversationStart", received string' },
    ]);
  });
});

describe('TelmetricsNotificationSchema', () => {
  it('accepts every notification of every fixture', () => {
    for (const fixture of Object.values(fixtures)) {
      for (const notification of fixture.Notifications) {
        expect(v.parse(TelmetricsNotificationSchema, notification)).toEqual(notification);
      }
    }
  });
});

describe('TelmetricsCallDetailsSchema', () => {
  const notification = first(callPreprocessed.Notifications);

  it('accepts the call notification of call-preprocessed.json', () => {
    const output = v.parse(TelmetricsCallDetailsSchema, notification);
    expect(output).toEqual(notification);
    expect(output.TelmetricsId).toBeGreaterThan(2 ** 32);
  });

  it('works as a Standard Schema validator', () => {
    const result = TelmetricsCallDetailsSchema['~standard'].validate(notification);
    expect(result).toMatchObject({ value: notification });
    expect(result).not.toHaveProperty('issues');
  });

  it('rejects an SMS notification and a call id sent as a string', () => {
    const input = {
      ...structuredClone(notification),
      Action: 'SmsDetails.SmsConversationStart',
      TelmetricsId: '5068421937',
    };
    const result = v.safeParse(TelmetricsCallDetailsSchema, input);
    expect(result.success ? [] : toSmsWebhookIssues(result.issues)).toEqual([
      { path: 'Action', message: 'invalid starts with (expected "CallDetails.")' },
      { path: 'TelmetricsId', message: 'expected number, received string' },
    ]);
  });
});

import { describe, expect, test } from 'vitest';
import { fixtureEventTypes, readFixtures } from '../../test/support/fixtures.js';
import { parseSmsWebhook } from '../parse.js';
import { fixtureList, fixtures } from './fixtures.js';

describe('fixtureList', () => {
  test('holds every JSON file of fixtures/, with the same content', () => {
    const onDisk = readFixtures();
    const names = fixtureList.map((fixture) => fixture.name);
    expect(names).toEqual([...names].sort());
    expect(names).toEqual(onDisk.map((file) => file.name).sort());
    for (const file of onDisk) {
      const fixture = fixtureList.find((entry) => entry.name === file.name);
      expect(fixture?.provider).toBe(file.provider);
      expect(fixture?.payload).toEqual(file.json);
    }
  });

  test.each(fixtureList.map((fixture) => [fixture.name, fixture] as const))(
    '%s parses to the event its name promises',
    (name, fixture) => {
      const events = parseSmsWebhook(fixture.payload, fixture);
      expect(events.map((event) => event.type)).toEqual([fixtureEventTypes[name]]);
      expect(events[0]?.provider).toBe(fixture.provider);
    },
  );

  test('gives TextLink fixtures the kind that parses them, and no other provider a kind', () => {
    for (const fixture of fixtureList) {
      if (fixture.provider === 'textlink') {
        const [event] = parseSmsWebhook(fixture.payload, fixture);
        expect(event?.type).toBe(fixtureEventTypes[fixture.name]);
      } else {
        expect(Object.hasOwn(fixture, 'kind')).toBe(false);
      }
    }
  });

  test('hands out a new copy of the payload on every read', () => {
    const first = fixtureList.find((fixture) => fixture.name === 'telmetrics/call-preprocessed');
    if (first?.provider !== 'telmetrics') throw new Error('fixture missing');
    first.payload.Id = 'changed';
    expect(first.payload.Id).toBe('5c2f9e07d1a84b6f9a3e0b7c4d2e1f80');
    expect(() => {
      (first as { name: string }).name = 'renamed';
    }).toThrow(TypeError);
  });
});

describe('fixtures', () => {
  test('reaches every fixture by provider and camel-cased name', () => {
    const byPath: Record<string, unknown> = {
      'telmetrics/sms-conversation-start': fixtures.telmetrics.smsConversationStart,
      'telmetrics/sms-conversation-start-attributed':
        fixtures.telmetrics.smsConversationStartAttributed,
      'telmetrics/call-preprocessed': fixtures.telmetrics.callPreprocessed,
      'textlink/received': fixtures.textlink.received,
      'textlink/sent': fixtures.textlink.sent,
      'textlink/failed': fixtures.textlink.failed,
      'textlink/tag-changed': fixtures.textlink.tagChanged,
      'textlink/how-it-works': fixtures.textlink.howItWorks,
      'textrequest/message-sent': fixtures.textrequest.messageSent,
      'textrequest/message-received': fixtures.textrequest.messageReceived,
      'textrequest/message-received-extended': fixtures.textrequest.messageReceivedExtended,
      'textrequest/contact-created': fixtures.textrequest.contactCreated,
      'textrequest/contact-updated': fixtures.textrequest.contactUpdated,
      'textrequest/message-status': fixtures.textrequest.messageStatus,
      'textrequest/message-status-error': fixtures.textrequest.messageStatusError,
      'textrequest/location-received': fixtures.textrequest.locationReceived,
      'textrequest/payment-status-updated': fixtures.textrequest.paymentStatusUpdated,
    };
    expect(Object.keys(byPath).sort()).toEqual(fixtureList.map((fixture) => fixture.name));
    for (const fixture of fixtureList) expect(byPath[fixture.name]).toEqual(fixture.payload);
  });

  test('a change to one read does not reach the next', () => {
    const body = fixtures.textlink.received;
    body.text = 'STOP';
    fixtures.telmetrics.smsConversationStart.Notifications[0].TexterNumber = '0000000000';
    expect(fixtures.textlink.received.text).toBe('General Kenobi');
    expect(fixtures.telmetrics.smsConversationStart.Notifications[0].TexterNumber).toBe(
      '9055802958',
    );
  });

  test('cannot be replaced', () => {
    expect(() => {
      (fixtures.textlink as { received: unknown }).received = {};
    }).toThrow(TypeError);
    expect(() => {
      (fixtures as { textlink: unknown }).textlink = {};
    }).toThrow(TypeError);
    expect(fixtures.textlink.received.phone_number).toBe('+381690156360');
  });
});

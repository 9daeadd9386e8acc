import { describe, expectTypeOf, test } from 'vitest';
import type {
  TelmetricsSmsConversationStart,
  TelmetricsWebhook,
} from '../providers/telmetrics/schema.js';
import type {
  TextLinkFailedMessage,
  TextLinkReceivedMessage,
  TextLinkTagChange,
} from '../providers/textlink/schema.js';
import type {
  TextRequestContactCreated,
  TextRequestMessage,
} from '../providers/textrequest/schema.js';
import {
  createTelmetricsPayload,
  createTelmetricsRequest,
  createTextLinkPayload,
  createTextLinkRequest,
  createTextRequestPayload,
  createTextRequestRequest,
  createWebhookRequest,
  fixtureList,
  fixtures,
} from './index.js';

describe('fixtures', () => {
  test('are typed with the wire types of their provider', () => {
    expectTypeOf(fixtures.textlink.received).toEqualTypeOf<TextLinkReceivedMessage>();
    expectTypeOf(fixtures.textlink.tagChanged).toEqualTypeOf<TextLinkTagChange>();
    expectTypeOf(fixtures.textrequest.contactCreated).toEqualTypeOf<TextRequestContactCreated>();
    expectTypeOf(fixtures.telmetrics.callPreprocessed).toEqualTypeOf<TelmetricsWebhook>();
    expectTypeOf(
      fixtures.telmetrics.smsConversationStart.Notifications[0],
    ).toEqualTypeOf<TelmetricsSmsConversationStart>();
    // @ts-expect-error there is no such fixture
    void fixtures.textlink.receivd;
  });

  test('the flat list narrows the payload by provider', () => {
    const [fixture] = fixtureList;
    if (fixture?.provider === 'textlink') {
      expectTypeOf(fixture.kind).toEqualTypeOf<'received' | 'sent' | 'failed' | 'tag_changed'>();
    }
    if (fixture?.provider === 'textrequest') {
      // @ts-expect-error only TextLink fixtures carry a kind
      void fixture.kind;
    }
  });
});

describe('createTextLinkPayload', () => {
  test('returns the payload type of the kind', () => {
    expectTypeOf(createTextLinkPayload('received')).toEqualTypeOf<TextLinkReceivedMessage>();
    expectTypeOf(createTextLinkPayload('failed')).toEqualTypeOf<TextLinkFailedMessage>();
  });

  test('accepts overrides of the kind’s fields only, with their types', () => {
    createTextLinkPayload('received', { text: 'STOP', timestamp: '1748463114559' });
    createTextLinkPayload('failed', { custom_id: 42, textlink_id: undefined });
    // @ts-expect-error text is a string
    createTextLinkPayload('received', { text: 5 });
    // @ts-expect-error a misspelt field does not compile
    createTextLinkPayload('received', { phone_numbr: '+381690156360' });
    // @ts-expect-error textlink_id belongs to failed messages
    createTextLinkPayload('sent', { textlink_id: 1 });
    // @ts-expect-error phone_number is required, so it cannot be removed
    createTextLinkPayload('sent', { phone_number: undefined });
    // @ts-expect-error no such kind
    createTextLinkPayload('delivered');
  });
});

describe('createTextRequestPayload', () => {
  test('returns the payload type of the kind', () => {
    expectTypeOf(createTextRequestPayload('message_received')).toEqualTypeOf<TextRequestMessage>();
    expectTypeOf(
      createTextRequestPayload('contact_created'),
    ).toEqualTypeOf<TextRequestContactCreated>();
  });

  test('takes partial nested objects, typed field by field', () => {
    createTextRequestPayload('message_received', { conversation: { message: 'STOP' } });
    createTextRequestPayload('message_sent', {
      account: { externalAccountId: 'crm-1' },
      conversation: { mmsAttachments: [{ url: 'https://example.com/a.jpg', mimeType: null }] },
    });
    // @ts-expect-error messageDirection is 'S' or 'R'
    createTextRequestPayload('message_received', { conversation: { messageDirection: 'X' } });
    // @ts-expect-error conversation.id is a number
    createTextRequestPayload('message_received', { conversation: { id: '42045' } });
    // @ts-expect-error a misspelt nested field does not compile
    createTextRequestPayload('message_received', { conversation: { mesage: 'Hi' } });
    // @ts-expect-error contact fields do not belong to messages
    createTextRequestPayload('message_received', { ContactId: 1 });
    // @ts-expect-error ContactId is a number
    createTextRequestPayload('contact_created', { ContactId: '3998552' });
  });
});

describe('createTelmetricsPayload', () => {
  test('returns a delivery whose first notification is a conversation start', () => {
    const payload = createTelmetricsPayload('sms_conversation_start');
    expectTypeOf(payload.Notifications[0]).toEqualTypeOf<TelmetricsSmsConversationStart>();
    expectTypeOf(payload).toMatchTypeOf<TelmetricsWebhook>();
  });

  test('takes notification and envelope overrides apart, typed', () => {
    createTelmetricsPayload('sms_conversation_start', {
      notification: { TexterNumber: '4165550123', AttributionDetails: { utm_campaign: 'spring' } },
      envelope: { Attempt: 2, Properties: { Scenario: 'TEST' } },
    });
    // @ts-expect-error TelmetricsStudyID is a number
    createTelmetricsPayload('sms_conversation_start', { notification: { TelmetricsStudyID: '1' } });
    createTelmetricsPayload('sms_conversation_start', {
      // @ts-expect-error a nested field keeps its type
      notification: { AttributionDetails: { MultisessionFlag: 'no' } },
    });
    // @ts-expect-error notifications are overridden through `notification`
    createTelmetricsPayload('sms_conversation_start', { envelope: { Notifications: [] } });
    // @ts-expect-error notification fields do not go on the envelope
    createTelmetricsPayload('sms_conversation_start', { envelope: { TexterNumber: '4165550123' } });
    // @ts-expect-error no such kind
    createTelmetricsPayload('call_processed');
  });
});

describe('request builders', () => {
  test('resolve to a Web Request and check their options', () => {
    expectTypeOf(
      createTextRequestRequest({ payload: fixtures.textrequest.messageSent, apiKey: 'k' }),
    ).toEqualTypeOf<Promise<Request>>();
    // @ts-expect-error the API key is required to sign
    void createTextRequestRequest({ payload: fixtures.textrequest.messageSent });
    // @ts-expect-error a Telmetrics envelope is not a Text Request payload
    void createTextRequestRequest({ payload: fixtures.telmetrics.callPreprocessed, apiKey: 'k' });
    // @ts-expect-error only the two Telmetrics schemes exist
    void createTelmetricsRequest({ payload: '{}', secret: 's', scheme: 'basic' });
    void createTextLinkRequest({ payload: fixtures.textlink.received, secret: 's' });
  });

  test('createWebhookRequest takes the options of the provider it is given', () => {
    void createWebhookRequest('textrequest', {
      payload: fixtures.textrequest.messageSent,
      secret: 'k',
    });
    void createWebhookRequest('telmetrics', {
      payload: fixtures.telmetrics.smsConversationStart,
      scheme: 'url-token',
      secret: 's',
    });
    // @ts-expect-error Text Request requests are always signed
    void createWebhookRequest('textrequest', { payload: fixtures.textrequest.messageSent });
    // @ts-expect-error scheme is a Telmetrics option
    void createWebhookRequest('textlink', { payload: fixtures.textlink.sent, scheme: 'url-token' });
    // @ts-expect-error no such provider
    void createWebhookRequest('twilio', { payload: '{}' });
  });
});

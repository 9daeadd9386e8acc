import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import contactCreated from '../../../fixtures/textrequest/contact-created.json' with {
  type: 'json',
};
import messageReceived from '../../../fixtures/textrequest/message-received.json' with {
  type: 'json',
};
import messageReceivedExtended from '../../../fixtures/textrequest/message-received-extended.json' with {
  type: 'json',
};
import messageSent from '../../../fixtures/textrequest/message-sent.json' with { type: 'json' };
import {
  normalizeTextRequestContactCreated,
  normalizeTextRequestMessage,
  normalizeTextRequestWebhook,
} from './normalize.js';
import {
  TextRequestContactCreatedSchema,
  type TextRequestMessage,
  TextRequestMessageSchema,
} from './schema.js';

const message = (input: unknown): TextRequestMessage => v.parse(TextRequestMessageSchema, input);

/** The sample's body with some conversation fields replaced. */
function withConversation(
  fixture: typeof messageSent,
  conversation: Record<string, unknown>,
): TextRequestMessage {
  return message({ ...fixture, conversation: { ...fixture.conversation, ...conversation } });
}

describe('normalizeTextRequestMessage', () => {
  it('turns the documented sent sample into a message.sent event from your number', () => {
    const payload = message(messageSent);
    expect(normalizeTextRequestMessage(payload)).toEqual({
      type: 'message.sent',
      provider: 'textrequest',
      idempotencyKey: expect.stringMatching(/^textrequest:message:fp:[0-9a-f]{16}$/),
      occurredAt: '2018-10-11T01:28:46.596Z',
      rawExact: true,
      raw: messageSent,
      from: '+14239309346',
      to: '+14232074721',
      text: 'This is an outbound message.',
      conversationId: '42045',
      messageId: null,
      contact: {
        id: null,
        name: 'Check',
        phoneNumber: '+14232074721',
        tag: null,
        address: null,
      },
      media: [],
    });
  });

  it('turns the received sample into a message.received event from the customer', () => {
    const payload = message(messageReceived);
    expect(normalizeTextRequestMessage(payload)).toEqual({
      type: 'message.received',
      provider: 'textrequest',
      idempotencyKey: expect.stringMatching(/^textrequest:message:fp:[0-9a-f]{16}$/),
      occurredAt: '2018-10-11T01:28:46.596Z',
      rawExact: true,
      raw: messageReceived,
      from: '+14232074721',
      to: '+14239309346',
      text: 'This is an outbound message.',
      conversationId: '42045',
      messageId: null,
      contact: {
        id: null,
        name: 'Check',
        phoneNumber: '+14232074721',
        tag: null,
        address: null,
      },
      media: [],
      intent: null,
    });
  });

  it('uses the later fields: message id, attachments, 10-digit and punctuated numbers', () => {
    const payload = message(messageReceivedExtended);
    expect(normalizeTextRequestMessage(payload)).toEqual({
      type: 'message.received',
      provider: 'textrequest',
      idempotencyKey: 'textrequest:message:5f2b9c1e-8d4a-4b7e-9a63-0c1d2e3f4a5b',
      occurredAt: '2021-04-26T14:47:48.123Z',
      rawExact: true,
      raw: messageReceivedExtended,
      from: '+14232074721',
      to: '+14239309346',
      text: 'Here is a photo of the damaged part.',
      conversationId: '42045',
      messageId: '5f2b9c1e-8d4a-4b7e-9a63-0c1d2e3f4a5b',
      contact: {
        id: null,
        name: null,
        phoneNumber: '+14232074721',
        tag: null,
        address: null,
      },
      media: [
        {
          url: 'https://mms.example.com/attachments/42045/part-photo.jpg',
          contentType: 'image/jpeg',
        },
      ],
      intent: null,
    });
  });

  it('reads the opt-out, opt-in and help keywords of received messages only', () => {
    const received = (text: string) =>
      normalizeTextRequestMessage(withConversation(messageReceived, { message: text }));
    expect(received(' Stop ')).toMatchObject({ intent: 'opt_out' });
    expect(received('UNSTOP')).toMatchObject({ intent: 'opt_in' });
    expect(received('help')).toMatchObject({ intent: 'help' });
    expect(received('please stop texting')).toMatchObject({ intent: null });
    const sent = normalizeTextRequestMessage(withConversation(messageSent, { message: 'STOP' }));
    expect(sent).not.toHaveProperty('intent');
  });

  it('gives null text for an empty message, e.g. a picture without words', () => {
    const payload = withConversation(messageReceived, {
      message: '',
      mmsAttachments: [
        { url: 'https://mms.example.com/1.png', mimeType: '' },
        { url: 'https://mms.example.com/2' },
      ],
    });
    const event = normalizeTextRequestMessage(payload);
    expect(event.text).toBeNull();
    expect(event.media).toEqual([
      { url: 'https://mms.example.com/1.png', contentType: null },
      { url: 'https://mms.example.com/2', contentType: null },
    ]);
  });

  it('gives empty media when the attachment list is null', () => {
    expect(
      normalizeTextRequestMessage(withConversation(messageReceived, { mmsAttachments: null }))
        .media,
    ).toEqual([]);
  });

  it('keeps a number it cannot read as E.164 as sent, and a blank friendly name as null', () => {
    const event = normalizeTextRequestMessage(
      withConversation(messageReceived, {
        consumerPhoneNumber: '22395',
        consumerFriendlyName: '  ',
      }),
    );
    expect(event.from).toBe('22395');
    expect(event.contact).toEqual({
      id: null,
      name: null,
      phoneNumber: '22395',
      tag: null,
      address: null,
    });
  });

  it('gives a null occurredAt when the date cannot be read', () => {
    expect(
      normalizeTextRequestMessage(withConversation(messageSent, { date: 'yesterday' })).occurredAt,
    ).toBeNull();
  });

  it('keeps unknown fields in raw', () => {
    const event = normalizeTextRequestMessage(message({ ...messageSent, webhookVersion: 3 }));
    expect(event.raw.webhookVersion).toBe(3);
  });

  describe('idempotencyKey', () => {
    it('is the same for a redelivery of a body without a message id', () => {
      const first = normalizeTextRequestMessage(message(JSON.parse(JSON.stringify(messageSent))));
      const again = normalizeTextRequestMessage(message(JSON.parse(JSON.stringify(messageSent))));
      expect(again.idempotencyKey).toBe(first.idempotencyKey);
    });

    it('differs between messages that differ in any field', () => {
      const keys = [
        message(messageSent),
        message(messageReceived),
        withConversation(messageSent, { message: 'This is another outbound message.' }),
        withConversation(messageSent, { date: '2018-10-11T01:28:47.0000000Z' }),
      ].map((payload) => normalizeTextRequestMessage(payload).idempotencyKey);
      expect(new Set(keys).size).toBe(keys.length);
    });

    it('follows the message id when there is one', () => {
      const other = message({ ...messageReceivedExtended, messageUniqueIdentifier: 'a1b2c3' });
      expect(normalizeTextRequestMessage(other).idempotencyKey).toBe('textrequest:message:a1b2c3');
    });
  });
});

describe('normalizeTextRequestContactCreated', () => {
  it('turns the documented sample into a contact.created event', () => {
    const payload = v.parse(TextRequestContactCreatedSchema, contactCreated);
    expect(normalizeTextRequestContactCreated(payload)).toEqual({
      type: 'contact.created',
      provider: 'textrequest',
      idempotencyKey: 'textrequest:contact:3998552',
      occurredAt: null,
      rawExact: true,
      raw: contactCreated,
      contact: {
        id: '3998552',
        name: 'James Hoffa',
        phoneNumber: '+19143334444',
        tag: null,
        address: null,
      },
      businessNumber: '+14239309346',
    });
  });

  it('reads null names and the punctuated number form', () => {
    const payload = v.parse(TextRequestContactCreatedSchema, {
      ...contactCreated,
      ContactFriendlyName: null,
      ContactPhoneNumber: '+1(914)-333-4444',
      LocationPhoneNumber: '4239309346',
    });
    const event = normalizeTextRequestContactCreated(payload);
    expect(event.contact).toEqual({
      id: '3998552',
      name: null,
      phoneNumber: '+19143334444',
      tag: null,
      address: null,
    });
    expect(event.businessNumber).toBe('+14239309346');
  });

  it('makes no id of a ContactId that is not a safe integer, and keys it by its fields', () => {
    const keys = new Set<string>();
    for (const [ContactId, ContactPhoneNumber] of [
      [Number.POSITIVE_INFINITY, '+19143334444'],
      [Number.POSITIVE_INFINITY, '+19143335555'],
      [2 ** 53, '+19143334444'],
      [1.5, '+19143334444'],
    ] as const) {
      const payload = v.parse(TextRequestContactCreatedSchema, {
        ...contactCreated,
        ContactId,
        ContactPhoneNumber,
      });
      const event = normalizeTextRequestContactCreated(payload);
      expect(event.contact.id).toBeNull();
      expect(event.idempotencyKey).toMatch(/^textrequest:contact:~fp:[0-9a-f]{16}$/);
      keys.add(event.idempotencyKey);
    }
    expect(keys.size).toBe(4);
  });

  it('gives different keys to different contacts', () => {
    const other = v.parse(TextRequestContactCreatedSchema, {
      ...contactCreated,
      ContactId: 3998553,
    });
    expect(normalizeTextRequestContactCreated(other).idempotencyKey).toBe(
      'textrequest:contact:3998553',
    );
  });
});

describe('normalizeTextRequestWebhook', () => {
  it('returns exactly one event of the matching kind', () => {
    expect(normalizeTextRequestWebhook(message(messageSent)).map((event) => event.type)).toEqual([
      'message.sent',
    ]);
    expect(
      normalizeTextRequestWebhook(message(messageReceived)).map((event) => event.type),
    ).toEqual(['message.received']);
    const contact = v.parse(TextRequestContactCreatedSchema, contactCreated);
    expect(normalizeTextRequestWebhook(contact).map((event) => event.type)).toEqual([
      'contact.created',
    ]);
  });
});

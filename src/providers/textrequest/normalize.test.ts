import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import contactCreated from '../../../fixtures/textrequest/contact-created.json' with {
  type: 'json',
};
import contactUpdated from '../../../fixtures/textrequest/contact-updated.json' with {
  type: 'json',
};
import locationReceived from '../../../fixtures/textrequest/location-received.json' with {
  type: 'json',
};
import messageReceived from '../../../fixtures/textrequest/message-received.json' with {
  type: 'json',
};
import messageReceivedExtended from '../../../fixtures/textrequest/message-received-extended.json' with {
  type: 'json',
};
import messageSent from '../../../fixtures/textrequest/message-sent.json' with { type: 'json' };
import messageStatus from '../../../fixtures/textrequest/message-status.json' with { type: 'json' };
import messageStatusError from '../../../fixtures/textrequest/message-status-error.json' with {
  type: 'json',
};
import paymentStatusUpdated from '../../../fixtures/textrequest/payment-status-updated.json' with {
  type: 'json',
};
import { SmsWebhookError } from '../../errors/SmsWebhookError.js';
import { parseSmsWebhook } from '../../parse.js';
import type { SmsDriftReport } from '../../tolerance/drift.js';
import type { SmsParseOptions } from '../../tolerance/options.js';
import {
  isTextRequestMessage,
  normalizeTextRequestContactCreated,
  normalizeTextRequestContactUpdated,
  normalizeTextRequestLocation,
  normalizeTextRequestMessage,
  normalizeTextRequestMessageStatus,
  normalizeTextRequestPayment,
  normalizeTextRequestWebhook,
  type TextRequestParsedMessage,
  toTextRequestDeliveryStatus,
  toTextRequestPaymentStatus,
} from './normalize.js';
import {
  TextRequestContactCreatedSchema,
  TextRequestContactUpdatedSchema,
  TextRequestLocationSchema,
  type TextRequestMessage,
  TextRequestMessageSchema,
  TextRequestMessageStatusSchema,
  TextRequestPaymentSchema,
  TextRequestWebhookSchema,
  textRequestMessageStatuses,
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

describe('normalizeTextRequestMessageStatus', () => {
  const status = (input: unknown) => v.parse(TextRequestMessageStatusSchema, input);

  it('turns the documented delivered status into a message.status event', () => {
    expect(normalizeTextRequestMessageStatus(status(messageStatus))).toEqual({
      type: 'message.status',
      provider: 'textrequest',
      rawExact: true,
      idempotencyKey: 'textrequest:status:eb2a0cc2-5b88-468b-b3f4-926b07bcb275:delivered',
      occurredAt: null,
      raw: messageStatus,
      from: null,
      to: null,
      text: null,
      conversationId: null,
      messageId: 'eb2a0cc2-5b88-468b-b3f4-926b07bcb275',
      contact: null,
      media: [],
      status: 'delivered',
      providerStatus: 'delivered',
      errorCode: null,
    });
  });

  it('turns an error status into message.failed with its error code', () => {
    expect(normalizeTextRequestMessageStatus(status(messageStatusError))).toEqual({
      type: 'message.failed',
      provider: 'textrequest',
      rawExact: true,
      idempotencyKey: 'textrequest:status:eb2a0cc2-5b88-468b-b3f4-926b07bcb275:error:SMS10023',
      occurredAt: null,
      raw: messageStatusError,
      from: null,
      to: null,
      text: null,
      conversationId: null,
      messageId: 'eb2a0cc2-5b88-468b-b3f4-926b07bcb275',
      contact: null,
      media: [],
      status: 'failed',
      providerStatus: 'error',
      errorCode: 'SMS10023',
    });
  });

  it.each([
    ['accepted', 'message.status', 'accepted'],
    ['queued', 'message.status', 'queued'],
    ['sending', 'message.status', 'sending'],
    ['sent', 'message.status', 'sent'],
    ['delivered', 'message.status', 'delivered'],
    ['failed', 'message.failed', 'failed'],
    ['undelivered', 'message.failed', 'undelivered'],
    ['error', 'message.failed', 'failed'],
    ['Delivered', 'message.status', 'delivered'],
    [' delivered ', 'message.status', 'delivered'],
    ['\tError\n', 'message.failed', 'failed'],
    ['read', 'message.status', 'unknown'],
    // Names every object inherits are statuses like any other unknown one.
    ['constructor', 'message.status', 'unknown'],
    ['__proto__', 'message.status', 'unknown'],
    ['toString', 'message.status', 'unknown'],
  ])('maps %s to a %s event with status %s', (providerStatus, type, normalized) => {
    const event = normalizeTextRequestMessageStatus(
      status({ ...messageStatus, status: providerStatus }),
    );
    expect([event.type, event.status, event.providerStatus]).toEqual([
      type,
      normalized,
      providerStatus,
    ]);
    expect(structuredClone(event)).toEqual(event);
    expect(toTextRequestDeliveryStatus(providerStatus)).toBe(normalized);
  });

  it('gives each status of a message its own key, and a redelivery the same one', () => {
    const keys = textRequestMessageStatuses.map(
      (providerStatus) =>
        normalizeTextRequestMessageStatus(status({ ...messageStatus, status: providerStatus }))
          .idempotencyKey,
    );
    expect(new Set(keys).size).toBe(textRequestMessageStatuses.length);
    expect(
      normalizeTextRequestMessageStatus(status({ ...messageStatus, extra: 1 })).idempotencyKey,
    ).toBe(normalizeTextRequestMessageStatus(status(messageStatus)).idempotencyKey);
  });

  it('keeps keys apart when a part holds the separator', () => {
    const key = (message_id: string, providerStatus: string, error_code: string | null) =>
      normalizeTextRequestMessageStatus(
        status({ ...messageStatus, message_id, status: providerStatus, error_code }),
      ).idempotencyKey;
    expect(key('a:b', 'error', null)).not.toBe(key('a', 'b:error', null));
    expect(key('a', 'error', 'x:y')).not.toBe(key('a', 'error:x', 'y'));
    expect(key('a%3Ab', 'error', null)).not.toBe(key('a:b', 'error', null));
    // A plain id and status keep the key they always had, so redeliveries still match.
    expect(key('eb2a0cc2-5b88-468b-b3f4-926b07bcb275', 'delivered', null)).toBe(
      'textrequest:status:eb2a0cc2-5b88-468b-b3f4-926b07bcb275:delivered',
    );
  });

  it('reads an empty error code as none', () => {
    const event = normalizeTextRequestMessageStatus(
      status({ ...messageStatusError, error_code: '' }),
    );
    expect(event.errorCode).toBeNull();
  });
});

describe('normalizeTextRequestContactUpdated', () => {
  const updated = (input: unknown) => v.parse(TextRequestContactUpdatedSchema, input);

  it('turns the documented contact update into a contact.updated event', () => {
    expect(normalizeTextRequestContactUpdated(updated(contactUpdated))).toEqual({
      type: 'contact.updated',
      provider: 'textrequest',
      rawExact: true,
      idempotencyKey: expect.stringMatching(/^textrequest:contact_updated:fp:[0-9a-f]{16}$/),
      occurredAt: null,
      raw: contactUpdated,
      contact: {
        id: null,
        name: 'John Smith',
        phoneNumber: '+13216547890',
        tag: null,
        address: null,
      },
      businessNumber: null,
      firstName: 'John',
      lastName: 'Smith',
      optedOut: false,
      optedOutAt: null,
      suppressed: false,
      suppressedReason: 'Contact asked not to be texted.',
      blocked: false,
      archived: false,
      resolved: false,
      note: 'Lead from newsletter',
      tags: ['a8608167-caf8-485c-a0c5-d97fb0fc9069', '54b35406-189d-4e70-a170-c87e231f8ca3'],
      groupIds: ['12', '26'],
      customFields: [{ id: 'cc63eb7d-3575-478f-b42e-1e64e40d41c9', value: 'john.doe@gmail.com' }],
      // The document's example is `false`, which is no time.
      firstContactAt: null,
    });
  });

  it('reports an opted-out, blocked and archived contact with the opt-out time', () => {
    const event = normalizeTextRequestContactUpdated(
      updated({
        ...contactUpdated,
        is_blocked: true,
        is_archived: true,
        opted_out_utc: '2026-11-30T14:03:27.1234567',
        first_contact_utc: '2026-01-05T09:00:00Z',
      }),
    );
    expect(event).toMatchObject({
      optedOut: true,
      optedOutAt: '2026-11-30T14:03:27.123Z',
      suppressed: false,
      blocked: true,
      archived: true,
      firstContactAt: '2026-01-05T09:00:00.000Z',
    });
  });

  it('counts a suppressed contact as opted out, and says null when neither field is sent', () => {
    expect(
      normalizeTextRequestContactUpdated(updated({ ...contactUpdated, is_suppressed: true }))
        .optedOut,
    ).toBe(true);
    const bare = normalizeTextRequestContactUpdated(updated({ phone_number: '13216547890' }));
    expect(bare).toMatchObject({
      optedOut: null,
      suppressed: null,
      blocked: null,
      archived: null,
      resolved: null,
      firstName: null,
      tags: [],
      groupIds: [],
      customFields: [],
      contact: { name: null, phoneNumber: '+13216547890' },
    });
  });

  it('names the contact from first and last name when there is no display name', () => {
    const event = normalizeTextRequestContactUpdated(
      updated({ ...contactUpdated, display_name: '', last_name: null }),
    );
    expect(event.contact.name).toBe('John');
    const nameOf = (fields: object) =>
      normalizeTextRequestContactUpdated(
        updated({ ...contactUpdated, display_name: '', ...fields }),
      ).contact.name;
    expect(nameOf({})).toBe('John Smith');
    expect(nameOf({ first_name: ' ' })).toBe('Smith');
    expect(nameOf({ first_name: null, last_name: '' })).toBeNull();
  });

  it('keys by the documented fields only: a new field keeps the key, a changed flag does not', () => {
    const key = normalizeTextRequestContactUpdated(updated(contactUpdated)).idempotencyKey;
    expect(
      normalizeTextRequestContactUpdated(updated({ ...contactUpdated, newField: 1 }))
        .idempotencyKey,
    ).toBe(key);
    expect(
      normalizeTextRequestContactUpdated(updated({ ...contactUpdated, is_blocked: true }))
        .idempotencyKey,
    ).not.toBe(key);
  });
});

describe('normalizeTextRequestLocation', () => {
  const location = (input: unknown) => v.parse(TextRequestLocationSchema, input);

  it('turns the documented location into a location.received event, each coordinate by its name', () => {
    expect(normalizeTextRequestLocation(location(locationReceived))).toEqual({
      type: 'location.received',
      provider: 'textrequest',
      rawExact: true,
      idempotencyKey: expect.stringMatching(/^textrequest:location:fp:[0-9a-f]{16}$/),
      occurredAt: null,
      raw: locationReceived,
      from: '+13216547890',
      messageId: 'eb2a0cc2-5b88-468b-b3f4-926b07bcb275',
      dashboardId: '121',
      latitude: -77.0365298,
      longitude: 38.8976763,
      address: 'Near 1600 Pennsylvania Ave NW, Washington, DC 20500-0003',
    });
  });

  it('gives another location for the same message another key', () => {
    const first = normalizeTextRequestLocation(location(locationReceived));
    const moved = normalizeTextRequestLocation(location({ ...locationReceived, Latitude: 38.9 }));
    expect(moved.idempotencyKey).not.toBe(first.idempotencyKey);
    expect(normalizeTextRequestLocation(location(locationReceived)).idempotencyKey).toBe(
      first.idempotencyKey,
    );
  });

  it('reads missing descriptive fields as null', () => {
    const event = normalizeTextRequestLocation(
      location({ MessageId: 'm', Latitude: 1.5, Longitude: 2.5, FormattedAddress: ' ' }),
    );
    expect(event).toMatchObject({ from: null, dashboardId: null, address: null });
  });
});

describe('normalizeTextRequestPayment', () => {
  const payment = (input: unknown) => v.parse(TextRequestPaymentSchema, input);

  it('turns the documented payment into a payment.updated event', () => {
    expect(normalizeTextRequestPayment(payment(paymentStatusUpdated))).toEqual({
      type: 'payment.updated',
      provider: 'textrequest',
      rawExact: true,
      idempotencyKey: 'textrequest:payment:2510:Sent',
      occurredAt: null,
      raw: paymentStatusUpdated,
      paymentId: '2510',
      status: 'sent',
      providerStatus: 'Sent',
      referenceId: 'receipt-chicago',
    });
  });

  it.each([
    ['Unknown', 'unknown'],
    ['Sent', 'sent'],
    ['Paid', 'paid'],
    ['Cancelled', 'cancelled'],
    ['Failed', 'failed'],
    ['PastDue', 'past_due'],
    ['MarkedAsPaid', 'marked_as_paid'],
    [' Paid ', 'paid'],
    ['\tPASTDUE\n', 'past_due'],
    ['Refunded', 'unknown'],
    ['constructor', 'unknown'],
    ['__proto__', 'unknown'],
    ['hasOwnProperty', 'unknown'],
  ])('maps %s to %s', (providerStatus, normalized) => {
    const event = normalizeTextRequestPayment(
      payment({ ...paymentStatusUpdated, status: providerStatus }),
    );
    expect([event.status, event.providerStatus]).toEqual([normalized, providerStatus]);
    expect(structuredClone(event)).toEqual(event);
    expect(toTextRequestPaymentStatus(providerStatus)).toBe(normalized);
  });

  it('keys each status of a payment apart, and an id sent as a string like the number', () => {
    const paid = normalizeTextRequestPayment(payment({ ...paymentStatusUpdated, status: 'Paid' }));
    expect(paid.idempotencyKey).toBe('textrequest:payment:2510:Paid');
    expect(
      normalizeTextRequestPayment(payment({ ...paymentStatusUpdated, payment_id: '2510' }))
        .idempotencyKey,
    ).toBe('textrequest:payment:2510:Sent');
  });

  it('keys an id that is not a safe integer by the content, and gives it no paymentId', () => {
    const event = normalizeTextRequestPayment(
      payment({ ...paymentStatusUpdated, payment_id: 2 ** 53 + 1 }),
    );
    expect(event.paymentId).toBeNull();
    expect(event.idempotencyKey).toMatch(/^textrequest:payment:~fp:[0-9a-f]{16}:Sent$/);
  });
});

describe('normalizeTextRequestWebhook over every body', () => {
  it.each([
    [messageSent, 'message.sent'],
    [contactCreated, 'contact.created'],
    [contactUpdated, 'contact.updated'],
    [messageStatus, 'message.status'],
    [messageStatusError, 'message.failed'],
    [locationReceived, 'location.received'],
    [paymentStatusUpdated, 'payment.updated'],
  ] as const)('gives one event of the body’s type (%#)', (fixture, type) => {
    const events = normalizeTextRequestWebhook(v.parse(TextRequestWebhookSchema, fixture));
    expect(events.map((event) => event.type)).toEqual([type]);
  });
});

describe('Text Request normalizers on their own', () => {
  const unsafe = 2 ** 53 + 1;
  const cases = [
    [
      'a message',
      'conversation.id',
      (options: SmsParseOptions) =>
        normalizeTextRequestMessage(withConversation(messageReceived, { id: unsafe }), options),
    ],
    [
      'a contact',
      'ContactId',
      (options: SmsParseOptions) =>
        normalizeTextRequestContactCreated(
          v.parse(TextRequestContactCreatedSchema, { ...contactCreated, ContactId: unsafe }),
          options,
        ),
    ],
    [
      'any body',
      'ContactId',
      (options: SmsParseOptions) =>
        normalizeTextRequestWebhook(
          v.parse(TextRequestWebhookSchema, { ...contactCreated, ContactId: unsafe }),
          options,
        )[0],
    ],
    [
      'a location',
      'DashboardId',
      (options: SmsParseOptions) =>
        normalizeTextRequestLocation(
          v.parse(TextRequestLocationSchema, { ...locationReceived, DashboardId: unsafe }),
          options,
        ),
    ],
    [
      'a payment',
      'payment_id',
      (options: SmsParseOptions) =>
        normalizeTextRequestPayment(
          v.parse(TextRequestPaymentSchema, { ...paymentStatusUpdated, payment_id: unsafe }),
          options,
        ),
    ],
  ] as const;

  it.each(cases)('reports an id of %s that is not a safe integer by its path', (_, path, run) => {
    const drift: SmsDriftReport[] = [];
    expect(run({ onDrift: (report) => drift.push(report) })).toBeDefined();
    expect(drift).toEqual([
      {
        provider: 'textrequest',
        path,
        kind: 'unexpected_type',
        expected: 'number: safe integer',
        received: 'number',
      },
    ]);
  });

  it.each(cases)(
    'refuses it under strict with an error naming the provider (%s)',
    (_, path, run) => {
      let thrown: unknown;
      try {
        run({ strict: true });
      } catch (error) {
        thrown = error;
      }
      expect(thrown).toBeInstanceOf(SmsWebhookError);
      expect(thrown).toMatchObject({
        code: 'invalid_payload',
        provider: 'textrequest',
        message: `Invalid textrequest payload: ${path}: unexpected type: expected number: safe integer, received number`,
        issues: [{ path }],
      });
    },
  );

  it('tells a message by both of its objects, not by one of them', () => {
    expect(isTextRequestMessage(message(messageSent))).toBe(true);
    const { yourPhoneNumber, conversation } = messageSent;
    for (const extra of [{ yourPhoneNumber }, { conversation }]) {
      const contact = v.parse(TextRequestWebhookSchema, { ...contactCreated, ...extra });
      expect(isTextRequestMessage(contact)).toBe(false);
      expect(normalizeTextRequestWebhook(contact)).toMatchObject([
        { type: 'contact.created', contact: { id: '3998552' } },
      ]);
    }
  });

  // The parsed types let every descriptive value be null; a normalizer given them still answers.
  it('gives a message event with null fields when conversation and yourPhoneNumber are null', () => {
    const payload: TextRequestParsedMessage = {
      account: null,
      yourPhoneNumber: null,
      conversation: null,
    };
    expect(normalizeTextRequestMessage(payload)).toEqual({
      type: 'message.sent',
      provider: 'textrequest',
      idempotencyKey: expect.stringMatching(/^textrequest:message:fp:[0-9a-f]{16}$/),
      occurredAt: null,
      rawExact: false,
      raw: payload,
      from: null,
      to: null,
      text: null,
      conversationId: null,
      messageId: null,
      contact: { id: null, name: null, phoneNumber: null, tag: null, address: null },
      media: [],
    });
  });

  it('reads a null status or MessageId as empty text', () => {
    const status = normalizeTextRequestMessageStatus({ ...messageStatus, status: null });
    expect(status).toMatchObject({
      type: 'message.status',
      idempotencyKey: 'textrequest:status:eb2a0cc2-5b88-468b-b3f4-926b07bcb275:',
      status: 'unknown',
      providerStatus: '',
    });
    const payment = normalizeTextRequestPayment({ ...paymentStatusUpdated, status: null });
    expect(payment).toMatchObject({
      idempotencyKey: 'textrequest:payment:2510:',
      status: 'unknown',
      providerStatus: '',
    });
    const location = normalizeTextRequestLocation({ ...locationReceived, MessageId: null });
    expect(location).toMatchObject({ messageId: '', dashboardId: '121' });
  });
});

describe('Text Request bodies read with drift', () => {
  function parsed(body: unknown) {
    const drift: SmsDriftReport[] = [];
    const events = parseSmsWebhook(body, {
      provider: 'textrequest',
      onDrift: (report) => drift.push(report),
    });
    expect(events).toHaveLength(1);
    return { event: events[0], paths: drift.map((report) => report.path) };
  }

  it('keeps the attachments it can read when others are not objects', () => {
    const [photo] = messageReceivedExtended.conversation.mmsAttachments;
    const { event, paths } = parsed({
      ...messageReceivedExtended,
      conversation: {
        ...messageReceivedExtended.conversation,
        mmsAttachments: [null, 'https://mms.example.com/a.jpg', photo],
      },
    });
    expect(paths).toEqual(['conversation.mmsAttachments[0]', 'conversation.mmsAttachments[1]']);
    expect(event).toMatchObject({
      media: [
        {
          url: 'https://mms.example.com/attachments/42045/part-photo.jpg',
          contentType: 'image/jpeg',
        },
      ],
    });
  });

  it('keeps the custom fields, tags and groups it can read and drops the others', () => {
    const { event, paths } = parsed({
      ...contactUpdated,
      custom_fields: [
        null,
        { id: '', value: 'blank id' },
        { value: 'no id' },
        { id: 'f-2', value: '' },
        ...contactUpdated.custom_fields,
      ],
      contact_tags: [null, '', ' ', 'vip'],
      groups: [null, 1.5, '7', 12],
    });
    expect(paths).toEqual([
      'groups[0]',
      'contact_tags[0]',
      'custom_fields[0]',
      'custom_fields[2].id',
    ]);
    expect(event).toMatchObject({
      tags: ['vip'],
      groupIds: ['7', '12'],
      customFields: [
        { id: 'f-2', value: null },
        { id: 'cc63eb7d-3575-478f-b42e-1e64e40d41c9', value: 'john.doe@gmail.com' },
      ],
    });
  });

  it('names a contact "first last" when it has no display name', () => {
    const { event } = parsed({ ...contactUpdated, display_name: '' });
    expect(event).toMatchObject({ contact: { name: 'John Smith' } });
  });

  // `opted_out_utc: null` is documented as "can receive messages"; absent says nothing.
  it.each([
    [{ is_suppressed: true }, true],
    [{ opted_out_utc: '2026-11-30T14:03:27Z' }, true],
    [{ is_suppressed: false, opted_out_utc: '2026-11-30T14:03:27Z' }, true],
    [{ is_suppressed: false }, false],
    [{ opted_out_utc: null }, false],
    [{ is_suppressed: false, opted_out_utc: null }, false],
    [{ is_suppressed: null }, null],
    [{}, null],
  ] as const)('gives %o the optedOut %s', (fields, optedOut) => {
    const payload = v.parse(TextRequestContactUpdatedSchema, {
      phone_number: '13216547890',
      ...fields,
    });
    expect(normalizeTextRequestContactUpdated(payload).optedOut).toBe(optedOut);
  });
});

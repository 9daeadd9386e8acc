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
import { toSmsWebhookIssues } from '../../issues.js';
import {
  inferTextRequestBodyKind,
  TextRequestContactCreatedSchema,
  TextRequestContactUpdatedSchema,
  TextRequestConversationSchema,
  TextRequestLocationSchema,
  TextRequestMessageSchema,
  TextRequestMessageStatusSchema,
  TextRequestPaymentSchema,
  TextRequestWebhookSchema,
  textRequestContactUpdatedMarkers,
  textRequestMessageStatuses,
  textRequestPaymentStatuses,
} from './schema.js';

const messageFixtures = { messageSent, messageReceived, messageReceivedExtended };

/** Validates and returns the issues as the library reports them, or `[]` when the input is valid. */
function issuesOf(schema: v.GenericSchema, input: unknown): { path: string; message: string }[] {
  const result = v.safeParse(schema, input);
  return result.success ? [] : toSmsWebhookIssues(result.issues);
}

describe('TextRequestMessageSchema', () => {
  it.each(Object.entries(messageFixtures))('accepts the %s fixture unchanged', (_, fixture) => {
    const result = v.safeParse(TextRequestMessageSchema, fixture);
    expect(result.success).toBe(true);
    expect(result.output).toEqual(fixture);
  });

  it('works as a Standard Schema validator', async () => {
    const result = await TextRequestMessageSchema['~standard'].validate(messageReceivedExtended);
    expect(result.issues).toBeUndefined();
    expect((result as { value: unknown }).value).toEqual(messageReceivedExtended);
    const failure = await TextRequestMessageSchema['~standard'].validate({});
    expect(failure.issues?.length).toBeGreaterThan(0);
  });

  it('keeps fields it does not know, at every level', () => {
    const input = {
      ...messageSent,
      webhookVersion: 3,
      conversation: { ...messageSent.conversation, tags: ['vip'] },
    };
    const output = v.parse(TextRequestMessageSchema, input);
    expect(output.webhookVersion).toBe(3);
    expect(output.conversation.tags).toEqual(['vip']);
  });

  it('names the path and the types of a field with the wrong type', () => {
    const input = { ...messageSent, conversation: { ...messageSent.conversation, id: '42045' } };
    expect(issuesOf(TextRequestMessageSchema, input)).toEqual([
      { path: 'conversation.id', message: 'expected number, received string' },
    ]);
  });

  it('names every missing or wrong field at once', () => {
    const input = {
      account: { id: 1234 },
      yourPhoneNumber: { ...messageSent.yourPhoneNumber, phoneNumber: 14239309346 },
    };
    expect(issuesOf(TextRequestMessageSchema, input)).toEqual([
      { path: 'yourPhoneNumber.phoneNumber', message: 'expected string, received number' },
      { path: 'conversation', message: 'required field is missing' },
    ]);
  });

  it('accepts only S and R as the direction', () => {
    const input = {
      ...messageSent,
      conversation: { ...messageSent.conversation, messageDirection: 's' },
    };
    expect(issuesOf(TextRequestMessageSchema, input)).toEqual([
      { path: 'conversation.messageDirection', message: 'expected ("S" | "R"), received string' },
    ]);
  });

  it('requires consumerFriendlyName but lets it be null', () => {
    const { consumerFriendlyName: _, ...withoutName } = messageSent.conversation;
    expect(issuesOf(TextRequestConversationSchema, withoutName)).toEqual([
      { path: 'consumerFriendlyName', message: 'required field is missing' },
    ]);
    expect(
      issuesOf(TextRequestConversationSchema, { ...withoutName, consumerFriendlyName: null }),
    ).toEqual([]);
  });

  it('accepts the account external id under either documented name, or null', () => {
    for (const account of [
      { id: 1, externalAccountId: 'crm-1' },
      { id: 1, externalAccountId: null },
      { id: 1, externalPhoneId: 'crm-1' },
    ]) {
      expect(issuesOf(TextRequestMessageSchema, { ...messageSent, account })).toEqual([]);
    }
    expect(
      issuesOf(TextRequestMessageSchema, {
        ...messageSent,
        account: { id: 1, externalAccountId: 7 },
      }),
    ).toEqual([{ path: 'account.externalAccountId', message: 'expected string, received number' }]);
  });

  it('accepts claimedBy as a string, a number, an object or null, and nothing else', () => {
    for (const claimedBy of ['dana@example.com', 5521, { id: 5521 }, null]) {
      const conversation = { ...messageSent.conversation, claimedBy };
      expect(issuesOf(TextRequestConversationSchema, conversation)).toEqual([]);
    }
    const conversation = { ...messageSent.conversation, claimedBy: true };
    expect(issuesOf(TextRequestConversationSchema, conversation)).toEqual([
      { path: 'claimedBy', message: 'expected (string | number | Object), received boolean' },
    ]);
  });

  it('checks each MMS attachment and accepts a missing or null list', () => {
    const withAttachments = (mmsAttachments: unknown) => ({
      ...messageSent.conversation,
      mmsAttachments,
    });
    expect(issuesOf(TextRequestConversationSchema, withAttachments(null))).toEqual([]);
    expect(issuesOf(TextRequestConversationSchema, withAttachments([]))).toEqual([]);
    expect(
      issuesOf(
        TextRequestConversationSchema,
        withAttachments([{ url: 'https://a' }, { mimeType: 'image/png' }]),
      ),
    ).toEqual([{ path: 'mmsAttachments[1].url', message: 'required field is missing' }]);
  });

  it('rejects a body that is not an object', () => {
    for (const input of [null, 'text', 42]) {
      expect(issuesOf(TextRequestMessageSchema, input)).toEqual([
        {
          path: '',
          message: `expected Object, received ${input === null ? 'null' : typeof input}`,
        },
      ]);
    }
  });
});

describe('TextRequestContactCreatedSchema', () => {
  it('accepts the documented sample unchanged', () => {
    expect(v.parse(TextRequestContactCreatedSchema, contactCreated)).toEqual(contactCreated);
  });

  it('works as a Standard Schema validator', async () => {
    const result = await TextRequestContactCreatedSchema['~standard'].validate(contactCreated);
    expect(result.issues).toBeUndefined();
    expect((result as { value: unknown }).value).toEqual(contactCreated);
  });

  it('lets ContactFriendlyName be null and keeps unknown fields', () => {
    const output = v.parse(TextRequestContactCreatedSchema, {
      ...contactCreated,
      ContactFriendlyName: null,
      ContactEmail: 'jh@example.com',
    });
    expect(output.ContactFriendlyName).toBeNull();
    expect(output.ContactEmail).toBe('jh@example.com');
  });

  it('names the path and the types of a field with the wrong type', () => {
    expect(
      issuesOf(TextRequestContactCreatedSchema, { ...contactCreated, ContactId: '3998552' }),
    ).toEqual([{ path: 'ContactId', message: 'expected number, received string' }]);
  });
});

describe('TextRequestWebhookSchema', () => {
  it('accepts both kinds of body as a Standard Schema validator', async () => {
    for (const fixture of [messageSent, messageReceivedExtended, contactCreated]) {
      const result = await TextRequestWebhookSchema['~standard'].validate(fixture);
      expect(result.issues).toBeUndefined();
      expect((result as { value: unknown }).value).toEqual(fixture);
    }
    const failure = await TextRequestWebhookSchema['~standard'].validate({ ContactId: 1 });
    expect(failure.issues?.length).toBeGreaterThan(0);
  });
});

describe('Text Request v3 bodies', () => {
  const v3Fixtures = {
    messageStatus: [TextRequestMessageStatusSchema, messageStatus],
    messageStatusError: [TextRequestMessageStatusSchema, messageStatusError],
    contactUpdated: [TextRequestContactUpdatedSchema, contactUpdated],
    locationReceived: [TextRequestLocationSchema, locationReceived],
    paymentStatusUpdated: [TextRequestPaymentSchema, paymentStatusUpdated],
  } as const;

  it.each(Object.entries(v3Fixtures))(
    'accepts the %s fixture unchanged, alone and through the union',
    (_, [schema, fixture]) => {
      expect(v.parse(schema, fixture)).toEqual(fixture);
      expect(v.parse(TextRequestWebhookSchema, fixture)).toEqual(fixture);
    },
  );

  it.each(Object.entries(v3Fixtures))(
    'keeps fields it does not know in %s',
    (_, [schema, fixture]) => {
      const output = v.parse(schema, { ...fixture, webhookVersion: 3 }) as Record<string, unknown>;
      expect(output.webhookVersion).toBe(3);
    },
  );

  it('refuses a status body without its message id or status, naming them', () => {
    expect(issuesOf(TextRequestMessageStatusSchema, { error_code: null })).toEqual([
      { path: 'message_id', message: 'required field is missing' },
      { path: 'status', message: 'required field is missing' },
    ]);
    expect(
      issuesOf(TextRequestMessageStatusSchema, { ...messageStatus, error_code: 10023 }),
    ).toEqual([{ path: 'error_code', message: 'expected string, received number' }]);
  });

  it('accepts a status the document does not list, and a body without error_code', () => {
    expect(issuesOf(TextRequestMessageStatusSchema, { message_id: 'm', status: 'read' })).toEqual(
      [],
    );
  });

  it('accepts a contact update with only its phone number, and names wrong flags', () => {
    expect(issuesOf(TextRequestContactUpdatedSchema, { phone_number: '13216547890' })).toEqual([]);
    expect(
      issuesOf(TextRequestContactUpdatedSchema, {
        ...contactUpdated,
        is_blocked: 'yes',
        custom_fields: [{ value: 'x' }],
      }),
    ).toEqual([
      { path: 'is_blocked', message: 'expected boolean, received string' },
      { path: 'custom_fields[0].id', message: 'required field is missing' },
    ]);
    expect(issuesOf(TextRequestContactUpdatedSchema, { is_blocked: true })).toEqual([
      { path: 'phone_number', message: 'required field is missing' },
    ]);
  });

  it('accepts first_contact_utc as a date string, as the document types it', () => {
    const input = { ...contactUpdated, first_contact_utc: '2024-02-01T15:04:05Z' };
    expect(issuesOf(TextRequestContactUpdatedSchema, input)).toEqual([]);
  });

  it('requires the coordinates and the message id of a location', () => {
    const { Latitude: _latitude, ...withoutLatitude } = locationReceived;
    expect(issuesOf(TextRequestLocationSchema, withoutLatitude)).toEqual([
      { path: 'Latitude', message: 'required field is missing' },
    ]);
    expect(issuesOf(TextRequestLocationSchema, { ...locationReceived, Longitude: '38.9' })).toEqual(
      [{ path: 'Longitude', message: 'expected number, received string' }],
    );
  });

  it('requires the payment id and status, and takes the id as a number or a string', () => {
    expect(issuesOf(TextRequestPaymentSchema, { reference_id: 'r' })).toEqual([
      { path: 'payment_id', message: 'required field is missing' },
      { path: 'status', message: 'required field is missing' },
    ]);
    expect(
      issuesOf(TextRequestPaymentSchema, { ...paymentStatusUpdated, payment_id: '2510' }),
    ).toEqual([]);
  });

  it('lists the documented statuses', () => {
    expect(textRequestMessageStatuses).toEqual([
      'accepted',
      'queued',
      'sending',
      'delivered',
      'error',
      'sent',
      'failed',
      'undelivered',
    ]);
    expect(textRequestPaymentStatuses).toEqual([
      'Unknown',
      'Sent',
      'Paid',
      'Cancelled',
      'Failed',
      'PastDue',
      'MarkedAsPaid',
    ]);
  });
});

describe('inferTextRequestBodyKind', () => {
  it.each([
    ['message-sent', messageSent, 'message'],
    ['contact-created', contactCreated, 'contact_created'],
    ['contact-updated', contactUpdated, 'contact_updated'],
    ['message-status', messageStatus, 'message_status'],
    ['message-status-error', messageStatusError, 'message_status'],
    ['location-received', locationReceived, 'location'],
    ['payment-status-updated', paymentStatusUpdated, 'payment'],
  ] as const)('tells the %s fixture by its fields', (_, fixture, kind) => {
    expect(inferTextRequestBodyKind(fixture)).toBe(kind);
  });

  it('needs every distinguishing field of a body', () => {
    expect(inferTextRequestBodyKind({ message_id: 'm' })).toBeNull();
    expect(inferTextRequestBodyKind({ payment_id: 1 })).toBeNull();
    expect(inferTextRequestBodyKind({ MessageId: 'm', Latitude: 1 })).toBeNull();
    expect(inferTextRequestBodyKind({ ContactId: 1 })).toBeNull();
    expect(inferTextRequestBodyKind({ conversation: {}, yourPhoneNumber: null })).toBeNull();
  });

  it('takes a phone_number for a contact update only next to one of its own fields', () => {
    expect(inferTextRequestBodyKind({ phone_number: '13216547890' })).toBeNull();
    expect(
      inferTextRequestBodyKind({ phone_number: '+381690156360', text: 'Hi', tag: 'Warm' }),
    ).toBeNull();
    expect(inferTextRequestBodyKind({ phone_number: 13216547890, is_blocked: true })).toBeNull();
    for (const marker of textRequestContactUpdatedMarkers) {
      expect([marker, inferTextRequestBodyKind({ phone_number: '1', [marker]: null })]).toEqual([
        marker,
        'contact_updated',
      ]);
    }
  });

  it('never throws', () => {
    const hostile = new Proxy(
      { message_id: 'm' },
      {
        getOwnPropertyDescriptor() {
          throw new Error('boom');
        },
      },
    );
    for (const input of [null, undefined, 'status', 42, [], hostile]) {
      expect(inferTextRequestBodyKind(input)).toBeNull();
    }
  });
});

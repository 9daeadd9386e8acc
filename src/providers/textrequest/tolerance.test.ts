import { expect } from 'vitest';
import { fixtureJson } from '../../../test/support/fixtures.js';
import {
  describeToleranceTable,
  REMOVE,
  type RefusedCase,
  type ToleratedCase,
  vary,
} from '../../../test/support/tolerance-table.js';
import { decodeBody } from '../../decode-body.js';
import type { SmsEvent } from '../../events.js';
import type { TextRequestEvent } from './normalize.js';

// Variations of Text Request's documented samples that genuine webhooks plausibly have
// (provider-docs and FACTS.md: numbers unnamed, MMS without text, the later fields of the Power
// Platform connector and the official example, ids as strings), and what must still be refused.
const received = 'textrequest/message-received' as const;
const extended = 'textrequest/message-received-extended' as const;
const contact = 'textrequest/contact-created' as const;
const sent = 'textrequest/message-sent' as const;

/** The one event of an answer, as this provider's event (so its `rawExact` is known). */
function only(events: SmsEvent[]): TextRequestEvent {
  expect(events).toHaveLength(1);
  expect(events[0]?.provider).toBe('textrequest');
  return events[0] as TextRequestEvent;
}

const tolerated: ToleratedCase[] = [
  {
    name: 'yourPhoneNumber.description: null (a number without a friendly name)',
    body: vary(received, { 'yourPhoneNumber.description': null }),
    drift: [['yourPhoneNumber.description', 'unexpected_type', 'null']],
    check: (events) => {
      expect(only(events)).toMatchObject({ type: 'message.received', to: '+14239309346' });
      expect(only(events).rawExact).toBe(false);
    },
  },
  {
    name: 'yourPhoneNumber.externalPhoneId absent',
    body: vary(received, { 'yourPhoneNumber.externalPhoneId': REMOVE }),
    drift: [['yourPhoneNumber.externalPhoneId', 'missing', 'absent']],
  },
  {
    name: 'yourPhoneNumber.id as a string',
    body: vary(received, { 'yourPhoneNumber.id': '7250' }),
    drift: [['yourPhoneNumber.id', 'coerced', 'string']],
  },
  {
    name: 'conversation.message: null (an MMS without text)',
    body: vary(extended, { 'conversation.message': null }),
    drift: [['conversation.message', 'unexpected_type', 'null']],
    check: (events) =>
      expect(only(events)).toMatchObject({
        text: null,
        intent: null,
        media: [
          {
            url: 'https://mms.example.com/attachments/42045/part-photo.jpg',
            contentType: 'image/jpeg',
          },
        ],
      }),
  },
  {
    name: 'conversation.message absent',
    body: vary(received, { 'conversation.message': REMOVE }),
    drift: [['conversation.message', 'missing', 'absent']],
  },
  {
    name: 'conversation.consumerFriendlyName absent',
    body: vary(received, { 'conversation.consumerFriendlyName': REMOVE }),
    drift: [['conversation.consumerFriendlyName', 'missing', 'absent']],
    check: (events) => expect(only(events)).toMatchObject({ contact: { name: null } }),
  },
  {
    name: 'conversation.id as a string',
    body: vary(received, { 'conversation.id': '42045' }),
    drift: [['conversation.id', 'coerced', 'string']],
    check: (events) => expect(only(events)).toMatchObject({ conversationId: '42045' }),
  },
  {
    name: 'conversation.id: null',
    body: vary(received, { 'conversation.id': null }),
    drift: [['conversation.id', 'unexpected_type', 'null']],
    check: (events) => expect(only(events)).toMatchObject({ conversationId: null }),
  },
  {
    name: 'conversation.date: null',
    body: vary(received, { 'conversation.date': null }),
    drift: [['conversation.date', 'unexpected_type', 'null']],
    check: (events) => expect(only(events).occurredAt).toBeNull(),
  },
  {
    name: 'conversation.date as epoch milliseconds',
    body: vary(received, { 'conversation.date': 1539221326596 }),
    drift: [['conversation.date', 'coerced', 'number']],
    check: (events) => expect(only(events).occurredAt).toBe('2018-10-11T01:28:46.596Z'),
  },
  {
    name: 'messageDirection "r" in lower case',
    body: vary(received, { 'conversation.messageDirection': 'r' }),
    drift: [['conversation.messageDirection', 'coerced', 'string']],
    check: (events) => expect(only(events).type).toBe('message.received'),
  },
  {
    name: 'messageDirection " S " with spaces',
    body: vary(received, { 'conversation.messageDirection': ' S ' }),
    drift: [['conversation.messageDirection', 'coerced', 'string']],
    check: (events) =>
      expect(only(events)).toMatchObject({ type: 'message.sent', to: '+14232074721' }),
  },
  {
    name: 'numSegments as a string',
    body: vary(extended, { 'conversation.numSegments': '2' }),
    drift: [['conversation.numSegments', 'coerced', 'string']],
  },
  {
    name: 'mmsAttachments: null',
    body: vary(extended, { 'conversation.mmsAttachments': null }),
    drift: [],
    check: (events) => expect(only(events)).toMatchObject({ media: [] }),
  },
  {
    name: 'an attachment without url (dropped from media)',
    body: vary(extended, { 'conversation.mmsAttachments[0].url': REMOVE }),
    drift: [['conversation.mmsAttachments[0].url', 'missing', 'absent']],
    check: (events) => expect(only(events)).toMatchObject({ media: [] }),
  },
  {
    name: 'an attachment whose mimeType is an object',
    body: vary(extended, { 'conversation.mmsAttachments[0].mimeType': { type: 'image' } }),
    drift: [['conversation.mmsAttachments[0].mimeType', 'unexpected_type', 'object']],
    check: (events) =>
      expect(only(events)).toMatchObject({
        media: [
          { url: 'https://mms.example.com/attachments/42045/part-photo.jpg', contentType: null },
        ],
      }),
  },
  {
    name: 'mmsAttachments as one object instead of an array',
    body: vary(extended, {
      'conversation.mmsAttachments': {
        url: 'https://mms.example.com/a.jpg',
        mimeType: 'image/jpeg',
      },
    }),
    drift: [['conversation.mmsAttachments', 'unexpected_type', 'object']],
    check: (events) => expect(only(events)).toMatchObject({ media: [] }),
  },
  {
    name: 'claimedBy: true',
    body: vary(extended, { 'conversation.claimedBy': true }),
    drift: [['conversation.claimedBy', 'unexpected_type', 'boolean']],
  },
  {
    name: 'status as a number',
    body: vary(extended, { 'conversation.status': 3 }),
    drift: [['conversation.status', 'coerced', 'number']],
  },
  {
    name: 'account: null',
    body: vary(received, { account: null }),
    drift: [['account', 'unexpected_type', 'null']],
  },
  {
    name: 'account absent',
    body: vary(received, { account: REMOVE }),
    drift: [['account', 'missing', 'absent']],
  },
  {
    name: 'account.id as a string, externalAccountId as a number',
    body: vary(extended, { 'account.id': '1234', 'account.externalAccountId': 88 }),
    drift: [
      ['account.id', 'coerced', 'string'],
      ['account.externalAccountId', 'coerced', 'number'],
    ],
  },
  {
    name: 'messageUniqueIdentifier as a number',
    body: vary(extended, { messageUniqueIdentifier: 991 }),
    drift: [['messageUniqueIdentifier', 'coerced', 'number']],
    check: (events) => expect(only(events).idempotencyKey).toBe('textrequest:message:991'),
  },
  {
    name: 'a new field in conversation and one at the top',
    body: vary(received, { 'conversation.channel': 'sms', dashboardId: 12 }),
    drift: [
      ['conversation.channel', 'unknown_field', 'string'],
      ['dashboardId', 'unknown_field', 'number'],
    ],
    check: (events) => expect(only(events).rawExact).toBe(true),
  },
  {
    name: 'a sent message with yourPhoneNumber.description and consumerFriendlyName null',
    body: vary('textrequest/message-sent', {
      'yourPhoneNumber.description': null,
      'conversation.consumerFriendlyName': null,
    }),
    drift: [['yourPhoneNumber.description', 'unexpected_type', 'null']],
    check: (events) => expect(only(events).type).toBe('message.sent'),
  },
  {
    name: 'a contact without ContactFriendlyName',
    body: vary(contact, { ContactFriendlyName: REMOVE }),
    drift: [['ContactFriendlyName', 'missing', 'absent']],
    check: (events) => expect(only(events)).toMatchObject({ contact: { name: null } }),
  },
  {
    name: 'a contact with LocationPhoneNumber: null',
    body: vary(contact, { LocationPhoneNumber: null }),
    drift: [['LocationPhoneNumber', 'unexpected_type', 'null']],
    check: (events) => expect(only(events)).toMatchObject({ businessNumber: null }),
  },
  {
    name: 'a contact whose ContactId is a string',
    body: vary(contact, { ContactId: '3998552' }),
    drift: [['ContactId', 'coerced', 'string']],
    check: (events) => {
      expect(only(events)).toMatchObject({ contact: { id: '3998552' } });
      expect(only(events).idempotencyKey).toBe('textrequest:contact:3998552');
    },
  },
  {
    name: 'a contact whose ContactId is past 2^53 (keyed by content)',
    body: vary(contact, { ContactId: 2 ** 53 + 2 }),
    drift: [['ContactId', 'unexpected_type', 'number']],
    check: (events) => {
      expect(only(events)).toMatchObject({ contact: { id: null } });
      expect(only(events).idempotencyKey).toMatch(/^textrequest:contact:~fp:[0-9a-f]{16}$/);
    },
  },
  {
    name: 'a contact whose ContactId is 1e309 in the JSON text',
    body: decodeBody(JSON.stringify(fixtureJson(contact)).replace('3998552', '1e309')),
    drift: [['ContactId', 'unexpected_type', 'number']],
    check: (events) => {
      expect(only(events)).toMatchObject({ contact: { id: null } });
      expect(only(events).idempotencyKey).not.toContain('Infinity');
    },
  },
];

const refused: RefusedCase[] = [
  {
    name: 'a message without messageDirection',
    body: vary(received, { 'conversation.messageDirection': REMOVE }),
    issues: ['conversation.messageDirection'],
  },
  {
    name: 'a message whose messageDirection is "X"',
    body: vary(received, { 'conversation.messageDirection': 'X' }),
    issues: ['conversation.messageDirection'],
  },
  {
    name: 'a message without consumerPhoneNumber',
    body: vary(received, { 'conversation.consumerPhoneNumber': REMOVE }),
    issues: ['conversation.consumerPhoneNumber'],
  },
  {
    name: 'a message with yourPhoneNumber.phoneNumber: null',
    body: vary(received, { 'yourPhoneNumber.phoneNumber': null }),
    issues: ['yourPhoneNumber.phoneNumber'],
  },
  {
    name: 'a message with conversation: null',
    body: vary(received, { conversation: null }),
    issues: ['conversation'],
  },
  {
    name: 'a message without yourPhoneNumber, with descriptive drift besides',
    body: vary(received, { yourPhoneNumber: REMOVE, account: null }),
    issues: ['yourPhoneNumber'],
  },
  {
    name: 'a contact without ContactId',
    body: vary(contact, { ContactId: REMOVE }),
    issues: ['ContactId'],
  },
  {
    name: 'a contact whose ContactId is not a number',
    body: vary(contact, { ContactId: 'c-3998552' }),
    issues: ['ContactId'],
  },
  {
    name: 'a contact with ContactPhoneNumber: null',
    body: vary(contact, { ContactPhoneNumber: null }),
    issues: ['ContactPhoneNumber'],
  },
  // A blank number or id names nothing; as part of a key it would give two events one key.
  {
    name: 'a message with consumerPhoneNumber: ""',
    body: vary(received, { 'conversation.consumerPhoneNumber': '' }),
    issues: ['conversation.consumerPhoneNumber'],
  },
  {
    name: 'a message whose yourPhoneNumber.phoneNumber is whitespace, with descriptive drift besides',
    body: vary(extended, { 'yourPhoneNumber.phoneNumber': ' ', 'conversation.message': null }),
    issues: ['yourPhoneNumber.phoneNumber'],
  },
  {
    name: 'a message with messageDirection: ""',
    body: vary(received, { 'conversation.messageDirection': '' }),
    issues: ['conversation.messageDirection'],
  },
  {
    name: 'a message with both numbers blank',
    body: vary(sent, { 'conversation.consumerPhoneNumber': '', 'yourPhoneNumber.phoneNumber': '' }),
    issues: ['conversation.consumerPhoneNumber', 'yourPhoneNumber.phoneNumber'],
  },
  {
    name: 'a contact with ContactPhoneNumber: ""',
    body: vary(contact, { ContactPhoneNumber: '' }),
    issues: ['ContactPhoneNumber'],
  },
  {
    name: 'a contact with ContactId: ""',
    body: vary(contact, { ContactId: '' }),
    issues: ['ContactId'],
  },
  {
    name: 'a contact update with phone_number: ""',
    body: vary('textrequest/contact-updated', { phone_number: '' }),
    issues: ['phone_number'],
  },
  {
    name: 'a delivery status with message_id: ""',
    body: vary('textrequest/message-status', { message_id: '' }),
    issues: ['message_id'],
  },
  {
    name: 'a delivery status whose status is whitespace',
    body: vary('textrequest/message-status-error', { status: '  ' }),
    issues: ['status'],
  },
  {
    name: 'a location with MessageId: ""',
    body: vary('textrequest/location-received', { MessageId: '' }),
    issues: ['MessageId'],
  },
  {
    name: 'a payment with payment_id: ""',
    body: vary('textrequest/payment-status-updated', { payment_id: '' }),
    issues: ['payment_id'],
  },
  {
    name: 'a payment with status: "", with descriptive drift besides',
    body: vary('textrequest/payment-status-updated', { status: '', reference_id: 7 }),
    issues: ['status'],
  },
  { name: 'a JSON array', body: [fixtureJson(received)], issues: [''] },
];

describeToleranceTable('textrequest', tolerated, refused);

import { readdirSync, readFileSync } from 'node:fs';
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
import { thrown } from '../../../test/support/thrown.js';
import {
  isTextRequestMessage,
  parseTextRequestWebhook,
  safeParseTextRequestWebhook,
  textRequestProvider,
} from './index.js';

const fixtures = {
  messageSent,
  messageReceived,
  messageReceivedExtended,
  contactCreated,
  contactUpdated,
  messageStatus,
  messageStatusError,
  locationReceived,
  paymentStatusUpdated,
};

/** Every fixture of the other providers that exists, as [name, parsed JSON]. */
function otherProvidersFixtures(): [string, unknown][] {
  return ['telmetrics', 'textlink'].flatMap((provider) => {
    const folder = new URL(`../../../fixtures/${provider}/`, import.meta.url);
    return readdirSync(folder)
      .filter((name) => name.endsWith('.json'))
      .map((name): [string, unknown] => [
        `${provider}/${name}`,
        JSON.parse(readFileSync(new URL(name, folder), 'utf8')),
      ]);
  });
}

describe('parseTextRequestWebhook', () => {
  it.each(Object.entries(fixtures))('returns the %s fixture as sent', (_, fixture) => {
    expect(parseTextRequestWebhook(fixture)).toEqual(fixture);
  });

  it('reads the raw body as a string or as bytes', () => {
    const text = JSON.stringify(messageReceivedExtended);
    expect(parseTextRequestWebhook(text)).toEqual(messageReceivedExtended);
    expect(parseTextRequestWebhook(new TextEncoder().encode(text))).toEqual(
      messageReceivedExtended,
    );
  });

  it('tells the two kinds of body apart', () => {
    const message = parseTextRequestWebhook(messageSent);
    const contact = parseTextRequestWebhook(contactCreated);
    expect(isTextRequestMessage(message)).toBe(true);
    expect(isTextRequestMessage(contact)).toBe(false);
  });

  it('names each unusable identifying field of a message body', () => {
    const error = thrown(() =>
      parseTextRequestWebhook({
        ...messageSent,
        conversation: { ...messageSent.conversation, id: 'c-42045', messageDirection: 'X' },
        yourPhoneNumber: { ...messageSent.yourPhoneNumber, phoneNumber: null },
      }),
    );
    expect(error.code).toBe('invalid_payload');
    expect(error.provider).toBe('textrequest');
    expect(error.issues).toEqual([
      { path: 'yourPhoneNumber.phoneNumber', message: 'expected string, received null' },
      { path: 'conversation.messageDirection', message: 'expected ("S" | "R"), received string' },
    ]);
    expect(error.message).toBe(
      'Invalid textrequest payload: yourPhoneNumber.phoneNumber: expected string, received null (and 1 more)',
    );
  });

  it('refuses a v3 body only for an unusable identifying field, naming it', () => {
    expect(
      thrown(() => parseTextRequestWebhook({ ...messageStatus, message_id: null })).issues,
    ).toEqual([{ path: 'message_id', message: 'expected string, received null' }]);
    expect(
      thrown(() => parseTextRequestWebhook({ ...paymentStatusUpdated, status: [] })).issues,
    ).toEqual([{ path: 'status', message: 'expected string, received array' }]);
    expect(
      thrown(() => parseTextRequestWebhook({ ...locationReceived, Latitude: null })).issues,
    ).toEqual([{ path: 'Latitude', message: 'expected number, received null' }]);
  });

  it('reads a wrong descriptive field of a v3 body as null and reports it', () => {
    const result = safeParseTextRequestWebhook({ ...contactUpdated, groups: 'vip' });
    expect(result.success).toBe(true);
    if (result.success) {
      expect(result.drift.map((report) => [report.path, report.kind])).toEqual([
        ['groups', 'unexpected_type'],
      ]);
    }
  });

  it('names each unusable identifying field of a contact body', () => {
    const error = thrown(() =>
      parseTextRequestWebhook({ ...contactCreated, ContactPhoneNumber: [19143334444] }),
    );
    expect(error.issues).toEqual([
      { path: 'ContactPhoneNumber', message: 'expected string, received array' },
    ]);
  });

  it('checks a body of neither kind as a message, naming the identifying objects missing', () => {
    const error = thrown(() => parseTextRequestWebhook({}));
    expect(error.issues.map((issue) => issue.path)).toEqual(['yourPhoneNumber', 'conversation']);
    expect(thrown(() => parseTextRequestWebhook([])).code).toBe('invalid_payload');
  });

  it('reports a body that is not JSON as invalid_json from textrequest', () => {
    const error = thrown(() => parseTextRequestWebhook('{"account":'));
    expect(error).toMatchObject({ code: 'invalid_json', provider: 'textrequest' });
    expect(error.issues).toEqual([{ path: '', message: 'body is not valid JSON' }]);
  });
});

describe('safeParseTextRequestWebhook', () => {
  it('returns the body when it is valid', () => {
    expect(safeParseTextRequestWebhook(contactCreated)).toEqual({
      success: true,
      output: contactCreated,
      drift: [],
    });
  });

  it('never throws, whatever it is given', () => {
    const hostile = new Proxy(
      {},
      {
        get() {
          throw new Error('boom');
        },
        has() {
          throw new Error('boom');
        },
        getOwnPropertyDescriptor() {
          throw new Error('boom');
        },
      },
    );
    for (const input of [
      undefined,
      null,
      0,
      'not json',
      new Uint8Array([0xff]),
      [],
      { conversation: 1 },
      hostile,
    ]) {
      const result = safeParseTextRequestWebhook(input);
      expect(result.success).toBe(false);
      if (!result.success) expect(result.error.provider).toBe('textrequest');
    }
  });
});

describe('textRequestProvider', () => {
  it('describes itself', () => {
    expect(textRequestProvider).toMatchObject({
      id: 'textrequest',
      name: 'Text Request',
      kinds: [],
    });
  });

  it.each(Object.entries(fixtures))('detects the %s fixture', (_, fixture) => {
    expect(textRequestProvider.detect(fixture)).toBe(true);
  });

  it('does not detect the other providers’ documented bodies', () => {
    const samples: [string, unknown][] = [
      [
        'textlink received',
        { secret: 's', phone_number: '+381690156360', text: 'General Kenobi', tag: 'Cold' },
      ],
      [
        'textlink tag change',
        { name: 'A', phone_number: '+381690156360', tag: 'Warm', subuser_id: 6 },
      ],
      [
        'telmetrics envelope',
        {
          Id: '0bdacf54acd6480086b9f9b6c1baa50b',
          Attempt: 1,
          Properties: { CollectionType: 'SmsDetails' },
          Notifications: [{ Action: 'SmsDetails.SmsConversationStart', ConversationId: 'x' }],
        },
      ],
      ...otherProvidersFixtures(),
    ];
    for (const [name, sample] of samples) {
      expect([name, textRequestProvider.detect(sample)]).toEqual([name, false]);
    }
  });

  it('detects only objects, and never throws', () => {
    const hostile = new Proxy(
      {},
      {
        get() {
          throw new Error('boom');
        },
      },
    );
    for (const input of [
      null,
      undefined,
      'conversation',
      42,
      [messageSent],
      Object.assign([], { conversation: {}, yourPhoneNumber: {} }),
      { conversation: [], yourPhoneNumber: {} },
      { conversation: {}, yourPhoneNumber: null },
      { ContactId: 1 },
      hostile,
    ]) {
      expect(textRequestProvider.detect(input)).toBe(false);
    }
  });

  it('tells a contact update from a TextLink body, which also has phone_number', () => {
    expect(textRequestProvider.detect(contactUpdated)).toBe(true);
    expect(textRequestProvider.detect({ phone_number: '13216547890', is_blocked: false })).toBe(
      true,
    );
    expect(textRequestProvider.detect({ phone_number: '13216547890' })).toBe(false);
    expect(
      textRequestProvider.detect({ phone_number: '+381690156360', text: 'Hi', tag: 'Cold' }),
    ).toBe(false);
  });

  it('parses and normalizes in one step', () => {
    expect(
      textRequestProvider.parse(messageReceived).map((event) => [event.type, event.provider]),
    ).toEqual([['message.received', 'textrequest']]);
    expect(textRequestProvider.parse(contactCreated)).toMatchObject([
      { type: 'contact.created', contact: { id: '3998552' } },
    ]);
    const error = thrown(() => textRequestProvider.parse({ ...contactCreated, ContactId: null }));
    expect(error.issues).toEqual([
      { path: 'ContactId', message: 'expected number, received null' },
    ]);
  });
});

import { describe, expect, it } from 'vitest';
import failed from '../../../fixtures/textlink/failed.json' with { type: 'json' };
import howItWorks from '../../../fixtures/textlink/how-it-works.json' with { type: 'json' };
import received from '../../../fixtures/textlink/received.json' with { type: 'json' };
import sent from '../../../fixtures/textlink/sent.json' with { type: 'json' };
import tagChanged from '../../../fixtures/textlink/tag-changed.json' with { type: 'json' };
import { thrown } from '../../../test/support/thrown.js';
import { fingerprint } from '../../normalize/fingerprint.js';
import { parseTextLinkWebhook } from './index.js';
import type { TextLinkParsedPayloads } from './normalize.js';
import {
  normalizeTextLinkFailedMessage,
  normalizeTextLinkPayload,
  normalizeTextLinkReceivedMessage,
  normalizeTextLinkSentMessage,
  normalizeTextLinkTagChange,
} from './normalize.js';
import type { TextLinkKind } from './schema.js';

function parsed<K extends TextLinkKind>(kind: K, body: unknown): TextLinkParsedPayloads[K] {
  return parseTextLinkWebhook(body, { kind });
}

describe('normalizeTextLinkReceivedMessage', () => {
  it('turns the documented received sample into a message.received event', () => {
    const raw = {
      phone_number: '+381690156360',
      text: 'General Kenobi',
      tag: 'Cold',
      name: 'Aleksandar Spremo',
    };
    expect(normalizeTextLinkReceivedMessage(parsed('received', received))).toEqual({
      type: 'message.received',
      provider: 'textlink',
      idempotencyKey: `textlink:received:${fingerprint(raw)}`,
      occurredAt: null,
      rawExact: true,
      raw,
      from: '+381690156360',
      to: null,
      text: 'General Kenobi',
      conversationId: null,
      messageId: null,
      contact: {
        id: null,
        name: 'Aleksandar Spremo',
        phoneNumber: '+381690156360',
        tag: 'Cold',
        address: null,
      },
      media: [],
      intent: null,
    });
  });

  it('turns the generic "How it works" sample into a message.received event', () => {
    const raw = { phone_number: '+11234567890', text: 'Working!', timestamp: 1748455363370 };
    expect(normalizeTextLinkReceivedMessage(parsed('received', howItWorks))).toEqual({
      type: 'message.received',
      provider: 'textlink',
      idempotencyKey: `textlink:received:${fingerprint(raw)}`,
      occurredAt: '2025-05-28T18:02:43.370Z',
      rawExact: true,
      raw,
      from: '+11234567890',
      to: null,
      text: 'Working!',
      conversationId: null,
      messageId: null,
      contact: { id: null, name: null, phoneNumber: '+11234567890', tag: null, address: null },
      media: [],
      intent: null,
    });
  });

  it.each([
    ['STOP', 'opt_out'],
    [' unsubscribe ', 'opt_out'],
    ['Start', 'opt_in'],
    ['help', 'help'],
    ['please stop texting', null],
  ] as const)('reads the intent of %j as %s', (text, intent) => {
    expect(normalizeTextLinkReceivedMessage(parsed('received', { ...received, text })).intent).toBe(
      intent,
    );
  });

  it('turns empty text, name and tag into null', () => {
    const event = normalizeTextLinkReceivedMessage(
      parsed('received', { ...received, text: '', name: '', tag: null }),
    );
    expect(event.text).toBeNull();
    expect(event.intent).toBeNull();
    expect(event.contact).toEqual({
      id: null,
      name: null,
      phoneNumber: '+381690156360',
      tag: null,
      address: null,
    });
  });

  it('normalizes the phone number to E.164 where the digits allow it', () => {
    const event = normalizeTextLinkReceivedMessage(
      parsed('received', { ...received, phone_number: '(905) 580-2958' }),
    );
    expect(event.from).toBe('+19055802958');
    expect(event.contact?.phoneNumber).toBe('+19055802958');
    expect(event.raw.phone_number).toBe('(905) 580-2958');
  });

  it('reads a timestamp sent as a string of digits like the number', () => {
    const asNumber = normalizeTextLinkReceivedMessage(parsed('received', howItWorks));
    const asString = normalizeTextLinkReceivedMessage(
      parsed('received', { ...howItWorks, timestamp: '1748455363370' }),
    );
    expect(asString.occurredAt).toBe('2025-05-28T18:02:43.370Z');
    expect(asString.occurredAt).toBe(asNumber.occurredAt);
  });

  it('keeps unknown fields in raw and drops only the secret', () => {
    const event = normalizeTextLinkReceivedMessage(
      parsed('received', { ...received, sim_card_id: 4, media_url: 'https://x.test/a.jpg' }),
    );
    expect(event.raw).toEqual({
      phone_number: '+381690156360',
      text: 'General Kenobi',
      tag: 'Cold',
      name: 'Aleksandar Spremo',
      sim_card_id: 4,
      media_url: 'https://x.test/a.jpg',
    });
    expect(Object.hasOwn(event.raw, 'secret')).toBe(false);
  });
});

describe('normalizeTextLinkSentMessage', () => {
  it('turns the documented sent sample into a message.sent event', () => {
    const raw = {
      phone_number: '+381690156360',
      text: 'Hello there',
      portal: true,
      timestamp: 1748463114559,
      sim_card_id: 123,
    };
    expect(normalizeTextLinkSentMessage(parsed('sent', sent))).toEqual({
      type: 'message.sent',
      provider: 'textlink',
      idempotencyKey: `textlink:sent:${fingerprint(raw)}`,
      occurredAt: '2025-05-28T20:11:54.559Z',
      rawExact: true,
      raw,
      from: null,
      to: '+381690156360',
      text: 'Hello there',
      conversationId: null,
      messageId: null,
      contact: { id: null, name: null, phoneNumber: '+381690156360', tag: null, address: null },
      media: [],
    });
  });

  it('has no intent, as the message went out', () => {
    const event = normalizeTextLinkSentMessage(parsed('sent', { ...sent, text: 'STOP' }));
    expect(event).not.toHaveProperty('intent');
  });
});

describe('normalizeTextLinkFailedMessage', () => {
  it('turns the documented failed sample into a message.failed event keyed by textlink_id', () => {
    expect(normalizeTextLinkFailedMessage(parsed('failed', failed))).toEqual({
      type: 'message.failed',
      provider: 'textlink',
      idempotencyKey: 'textlink:failed:100123',
      occurredAt: '2025-05-28T20:11:54.559Z',
      rawExact: true,
      raw: {
        phone_number: '+381690156360',
        text: 'Hello there',
        portal: true,
        timestamp: 1748463114559,
        textlink_id: 100123,
        custom_id: '1234',
        sim_card_id: 123,
      },
      from: null,
      to: '+381690156360',
      text: 'Hello there',
      conversationId: null,
      messageId: '100123',
      contact: { id: null, name: null, phoneNumber: '+381690156360', tag: null, address: null },
      media: [],
      status: 'failed',
      providerStatus: null,
      errorCode: null,
    });
  });

  it('gives a textlink_id sent as a string the same id and key', () => {
    const event = normalizeTextLinkFailedMessage(
      parsed('failed', { ...failed, textlink_id: '100123' }),
    );
    expect(event.messageId).toBe('100123');
    expect(event.idempotencyKey).toBe('textlink:failed:100123');
  });

  it('falls back to a fingerprint key when textlink_id is missing', () => {
    const { secret: _secret, textlink_id: _id, ...raw } = failed;
    const event = normalizeTextLinkFailedMessage(parsed('failed', { ...raw, secret: 's' }));
    expect(event.messageId).toBeNull();
    expect(event.idempotencyKey).toBe(`textlink:failed:${fingerprint(raw)}`);
  });
});

describe('normalizeTextLinkTagChange', () => {
  it('turns the documented tag change sample into a contact.tag_changed event', () => {
    const raw = {
      name: 'Aleksandar Spremo',
      phone_number: '+381690156360',
      tag: 'Warm',
      subuser_id: 6,
    };
    expect(normalizeTextLinkTagChange(parsed('tag_changed', tagChanged))).toEqual({
      type: 'contact.tag_changed',
      provider: 'textlink',
      idempotencyKey: `textlink:tag_changed:${fingerprint(raw)}`,
      occurredAt: null,
      rawExact: true,
      raw,
      contact: {
        id: null,
        name: 'Aleksandar Spremo',
        phoneNumber: '+381690156360',
        tag: 'Warm',
        address: null,
      },
      tag: 'Warm',
      subaccountId: '6',
    });
  });

  it('reports the admin account as a null sub-account and an emptied tag as null', () => {
    const { subuser_id: _subuser, name: _name, ...body } = tagChanged;
    const event = normalizeTextLinkTagChange(parsed('tag_changed', { ...body, tag: '' }));
    expect(event.subaccountId).toBeNull();
    expect(event.tag).toBeNull();
    expect(event.contact).toEqual({
      id: null,
      name: null,
      phoneNumber: '+381690156360',
      tag: null,
      address: null,
    });
  });

  it('reads a subuser_id and timestamp sent as strings', () => {
    const event = normalizeTextLinkTagChange(
      parsed('tag_changed', { ...tagChanged, subuser_id: '6', timestamp: '1748463114559' }),
    );
    expect(event.subaccountId).toBe('6');
    expect(event.occurredAt).toBe('2025-05-28T20:11:54.559Z');
  });
});

describe('normalizeTextLinkPayload', () => {
  it('dispatches on the kind', () => {
    expect(normalizeTextLinkPayload('received', parsed('received', howItWorks)).type).toBe(
      'message.received',
    );
    // The same body read as another kind gives another event type and another key.
    const asSent = normalizeTextLinkPayload('sent', parsed('sent', howItWorks));
    expect(asSent.type).toBe('message.sent');
    expect(asSent.idempotencyKey.startsWith('textlink:sent:')).toBe(true);
    expect(normalizeTextLinkPayload('failed', parsed('failed', failed)).type).toBe(
      'message.failed',
    );
    expect(normalizeTextLinkPayload('tag_changed', parsed('tag_changed', tagChanged)).type).toBe(
      'contact.tag_changed',
    );
  });
});

describe('phone numbers and intents in the events', () => {
  it.each([
    ['+381690156360', '+381690156360'],
    ['9055802958', '+19055802958'],
    ['1 (905) 580-2958', '+19055802958'],
    ['+44 (0) 20 7946 0958', '+442079460958'],
    [' +381 69 015 6360 ', '+381690156360'],
    ['24242', '24242'],
    ['905219CARS', '905219CARS'],
    ['0044 20 7946 0958', '0044 20 7946 0958'],
  ])(
    'gives phone_number %j as %j in every kind, the raw body keeping it as sent',
    (sentAs, number) => {
      const inbound = normalizeTextLinkReceivedMessage(
        parsed('received', { ...received, phone_number: sentAs }),
      );
      expect([inbound.from, inbound.contact?.phoneNumber, inbound.raw.phone_number]).toEqual([
        number,
        number,
        sentAs,
      ]);
      const outbound = [
        normalizeTextLinkSentMessage(parsed('sent', { ...sent, phone_number: sentAs })),
        normalizeTextLinkFailedMessage(parsed('failed', { ...failed, phone_number: sentAs })),
      ];
      for (const event of outbound) {
        expect([event.from, event.to, event.contact?.phoneNumber, event.raw.phone_number]).toEqual([
          null,
          number,
          number,
          sentAs,
        ]);
      }
      const tag = normalizeTextLinkTagChange(
        parsed('tag_changed', { ...tagChanged, phone_number: sentAs }),
      );
      expect([tag.contact.phoneNumber, tag.raw.phone_number]).toEqual([number, sentAs]);
    },
  );

  it("uses the user's phone number parser in every kind", () => {
    const phoneNumberParser = (value: string) =>
      value === '069 015 6360' ? '+381690156360' : null;
    const options = { phoneNumberParser };
    const local = '069 015 6360';
    expect(
      normalizeTextLinkReceivedMessage(
        parsed('received', { ...received, phone_number: local }),
        options,
      ).from,
    ).toBe('+381690156360');
    expect(
      normalizeTextLinkSentMessage(parsed('sent', { ...sent, phone_number: local }), options).to,
    ).toBe('+381690156360');
    expect(
      normalizeTextLinkFailedMessage(parsed('failed', { ...failed, phone_number: local }), options)
        .to,
    ).toBe('+381690156360');
    expect(
      normalizeTextLinkTagChange(
        parsed('tag_changed', { ...tagChanged, phone_number: local }),
        options,
      ).contact.phoneNumber,
    ).toBe('+381690156360');
    // A null from the parser keeps TextLink's string, even one the built-in reading would convert.
    expect(
      normalizeTextLinkReceivedMessage(
        parsed('received', { ...received, phone_number: '9055802958' }),
        options,
      ).from,
    ).toBe('9055802958');
  });

  it.each([
    ['STOP', undefined, 'opt_out'],
    ['Stop.', undefined, 'opt_out'],
    ['ＳＴＯＰ！', undefined, 'opt_out'],
    ['opt  out', undefined, 'opt_out'],
    ['Yes', undefined, 'opt_in'],
    ['INFO?', undefined, 'help'],
    ['Arrêt', undefined, null],
    ['Arrêt', { optOut: { add: ['ARRÊT'] } }, 'opt_out'],
    ['STOP', { optOut: ['ARRÊT'] }, null],
    ['stop now', undefined, null],
  ] as const)('reads the text %j with keywords %j as %s', (text, intentKeywords, intent) => {
    const options = intentKeywords === undefined ? undefined : { intentKeywords };
    const event = normalizeTextLinkReceivedMessage(
      parsed('received', { ...received, text }),
      options,
    );
    expect(event.text).toBe(text);
    expect(event.intent).toBe(intent);
  });
});

describe('ids past 2^53', () => {
  // 2^53 + 2 is an integer JSON can carry but a JavaScript number cannot tell from its neighbours.
  const unsafe = 2 ** 53 + 2;
  const failedBody = { ...failed, textlink_id: unsafe };
  const tagBody = { ...tagChanged, subuser_id: unsafe };
  const idDrift = (path: string) => ({
    provider: 'textlink',
    path,
    kind: 'unexpected_type',
    expected: 'number: safe integer',
    received: 'number',
  });
  const refusal = (path: string) => ({
    name: 'SmsWebhookError',
    code: 'invalid_payload',
    provider: 'textlink',
    message: `Invalid textlink payload: ${path}: unexpected type: expected number: safe integer, received number`,
    issues: [{ path, message: 'unexpected type: expected number: safe integer, received number' }],
  });

  it('key a failed message by its content and report textlink_id as drift', () => {
    const drift: unknown[] = [];
    const onDrift = (report: unknown) => drift.push(report);
    const event = normalizeTextLinkFailedMessage(parsed('failed', failedBody), { onDrift });
    const { secret: _secret, ...raw } = failedBody;
    expect(event.messageId).toBeNull();
    expect(event.idempotencyKey).toBe(`textlink:failed:${fingerprint(raw)}`);
    expect(drift).toEqual([idDrift('textlink_id')]);
    expect(normalizeTextLinkPayload('failed', parsed('failed', failedBody), { onDrift })).toEqual(
      event,
    );
    expect(drift).toEqual([idDrift('textlink_id'), idDrift('textlink_id')]);
  });

  it('give a tag change no sub-account and report subuser_id as drift', () => {
    const drift: unknown[] = [];
    const onDrift = (report: unknown) => drift.push(report);
    const event = normalizeTextLinkTagChange(parsed('tag_changed', tagBody), { onDrift });
    expect(event.subaccountId).toBeNull();
    expect(event.tag).toBe('Warm');
    expect(drift).toEqual([idDrift('subuser_id')]);
    expect(
      normalizeTextLinkPayload('tag_changed', parsed('tag_changed', tagBody), { onDrift }),
    ).toEqual(event);
    expect(drift).toHaveLength(2);
  });

  it('are refused under strict, the error naming TextLink and the field, not the value', () => {
    const strict = { strict: true } as const;
    const cases = [
      [() => normalizeTextLinkFailedMessage(parsed('failed', failedBody), strict), 'textlink_id'],
      [
        () => normalizeTextLinkPayload('failed', parsed('failed', failedBody), strict),
        'textlink_id',
      ],
      [() => normalizeTextLinkTagChange(parsed('tag_changed', tagBody), strict), 'subuser_id'],
      [
        () => normalizeTextLinkPayload('tag_changed', parsed('tag_changed', tagBody), strict),
        'subuser_id',
      ],
    ] as const;
    for (const [run, path] of cases) {
      const error = thrown(run);
      expect(error).toMatchObject(refusal(path));
      expect(JSON.stringify(error)).not.toContain(String(unsafe).slice(0, 10));
      expect(String(error)).not.toContain(String(unsafe).slice(0, 10));
    }
  });

  it('leave safe ids and the other kinds without drift, under strict too', () => {
    const drift: unknown[] = [];
    const options = { strict: true, onDrift: (report: unknown) => drift.push(report) };
    expect(normalizeTextLinkFailedMessage(parsed('failed', failed), options).messageId).toBe(
      '100123',
    );
    expect(
      normalizeTextLinkTagChange(parsed('tag_changed', tagChanged), options).subaccountId,
    ).toBe('6');
    expect(normalizeTextLinkReceivedMessage(parsed('received', received), options).from).toBe(
      '+381690156360',
    );
    expect(normalizeTextLinkSentMessage(parsed('sent', sent), options).to).toBe('+381690156360');
    expect(drift).toEqual([]);
  });
});

describe('idempotency keys', () => {
  const all = [
    ['received', received],
    ['received', howItWorks],
    ['sent', sent],
    ['failed', failed],
    ['tag_changed', tagChanged],
  ] as const;

  it.each(all)('are equal for a redelivery of the same %s body', (kind, body) => {
    const first = normalizeTextLinkPayload(kind, parsed(kind, structuredClone(body)));
    const again = normalizeTextLinkPayload(kind, parsed(kind, JSON.parse(JSON.stringify(body))));
    expect(again.idempotencyKey).toBe(first.idempotencyKey);
  });

  it('do not depend on the order of the fields', () => {
    const reversed = Object.fromEntries(Object.entries(received).reverse());
    expect(normalizeTextLinkReceivedMessage(parsed('received', reversed)).idempotencyKey).toBe(
      normalizeTextLinkReceivedMessage(parsed('received', received)).idempotencyKey,
    );
  });

  it('do not depend on the secret, so rotating it does not make a redelivery look new', () => {
    expect(
      normalizeTextLinkSentMessage(parsed('sent', { ...sent, secret: 'rotated' })).idempotencyKey,
    ).toBe(normalizeTextLinkSentMessage(parsed('sent', sent)).idempotencyKey);
  });

  it('differ when any field differs', () => {
    const variants = [
      received,
      { ...received, text: 'General Kenobi!' },
      { ...received, phone_number: '+381690156361' },
      { ...received, tag: 'Warm' },
      { ...received, name: null },
      { ...received, timestamp: 1 },
      { ...received, timestamp: 2 },
    ];
    const keys = variants.map(
      (body) => normalizeTextLinkReceivedMessage(parsed('received', body)).idempotencyKey,
    );
    expect(new Set(keys).size).toBe(variants.length);
  });

  it('stay the same when a redelivery carries fields that are not documented', () => {
    const key = (body: object) =>
      normalizeTextLinkReceivedMessage(parsed('received', body)).idempotencyKey;
    expect(key({ ...received, unknown: true, attempt: 2 })).toBe(key(received));
  });

  it('differ between the kinds and between two failed messages', () => {
    const keys = [
      normalizeTextLinkReceivedMessage(parsed('received', howItWorks)).idempotencyKey,
      normalizeTextLinkSentMessage(parsed('sent', howItWorks)).idempotencyKey,
      normalizeTextLinkFailedMessage(parsed('failed', howItWorks)).idempotencyKey,
      normalizeTextLinkFailedMessage(parsed('failed', failed)).idempotencyKey,
      normalizeTextLinkFailedMessage(parsed('failed', { ...failed, textlink_id: 100124 }))
        .idempotencyKey,
    ];
    expect(new Set(keys).size).toBe(keys.length);
  });
});

import { existsSync, readdirSync, readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import failed from '../../../fixtures/textlink/failed.json' with { type: 'json' };
import howItWorks from '../../../fixtures/textlink/how-it-works.json' with { type: 'json' };
import received from '../../../fixtures/textlink/received.json' with { type: 'json' };
import sent from '../../../fixtures/textlink/sent.json' with { type: 'json' };
import tagChanged from '../../../fixtures/textlink/tag-changed.json' with { type: 'json' };
import { thrown } from '../../../test/support/thrown.js';
import { SmsWebhookError } from '../../errors/SmsWebhookError.js';
import { textRequestContactUpdatedMarkers } from '../textrequest/schema.js';
import {
  detectTextLinkPayload,
  normalizeTextLinkWebhook,
  parseTextLinkWebhook,
  safeParseTextLinkWebhook,
  type TextLinkKind,
  textLinkKinds,
  textLinkProvider,
} from './index.js';

const fixtures = { received, sent, failed, tagChanged, howItWorks };

/** Everything a user could see of an error: message, issues, its JSON and its string form. */
function visible(error: unknown): string {
  if (!(error instanceof Error)) return JSON.stringify(error);
  return [
    error.message,
    String(error),
    error.stack ?? '',
    JSON.stringify(error),
    JSON.stringify((error as SmsWebhookError).issues ?? null),
    error.cause === undefined ? '' : String(error.cause),
  ].join('\n');
}

describe('parseTextLinkWebhook', () => {
  it('returns the typed body, secret and unknown fields included', () => {
    const body = { ...failed, retry: 2 };
    expect(parseTextLinkWebhook(body, { kind: 'failed' })).toEqual(body);
  });

  it('accepts the raw body as a string or UTF-8 bytes', () => {
    const text = JSON.stringify(sent);
    expect(parseTextLinkWebhook(text, { kind: 'sent' })).toEqual(sent);
    expect(parseTextLinkWebhook(new TextEncoder().encode(text))).toEqual(sent);
  });

  it('throws invalid_json naming textlink for a body that is not JSON or not UTF-8', () => {
    for (const body of ['{"phone_number":', new Uint8Array([0xc3])]) {
      const error = thrown(() => parseTextLinkWebhook(body));
      expect(error).toBeInstanceOf(SmsWebhookError);
      expect(error).toMatchObject({ code: 'invalid_json', provider: 'textlink' });
    }
  });

  it('reads with the schema of the kind it is given, reporting drift', () => {
    const drift: unknown[] = [];
    const body = parseTextLinkWebhook(tagChanged, {
      kind: 'received',
      onDrift: (report) => drift.push(report),
    });
    expect(body).toEqual({ ...tagChanged, text: null });
    expect(drift).toEqual([
      {
        provider: 'textlink',
        path: 'text',
        kind: 'missing',
        expected: 'string',
        received: 'absent',
      },
      {
        provider: 'textlink',
        path: 'subuser_id',
        kind: 'unknown_field',
        expected: 'no such field',
        received: 'number',
      },
    ]);
    const error = thrown(() =>
      parseTextLinkWebhook(tagChanged, { kind: 'received', strict: true }),
    );
    expect(error).toMatchObject({
      code: 'invalid_payload',
      provider: 'textlink',
      message: 'Invalid textlink payload: text: missing: expected string, received absent',
      issues: [{ path: 'text', message: 'missing: expected string, received absent' }],
    });
  });

  it('infers the kind when none is given', () => {
    expect(parseTextLinkWebhook(tagChanged)).toEqual(tagChanged);
    const error = thrown(() =>
      parseTextLinkWebhook({ ...failed, textlink_id: 'x1' }, { strict: true }),
    );
    expect((error as SmsWebhookError).issues).toEqual([
      {
        path: 'textlink_id',
        message:
          'unexpected type: expected (number: integer, min value | string: digits), received string',
      },
    ]);
  });

  it('refuses a kind TextLink does not have', () => {
    const error = thrown(() => parseTextLinkWebhook(received, { kind: 'tag-changed' as never }));
    expect(error).toMatchObject({
      code: 'invalid_payload',
      issues: [{ path: '', message: 'kind must be one of received, sent, failed, tag_changed' }],
    });
  });
});

describe('safeParseTextLinkWebhook', () => {
  it('returns the body on success', () => {
    expect(safeParseTextLinkWebhook(received, { kind: 'received' })).toEqual({
      success: true,
      output: received,
      drift: [],
    });
    expect(safeParseTextLinkWebhook({ ...sent, portal: 1 }, { kind: 'sent' })).toEqual({
      success: true,
      output: { ...sent, portal: null },
      drift: [
        {
          provider: 'textlink',
          path: 'portal',
          kind: 'unexpected_type',
          expected: 'boolean',
          received: 'number',
        },
      ],
    });
  });

  it('returns the error on failure', () => {
    const result = safeParseTextLinkWebhook({ ...sent, phone_number: null }, { kind: 'sent' });
    expect(result.success).toBe(false);
    if (result.success) return;
    expect(result.error).toBeInstanceOf(SmsWebhookError);
    expect(result.error.issues).toEqual([
      { path: 'phone_number', message: 'expected string, received null' },
    ]);
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
        ownKeys() {
          throw new Error('boom');
        },
      },
    );
    const getter = Object.defineProperty({ text: 'x' }, 'phone_number', {
      enumerable: true,
      get() {
        throw new Error('boom');
      },
    });
    for (const body of [hostile, getter, undefined, null, '', new Uint8Array([0xc3]), Symbol()]) {
      const result = safeParseTextLinkWebhook(body);
      expect(result.success).toBe(false);
      if (!result.success) expect(result.error).toBeInstanceOf(SmsWebhookError);
    }
    expect(safeParseTextLinkWebhook(getter)).toMatchObject({
      success: false,
      error: {
        code: 'invalid_payload',
        provider: 'textlink',
        issues: [{ path: '', message: 'the payload could not be read' }],
      },
    });
    fc.assert(
      fc.property(fc.anything(), fc.constantFrom(undefined, ...textLinkKinds), (body, kind) => {
        const result = safeParseTextLinkWebhook(body, { kind });
        expect(typeof result.success).toBe('boolean');
      }),
    );
  });
});

describe('normalizeTextLinkWebhook', () => {
  it('returns one event, of the kind given or inferred', () => {
    expect(normalizeTextLinkWebhook(tagChanged).map((event) => event.type)).toEqual([
      'contact.tag_changed',
    ]);
    expect(
      normalizeTextLinkWebhook(parseTextLinkWebhook(howItWorks, { kind: 'sent' }), {
        kind: 'sent',
      }).map((event) => event.type),
    ).toEqual(['message.sent']);
  });
});

describe('textLinkProvider', () => {
  it('describes TextLink', () => {
    expect(textLinkProvider.id).toBe('textlink');
    expect(textLinkProvider.name).toBe('TextLink');
    expect(textLinkProvider.kinds).toEqual(['received', 'sent', 'failed', 'tag_changed']);
    expect(textLinkProvider.verificationSchemes).toEqual(['body-secret']);
  });

  it.each([
    ['received', received, 'message.received'],
    ['sent', sent, 'message.sent'],
    ['failed', failed, 'message.failed'],
    ['tagChanged', tagChanged, 'contact.tag_changed'],
    ['howItWorks', howItWorks, 'message.received'],
  ] as const)('parses the %s sample into a %s event without a kind', (_name, body, type) => {
    const events = textLinkProvider.parse(body);
    expect(events).toHaveLength(1);
    expect(events[0]?.type).toBe(type);
    expect(events[0]?.provider).toBe('textlink');
  });

  it('honours the kind it is given over the inference', () => {
    const [event] = textLinkProvider.parse(sent, { kind: 'failed' });
    expect(event).toMatchObject({ type: 'message.failed', messageId: null });
  });

  it('throws invalid_payload naming the failing fields', () => {
    const error = thrown(() =>
      textLinkProvider.parse({ phone_number: false, text: 'hi', timestamp: 'now' }),
    );
    expect(error).toBeInstanceOf(SmsWebhookError);
    expect(error).toMatchObject({
      code: 'invalid_payload',
      provider: 'textlink',
      issues: [{ path: 'phone_number', message: 'expected string, received boolean' }],
    });
  });

  it('verifies through the body secret and returns a promise', async () => {
    const request = {
      method: 'POST',
      url: 'https://example.test/hooks/textlink',
      headers: { get: () => null },
      rawBody: null,
      body: received,
    };
    const verdict = textLinkProvider.verify(request, ['YOUR_WEBHOOK_SECRET']);
    expect(verdict).toBeInstanceOf(Promise);
    await expect(verdict).resolves.toEqual({ ok: true });
    await expect(textLinkProvider.verify(request, ['nope'])).resolves.toMatchObject({
      ok: false,
      reason: 'secret_mismatch',
    });
  });
});

describe('detectTextLinkPayload', () => {
  it.each(Object.entries(fixtures))('recognises the %s sample', (_name, body) => {
    expect(detectTextLinkPayload(body)).toBe(true);
    expect(textLinkProvider.detect(body)).toBe(true);
  });

  it('accepts only objects with a string phone_number', () => {
    for (const value of [
      null,
      undefined,
      'phone_number',
      42,
      [received],
      JSON.stringify(received),
      new TextEncoder().encode(JSON.stringify(received)),
      {},
      { ...received, phone_number: 381690156360 },
      { ...received, phone_number: null },
      Object.create({ phone_number: '+381690156360' }),
    ]) {
      expect(detectTextLinkPayload(value)).toBe(false);
    }
  });

  it('is false for the Telmetrics and Text Request shapes, even with a phone_number', () => {
    const telmetrics = {
      Id: '0bdacf54acd6480086b9f9b6c1baa50b',
      Attempt: 1,
      Properties: { CollectionType: 'SmsDetails', UTC: '2019-09-19T17:16:01.765' },
      Notifications: [{ Action: 'SmsDetails.SmsConversationStart', TexterNumber: '9055802958' }],
    };
    const textRequestMessage = {
      account: { id: 1234 },
      yourPhoneNumber: { id: 7250, phoneNumber: '14239309346' },
      conversation: { id: 42045, consumerPhoneNumber: '14232074721', messageDirection: 'R' },
    };
    const textRequestContact = {
      ContactId: 3998552,
      LocationPhoneNumber: '14239309346',
      ContactPhoneNumber: '19143334444',
    };
    for (const body of [telmetrics, textRequestMessage, textRequestContact]) {
      expect(detectTextLinkPayload(body)).toBe(false);
      expect(detectTextLinkPayload({ ...body, phone_number: '+381690156360' })).toBe(false);
    }
  });

  it('is false next to any field Text Request uses to mark a contact update', () => {
    for (const marker of textRequestContactUpdatedMarkers) {
      expect([marker, detectTextLinkPayload({ ...received, [marker]: null })]).toEqual([
        marker,
        false,
      ]);
    }
  });

  it('is false for every other provider’s fixture file', () => {
    const root = new URL('../../../fixtures/', import.meta.url);
    for (const provider of ['telmetrics', 'textrequest']) {
      const dir = new URL(`${provider}/`, root);
      if (!existsSync(dir)) continue;
      for (const file of readdirSync(dir).filter((name) => name.endsWith('.json'))) {
        const body: unknown = JSON.parse(readFileSync(new URL(file, dir), 'utf8'));
        expect(detectTextLinkPayload(body), `${provider}/${file}`).toBe(false);
      }
    }
  });

  it('never throws', () => {
    const hostile = new Proxy(
      {},
      {
        getOwnPropertyDescriptor() {
          throw new Error('boom');
        },
      },
    );
    expect(detectTextLinkPayload(hostile)).toBe(false);
    fc.assert(
      fc.property(fc.anything(), (value) => typeof detectTextLinkPayload(value) === 'boolean'),
    );
  });
});

describe('the webhook secret', () => {
  const SECRET = 'tl_live_Zq8-UNIQUE-secret-7731';

  function expectNoSecret(value: unknown, secret: string = SECRET): void {
    const text = value instanceof Error ? visible(value) : JSON.stringify(value);
    expect(text).not.toContain(secret);
  }

  it.each(textLinkKinds)('is removed from the %s event', (kind: TextLinkKind) => {
    const bodies = { received, sent, failed, tag_changed: tagChanged };
    const events = textLinkProvider.parse({ ...bodies[kind], secret: SECRET }, { kind });
    expect(events).toHaveLength(1);
    expectNoSecret(events);
    expect(Object.hasOwn(events[0]?.raw ?? {}, 'secret')).toBe(false);
  });

  it('is absent from the errors of a body whose other fields are wrong', () => {
    const body = { secret: SECRET, phone_number: [SECRET], text: null, timestamp: SECRET };
    for (const kind of [undefined, ...textLinkKinds]) {
      const error = thrown(() => textLinkProvider.parse(body, { kind }));
      expect(error).toBeInstanceOf(SmsWebhookError);
      expectNoSecret(error);
      const result = safeParseTextLinkWebhook(JSON.stringify(body), { kind });
      expect(result.success).toBe(false);
      expectNoSecret(result);
      if (!result.success) expectNoSecret(result.error);
    }
  });

  it('is absent from the error when the secret itself has the wrong type', () => {
    for (const secret of [987654321, { value: SECRET }, [SECRET], true]) {
      const received_ = Array.isArray(secret) ? 'array' : typeof secret;
      const drift: unknown[] = [];
      const body = parseTextLinkWebhook({ ...received, secret }, { onDrift: (r) => drift.push(r) });
      expect(drift).toEqual([
        {
          provider: 'textlink',
          path: 'secret',
          kind: typeof secret === 'number' ? 'coerced' : 'unexpected_type',
          expected: 'string',
          received: received_,
        },
      ]);
      expectNoSecret(drift);
      expectNoSecret(drift, '987654321');
      expect(body.secret).toBe(typeof secret === 'number' ? '987654321' : null);
      const error = thrown(() => parseTextLinkWebhook({ ...received, secret }, { strict: true }));
      expect((error as SmsWebhookError).issues).toEqual([
        {
          path: 'secret',
          message: `${typeof secret === 'number' ? 'coerced' : 'unexpected type'}: expected string, received ${received_}`,
        },
      ]);
      expectNoSecret(error);
      expectNoSecret(error, '987654321');
    }
  });

  it('is absent from the error of a body that is not JSON', () => {
    const error = thrown(() => parseTextLinkWebhook(`{"secret":"${SECRET}",`));
    expect((error as SmsWebhookError).code).toBe('invalid_json');
    expectNoSecret(error);
  });

  it('never reaches an event or an error, whatever else the body holds', () => {
    fc.assert(
      fc.property(
        fc.dictionary(
          fc.constantFrom(
            'phone_number',
            'text',
            'timestamp',
            'tag',
            'name',
            'portal',
            'textlink_id',
            'custom_id',
            'subuser_id',
            'sim_card_id',
            'extra',
          ),
          fc.oneof(fc.jsonValue(), fc.constant('+381690156360'), fc.constant(1748463114559)),
        ),
        fc.constantFrom<unknown>(SECRET, 987654321, [SECRET], { nested: SECRET }),
        fc.constantFrom(undefined, ...textLinkKinds),
        (fields, secret, kind) => {
          const result = safeParseTextLinkWebhook({ ...fields, secret }, { kind });
          if (result.success) {
            expectNoSecret(normalizeTextLinkWebhook(result.output, { kind }));
          } else {
            expectNoSecret(result.error);
            expectNoSecret(result.error, '987654321');
          }
        },
      ),
    );
  });
});

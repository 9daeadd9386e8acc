import { describe, expect, it } from 'vitest';
import {
  detectProvider,
  isSmsWebhookError,
  parseSmsWebhook,
  providers,
  safeParseSmsWebhook,
} from '../src/index.js';
import { fixtureNames, readFixtures } from './support/fixtures.js';
import { thrown } from './support/thrown.js';

const fixtures = readFixtures();

describe('fixtures', () => {
  it('cover every provider', () => {
    expect(new Set(fixtures.map((fixture) => fixture.provider))).toEqual(
      new Set(providers.map((provider) => provider.id)),
    );
  });

  it('are all named in the list the HTTP suites send', () => {
    expect([...fixtureNames].sort()).toEqual(fixtures.map((fixture) => fixture.name).sort());
  });
});

describe.each(fixtures)('$name', ({ provider, text, json }) => {
  it('is detected as its provider', () => {
    expect(detectProvider(json)).toBe(provider);
    expect(detectProvider(text)).toBe(provider);
  });

  it("gives the same events through its provider's parse with no options, empty or null ones", () => {
    const definition = providers.find((candidate) => candidate.id === provider);
    const expected = parseSmsWebhook(json, { provider });
    expect(definition?.parse(json)).toEqual(expected);
    expect(definition?.parse(json, {})).toEqual(expected);
    // JavaScript callers pass null for "no options" too.
    expect(definition?.parse(json, null as never)).toEqual(expected);
  });

  it('parses to at least one event of that provider without naming the provider', () => {
    const events = parseSmsWebhook(json);
    expect(events.length).toBeGreaterThan(0);
    for (const event of events) {
      expect(event.provider).toBe(provider);
      expect(event.idempotencyKey).toMatch(new RegExp(`^${provider}:`));
      if (event.occurredAt !== null) {
        expect(event.occurredAt).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
      }
    }
  });

  it('gives the same events from the parsed value, the raw string and the raw bytes', () => {
    const fromValue = parseSmsWebhook(json, { provider });
    expect(parseSmsWebhook(text, { provider })).toEqual(fromValue);
    expect(parseSmsWebhook(new TextEncoder().encode(text), { provider })).toEqual(fromValue);
    expect(safeParseSmsWebhook(text)).toEqual({
      success: true,
      provider,
      events: fromValue,
      drift: [],
    });
  });

  it('is rejected by every other provider with invalid_payload', () => {
    for (const other of providers.filter((p) => p.id !== provider)) {
      const result = safeParseSmsWebhook(json, { provider: other.id });
      expect(result.success).toBe(false);
      if (!result.success) {
        expect(result.error.code).toBe('invalid_payload');
        expect(result.error.provider).toBe(other.id);
        expect(result.error.issues.length).toBeGreaterThan(0);
      }
    }
  });
});

describe('parseSmsWebhook errors', () => {
  it('reports a body that is not JSON as invalid_json', () => {
    const error = thrown(() => parseSmsWebhook('{"phone_number": '));
    expect(error.code).toBe('invalid_json');
    expect(error.issues).toEqual([{ path: '', message: 'body is not valid JSON' }]);
  });

  it('reports bytes that are not UTF-8 as invalid_json', () => {
    const error = thrown(() => parseSmsWebhook(new Uint8Array([0x7b, 0xff, 0xfe, 0x7d])));
    expect(error.code).toBe('invalid_json');
    expect(error.issues[0]?.message).toBe('body is not valid UTF-8');
  });

  it('reports a body of no known provider as unknown_provider', () => {
    for (const body of [{}, { hello: 'world' }, [], null, 42, 'null', '"text"']) {
      const error = thrown(() => parseSmsWebhook(body));
      expect(error.code).toBe('unknown_provider');
      expect(error.provider).toBeUndefined();
    }
  });

  it('reports an unsupported provider id as unknown_provider', () => {
    const error = thrown(() => parseSmsWebhook({}, { provider: 'twilio' as never }));
    expect(error.code).toBe('unknown_provider');
    expect(error.issues[0]?.message).toBe('expected one of telmetrics, textlink, textrequest');
  });

  it('rejects a kind the provider does not have', () => {
    const textlink = fixtures.find((fixture) => fixture.name === 'textlink/received');
    const error = thrown(() =>
      parseSmsWebhook(textlink?.json, { provider: 'textlink', kind: 'delivered' as never }),
    );
    expect(error.code).toBe('invalid_payload');
    expect(error.issues[0]?.message).toBe(
      'kind must be one of received, sent, failed, tag_changed',
    );
    const telmetrics = fixtures.find((fixture) => fixture.provider === 'telmetrics');
    const other = thrown(() =>
      parseSmsWebhook(telmetrics?.json, { provider: 'telmetrics', kind: 'sent' }),
    );
    expect(other.issues[0]?.message).toBe('telmetrics takes no kind');
  });

  it('names the failing field with its path', () => {
    const sample = fixtures.find((fixture) => fixture.name === 'telmetrics/sms-conversation-start');
    const body = JSON.parse(sample?.text ?? '{}');
    body.Notifications[0].TexterNumber = [9055802958];
    const error = thrown(() => parseSmsWebhook(body));
    expect(error.code).toBe('invalid_payload');
    expect(error.provider).toBe('telmetrics');
    expect(error.issues).toEqual([
      { path: 'Notifications[0].TexterNumber', message: 'expected string, received array' },
    ]);
    expect(error.message).toContain('Notifications[0].TexterNumber');
  });

  it('is recognisable with isSmsWebhookError', () => {
    const error = thrown(() => parseSmsWebhook('nope'));
    expect(isSmsWebhookError(error)).toBe(true);
    expect(isSmsWebhookError(new Error('x'))).toBe(false);
    expect(error.name).toBe('SmsWebhookError');
    expect(error).toBeInstanceOf(Error);
  });
});

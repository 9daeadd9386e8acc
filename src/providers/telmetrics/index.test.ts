import { createHmac } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import callPreprocessed from '../../../fixtures/telmetrics/call-preprocessed.json' with {
  type: 'json',
};
import conversationStart from '../../../fixtures/telmetrics/sms-conversation-start.json' with {
  type: 'json',
};
import { thrown } from '../../../test/support/thrown.js';
import { SmsWebhookError } from '../../errors/SmsWebhookError.js';
import type { SmsWebhookRequest } from '../types.js';
import {
  normalizeTelmetricsWebhook,
  parseTelmetricsWebhook,
  safeParseTelmetricsWebhook,
  telmetricsProvider,
} from './index.js';

const fixturesRoot = new URL('../../../fixtures/', import.meta.url);

function fixtureTexts(provider: string): [string, string][] {
  const folder = new URL(`${provider}/`, fixturesRoot);
  return readdirSync(folder)
    .filter((file) => file.endsWith('.json'))
    .map((file) => [`${provider}/${file}`, readFileSync(new URL(file, folder), 'utf8')]);
}

const ownFixtures = fixtureTexts('telmetrics');
const otherFixtures = [...fixtureTexts('textlink'), ...fixtureTexts('textrequest')];
const rawBody = readFileSync(
  new URL('telmetrics/sms-conversation-start.json', fixturesRoot),
  'utf8',
);
const secret = 'telmetrics-hook-secret-5d2a9c81e0';

function badSample(): unknown {
  const delivery = structuredClone(conversationStart) as {
    Notifications: Record<string, unknown>[];
  };
  (delivery.Notifications[0] as Record<string, unknown>).TexterNumber = [9055802958];
  return delivery;
}

describe('parseTelmetricsWebhook', () => {
  it('accepts the body as a JSON value, a string or bytes', () => {
    const bytes = new TextEncoder().encode(rawBody);
    expect(parseTelmetricsWebhook(conversationStart)).toEqual(conversationStart);
    expect(parseTelmetricsWebhook(rawBody)).toEqual(conversationStart);
    expect(parseTelmetricsWebhook(bytes)).toEqual(conversationStart);
  });

  it('throws invalid_payload naming each failing field', () => {
    const error = thrown(() => parseTelmetricsWebhook(badSample()));
    expect(error.code).toBe('invalid_payload');
    expect(error.provider).toBe('telmetrics');
    expect(error.issues).toEqual([
      { path: 'Notifications[0].TexterNumber', message: 'expected string, received array' },
    ]);
    expect(error.message).toContain(
      'Notifications[0].TexterNumber: expected string, received array',
    );
  });

  it('throws invalid_json for a body that is not JSON, naming the provider', () => {
    const error = thrown(() => parseTelmetricsWebhook('{"Id": '));
    expect(error.code).toBe('invalid_json');
    expect(error.provider).toBe('telmetrics');
    expect(error.issues).toEqual([{ path: '', message: 'body is not valid JSON' }]);
  });
});

describe('safeParseTelmetricsWebhook', () => {
  it('returns the delivery on success', () => {
    expect(safeParseTelmetricsWebhook(rawBody)).toEqual({
      success: true,
      output: conversationStart,
      drift: [],
    });
  });

  it('returns the error instead of throwing', () => {
    const result = safeParseTelmetricsWebhook(badSample());
    expect(result.success).toBe(false);
    expect(result.success ? null : result.error.issues).toEqual([
      { path: 'Notifications[0].TexterNumber', message: 'expected string, received array' },
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
        ownKeys() {
          throw new Error('boom');
        },
      },
    );
    const cyclic: Record<string, unknown> = { Id: 'x', Attempt: 1 };
    cyclic.Properties = cyclic;
    const inputs: unknown[] = [
      undefined,
      null,
      0,
      '',
      'null',
      '[]',
      new Uint8Array([0xff, 0xfe]),
      [],
      {},
      hostile,
      cyclic,
      { Notifications: hostile },
      Symbol('body'),
      () => conversationStart,
    ];
    for (const input of inputs) {
      const result = safeParseTelmetricsWebhook(input);
      expect(result.success).toBe(false);
      expect(result.success ? null : result.error).toBeInstanceOf(SmsWebhookError);
    }
  });
});

describe('telmetricsProvider', () => {
  it('describes itself', () => {
    expect(telmetricsProvider.id).toBe('telmetrics');
    expect(telmetricsProvider.name).toBe('Telmetrics');
    expect(telmetricsProvider.kinds).toEqual([]);
    expect(telmetricsProvider.verificationSchemes).toEqual(['ms-signature', 'url-token']);
  });

  it.each(ownFixtures)('detects %s', (_name, text) => {
    expect(telmetricsProvider.detect(JSON.parse(text))).toBe(true);
  });

  it('finds fixtures of the other providers to compare with', () => {
    expect(otherFixtures.length).toBeGreaterThan(0);
  });

  it.each(otherFixtures)('does not detect %s', (_name, text) => {
    expect(telmetricsProvider.detect(JSON.parse(text))).toBe(false);
  });

  it('detects by Notifications with an Id or Properties, and only on plain objects', () => {
    expect(telmetricsProvider.detect({ Id: 'abc', Notifications: [] })).toBe(true);
    expect(telmetricsProvider.detect({ Properties: {}, Notifications: [] })).toBe(true);
    for (const body of [
      { Notifications: [] },
      { Id: 'abc', Notifications: {} },
      { Id: 7, Properties: null, Notifications: [] },
      { Properties: [], Notifications: [] },
      [conversationStart],
      null,
      undefined,
      rawBody,
      42,
    ]) {
      expect(telmetricsProvider.detect(body)).toBe(false);
    }
  });

  it('never throws from detect', () => {
    const hostile = new Proxy(
      {},
      {
        get() {
          throw new Error('boom');
        },
      },
    );
    expect(telmetricsProvider.detect(hostile)).toBe(false);
  });

  it('parses a body into the normalized events', () => {
    expect(telmetricsProvider.parse(callPreprocessed)).toEqual(
      normalizeTelmetricsWebhook(parseTelmetricsWebhook(callPreprocessed)),
    );
    expect(telmetricsProvider.parse(conversationStart)).toMatchObject([
      { type: 'conversation.started', from: '+19055802958' },
    ]);
  });

  it('throws invalid_payload with the field path from parse', () => {
    const error = thrown(() => telmetricsProvider.parse(badSample()));
    expect(error.code).toBe('invalid_payload');
    expect(error.issues).toEqual([
      { path: 'Notifications[0].TexterNumber', message: 'expected string, received array' },
    ]);
  });
});

describe('telmetricsProvider.verify', () => {
  function request(options: {
    url?: string;
    headers?: Record<string, string>;
    rawBody?: Uint8Array | null;
  }): SmsWebhookRequest {
    const headers = new Headers(options.headers);
    const bytes =
      options.rawBody === undefined ? new TextEncoder().encode(rawBody) : options.rawBody;
    return {
      method: 'POST',
      url: options.url ?? 'https://example.com/hooks/telmetrics',
      headers: { get: (name) => headers.get(name) },
      rawBody: bytes,
      body: conversationStart,
    };
  }

  const signature = `sha256=${createHmac('sha256', secret).update(rawBody).digest('hex')}`;

  it('checks the ms-signature header by default', async () => {
    await expect(
      telmetricsProvider.verify(request({ headers: { 'MS-Signature': signature } }), [secret]),
    ).resolves.toEqual({ ok: true });
    await expect(telmetricsProvider.verify(request({}), [secret])).resolves.toMatchObject({
      ok: false,
      reason: 'missing_signature',
    });
    await expect(
      telmetricsProvider.verify(request({ headers: { 'ms-signature': signature } }), ['other']),
    ).resolves.toMatchObject({ ok: false, reason: 'signature_mismatch' });
  });

  it('accepts a rotated secret', async () => {
    await expect(
      telmetricsProvider.verify(request({ headers: { 'ms-signature': signature } }), [
        'next',
        secret,
      ]),
    ).resolves.toEqual({ ok: true });
  });

  it('rejects a body changed after signing', async () => {
    const tampered = new TextEncoder().encode(rawBody.replace('John Doe', 'Jane Doe'));
    await expect(
      telmetricsProvider.verify(
        request({ headers: { 'ms-signature': signature }, rawBody: tampered }),
        [secret],
      ),
    ).resolves.toMatchObject({ ok: false, reason: 'signature_mismatch' });
  });

  it('explains how to keep the raw body when a framework parsed it first', async () => {
    const verifying = telmetricsProvider.verify(
      request({ headers: { 'ms-signature': signature }, rawBody: null }),
      [secret],
    );
    await expect(verifying).rejects.toBeInstanceOf(SmsWebhookError);
    await expect(verifying).rejects.toMatchObject({
      code: 'raw_body_unavailable',
      provider: 'telmetrics',
      message: expect.stringContaining('express.raw({ type: "application/json" })'),
    });
    const error = await verifying.catch((caught: unknown) => caught);
    expect(JSON.stringify(error) + String(error) + (error as Error).stack).not.toContain(secret);
  });

  it('checks the token query parameter with the url-token scheme, without the raw body', async () => {
    const options = { scheme: 'url-token' };
    await expect(
      telmetricsProvider.verify(
        request({ url: `https://example.com/hooks?token=${secret}`, rawBody: null }),
        [secret],
        options,
      ),
    ).resolves.toEqual({ ok: true });
    await expect(
      telmetricsProvider.verify(
        request({ url: 'https://example.com/hooks?token=guess' }),
        [secret],
        options,
      ),
    ).resolves.toMatchObject({ ok: false, reason: 'secret_mismatch' });
    await expect(
      telmetricsProvider.verify(
        request({ headers: { 'ms-signature': signature } }),
        [secret],
        options,
      ),
    ).resolves.toMatchObject({ ok: false, reason: 'missing_secret' });
  });

  it('refuses a scheme it does not know, without naming the secret', async () => {
    const verifying = telmetricsProvider.verify(request({}), [secret], { scheme: 'basic' });
    await expect(verifying).rejects.toThrow(/expected one of ms-signature, url-token/);
    const error = await verifying.catch((caught: unknown) => caught);
    expect(String(error)).not.toContain(secret);
  });
});

describe('secrets', () => {
  it('never appear in parse errors, even when the failing field holds one', () => {
    const withSecret = structuredClone(conversationStart) as Record<string, unknown> & {
      Notifications: Record<string, unknown>[];
    };
    (withSecret.Notifications[0] as Record<string, unknown>).TexterNumber = { secret };
    const failure = safeParseTelmetricsWebhook(withSecret);
    expect(failure.success).toBe(false);
    if (!failure.success) {
      const { error } = failure;
      expect(error.issues).toEqual([
        { path: 'Notifications[0].TexterNumber', message: 'expected string, received object' },
      ]);
      expect(JSON.stringify({ ...error, message: error.message })).not.toContain(secret);
    }
  });
});

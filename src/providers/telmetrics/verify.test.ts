import { createHmac } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { verifyTelmetricsSignature, verifyTelmetricsUrlToken } from './verify.js';

const secret = 'whsec-telmetrics-3c9f1e7a52d04b8e';
const oldSecret = 'whsec-telmetrics-previous-8a71c0';
const body = readFileSync(
  new URL('../../../fixtures/telmetrics/sms-conversation-start.json', import.meta.url),
  'utf8',
);

/** Signs a body the way an ASP.NET WebHooks sender does: `sha256=` and the hex HMAC-SHA256. */
function sign(payload: string | Uint8Array, key: string, upperCase = false): string {
  const hex = createHmac('sha256', key).update(payload).digest('hex');
  return `sha256=${upperCase ? hex.toUpperCase() : hex}`;
}

describe('verifyTelmetricsSignature', () => {
  it('accepts a lower-case hex signature of the raw body', async () => {
    await expect(
      verifyTelmetricsSignature({ body, signature: sign(body, secret), secret }),
    ).resolves.toBe(true);
  });

  it('accepts an upper-case hex signature, as ASP.NET WebHooks writes it', async () => {
    await expect(
      verifyTelmetricsSignature({ body, signature: sign(body, secret, true), secret }),
    ).resolves.toBe(true);
  });

  it('accepts the body as the bytes received, including non-ASCII text', async () => {
    const text = body.replace('John Doe', 'Zoë Ångström');
    const bytes = new TextEncoder().encode(text);
    await expect(
      verifyTelmetricsSignature({ body: bytes, signature: sign(bytes, secret), secret }),
    ).resolves.toBe(true);
    await expect(
      verifyTelmetricsSignature({ body: text, signature: sign(bytes, secret), secret }),
    ).resolves.toBe(true);
  });

  it('rejects a signature made with another secret', async () => {
    await expect(
      verifyTelmetricsSignature({ body, signature: sign(body, 'not-the-secret'), secret }),
    ).resolves.toBe(false);
  });

  it('rejects a tampered body', async () => {
    const signature = sign(body, secret);
    const tampered = body.replace('"Attempt": 1', '"Attempt": 2');
    expect(tampered).not.toBe(body);
    await expect(verifyTelmetricsSignature({ body: tampered, signature, secret })).resolves.toBe(
      false,
    );
  });

  it('rejects the same JSON re-serialized, since the signature covers the exact bytes', async () => {
    const compact = JSON.stringify(JSON.parse(body));
    await expect(
      verifyTelmetricsSignature({ body: compact, signature: sign(body, secret), secret }),
    ).resolves.toBe(false);
  });

  it.each([
    ['a missing header', null],
    ['an undefined header', undefined],
    ['an empty header', ''],
  ])('rejects %s', async (_case, signature) => {
    await expect(verifyTelmetricsSignature({ body, signature, secret })).resolves.toBe(false);
  });

  it('rejects malformed headers', async () => {
    const hex = sign(body, secret).slice('sha256='.length);
    const malformed = [
      hex,
      `sha1=${hex}`,
      `sha256=${hex.slice(0, -2)}`,
      `sha256=${hex}00`,
      `sha256=${hex.slice(0, -1)}g`,
      `sha256=${Buffer.from(hex, 'hex').toString('base64')}`,
      `sha256=${hex},sha256=${hex}`,
    ];
    for (const signature of malformed) {
      await expect(verifyTelmetricsSignature({ body, signature, secret })).resolves.toBe(false);
    }
  });

  it('accepts surrounding whitespace and an upper-case algorithm name', async () => {
    const signature = ` SHA256=${sign(body, secret).slice('sha256='.length)} `;
    await expect(verifyTelmetricsSignature({ body, signature, secret })).resolves.toBe(true);
  });

  it('accepts a signature made with any secret of a rotation', async () => {
    const secrets = [secret, oldSecret];
    await expect(
      verifyTelmetricsSignature({ body, signature: sign(body, oldSecret), secret: secrets }),
    ).resolves.toBe(true);
    await expect(
      verifyTelmetricsSignature({ body, signature: sign(body, secret), secret: secrets }),
    ).resolves.toBe(true);
    await expect(
      verifyTelmetricsSignature({ body, signature: sign(body, 'retired'), secret: secrets }),
    ).resolves.toBe(false);
  });

  it('never matches with no secret or an empty secret', async () => {
    await expect(
      verifyTelmetricsSignature({ body, signature: sign(body, secret), secret: [] }),
    ).resolves.toBe(false);
    // HMAC with an empty key is computable by anyone, so it must not count as configured.
    await expect(
      verifyTelmetricsSignature({ body, signature: sign(body, ''), secret: '' }),
    ).resolves.toBe(false);
    await expect(
      verifyTelmetricsSignature({ body, signature: sign(body, ''), secret: ['', secret] }),
    ).resolves.toBe(false);
  });

  it('never matches a secret that is not a string, even one whose text is the signing key', async () => {
    // The bytes [97] read as text would be the key "97".
    const bytes = new Uint8Array([97]) as unknown as string;
    await expect(
      verifyTelmetricsSignature({ body, signature: sign(body, '97'), secret: [bytes] }),
    ).resolves.toBe(false);
    await expect(
      verifyTelmetricsSignature({ body, signature: sign(body, '97'), secret: [bytes, '97'] }),
    ).resolves.toBe(true);
  });
});

describe('verifyTelmetricsUrlToken', () => {
  const token = 'q8Zk3vN1xR7tLw2mYp5c';

  it('accepts the token in the request URL', () => {
    expect(
      verifyTelmetricsUrlToken({
        url: `https://example.com/hooks/telmetrics?token=${token}`,
        secret: token,
      }),
    ).toBe(true);
  });

  it('accepts a request path without scheme and host', () => {
    expect(
      verifyTelmetricsUrlToken({ url: `/hooks/telmetrics?a=1&token=${token}`, secret: token }),
    ).toBe(true);
  });

  it('reads a percent-encoded token', () => {
    const special = 'a+b/c=d&e';
    const url = `https://example.com/hooks?token=${encodeURIComponent(special)}`;
    expect(verifyTelmetricsUrlToken({ url, secret: special })).toBe(true);
  });

  it('matches a token with + however the sender decodes the query', () => {
    const plus = 'a+b/c=d+';
    for (const written of ['a+b/c=d+', 'a%2Bb%2Fc%3Dd%2B', 'a+b%2Fc=d%2B']) {
      const url = `https://example.com/hooks?token=${written}`;
      expect(verifyTelmetricsUrlToken({ url, secret: plus })).toBe(true);
      expect(verifyTelmetricsUrlToken({ url, secret: 'ab/c=d' })).toBe(false);
    }
    // An unencoded + may also be a form-encoded space; an encoded %2B is only ever a plus.
    const literal = 'https://example.com/hooks?token=a+b';
    expect(verifyTelmetricsUrlToken({ url: literal, secret: 'a b' })).toBe(true);
    const encoded = 'https://example.com/hooks?token=a%2Bb';
    expect(verifyTelmetricsUrlToken({ url: encoded, secret: 'a b' })).toBe(false);
    const spaced = 'https://example.com/hooks?token=a%20b';
    expect(verifyTelmetricsUrlToken({ url: spaced, secret: 'a b' })).toBe(true);
    expect(verifyTelmetricsUrlToken({ url: spaced, secret: 'a+b' })).toBe(false);
    expect(verifyTelmetricsUrlToken({ url: spaced, secret: ['x', 'a b'] })).toBe(true);
  });

  it('reads the parameter name decoded, a value-less parameter as empty, and ignores the fragment', () => {
    expect(verifyTelmetricsUrlToken({ url: `/h?to%6Ben=${token}`, secret: token })).toBe(true);
    expect(verifyTelmetricsUrlToken({ url: '/h?my+key=abc', secret: 'abc', param: 'my key' })).toBe(
      true,
    );
    expect(verifyTelmetricsUrlToken({ url: `/h?token&x=${token}`, secret: token })).toBe(false);
    expect(verifyTelmetricsUrlToken({ url: `/h?token&token=${token}`, secret: token })).toBe(false);
    expect(verifyTelmetricsUrlToken({ url: `/h?token=${token}&token`, secret: token })).toBe(false);
    expect(verifyTelmetricsUrlToken({ url: '/h?token', secret: 'token' })).toBe(false);
    expect(verifyTelmetricsUrlToken({ url: '/h?token=a=b', secret: 'a=b' })).toBe(true);
    expect(verifyTelmetricsUrlToken({ url: '/h', secret: 'h', param: '' })).toBe(false);
    expect(verifyTelmetricsUrlToken({ url: `/h?token`, secret: token })).toBe(false);
    expect(verifyTelmetricsUrlToken({ url: `/h?tokens=${token}`, secret: token })).toBe(false);
    expect(verifyTelmetricsUrlToken({ url: `/h?xtoken=${token}`, secret: token })).toBe(false);
    expect(verifyTelmetricsUrlToken({ url: `/h?token=${token}#x`, secret: token })).toBe(true);
    expect(verifyTelmetricsUrlToken({ url: `/h?`, secret: token })).toBe(false);
    expect(verifyTelmetricsUrlToken({ url: `/h?token=100%`, secret: '100%' })).toBe(true);
  });

  it('reads the token from another parameter when asked', () => {
    const url = `https://example.com/hooks?key=${token}`;
    expect(verifyTelmetricsUrlToken({ url, secret: token, param: 'key' })).toBe(true);
    expect(verifyTelmetricsUrlToken({ url, secret: token })).toBe(false);
  });

  it('rejects a wrong, missing, empty or repeated token', () => {
    const base = 'https://example.com/hooks/telmetrics';
    for (const url of [
      `${base}?token=wrong`,
      `${base}?token=${token}x`,
      base,
      `${base}?token=`,
      `${base}?token=wrong&token=${token}`,
      `${base}?token=${token}&token=${token}`,
      `${base}#token=${token}`,
    ]) {
      expect(verifyTelmetricsUrlToken({ url, secret: token })).toBe(false);
    }
  });

  it('rejects a URL it cannot parse', () => {
    expect(verifyTelmetricsUrlToken({ url: 'http://[::1', secret: token })).toBe(false);
  });

  it('accepts any token of a rotation and never an empty secret', () => {
    const url = `https://example.com/hooks?token=${token}`;
    expect(verifyTelmetricsUrlToken({ url, secret: ['new-token', token] })).toBe(true);
    expect(verifyTelmetricsUrlToken({ url, secret: ['new-token'] })).toBe(false);
    expect(verifyTelmetricsUrlToken({ url: 'https://example.com/hooks?token=', secret: '' })).toBe(
      false,
    );
    expect(verifyTelmetricsUrlToken({ url, secret: [] })).toBe(false);
  });
});

import { describe, expect, it } from 'vitest';
import received from '../../../fixtures/textlink/received.json' with { type: 'json' };
import tagChanged from '../../../fixtures/textlink/tag-changed.json' with { type: 'json' };
import type { SmsWebhookRequest } from '../types.js';
import {
  textLinkVerificationSchemes,
  verifyTextLinkRequest,
  verifyTextLinkSecret,
} from './verify.js';

const SECRET = 'YOUR_WEBHOOK_SECRET';

function requestOf(body: unknown, rawBody: Uint8Array | null = null): SmsWebhookRequest {
  const headers = new Headers({ 'content-type': 'application/json' });
  return {
    method: 'POST',
    url: 'https://example.test/hooks/textlink',
    headers: { get: (name) => headers.get(name) },
    rawBody,
    body,
  };
}

describe('verifyTextLinkSecret', () => {
  it('accepts the documented sample with its secret', () => {
    expect(verifyTextLinkSecret(received, SECRET)).toBe(true);
  });

  it('refuses a wrong secret, including one that differs only in case or length', () => {
    expect(verifyTextLinkSecret(received, 'another-secret')).toBe(false);
    expect(verifyTextLinkSecret(received, 'your_webhook_secret')).toBe(false);
    expect(verifyTextLinkSecret(received, `${SECRET} `)).toBe(false);
    expect(verifyTextLinkSecret(received, SECRET.slice(0, -1))).toBe(false);
  });

  it('refuses a body without a secret, as TextLink sends none until one is set', () => {
    expect(verifyTextLinkSecret(tagChanged, SECRET)).toBe(false);
  });

  it('refuses a body whose secret was replaced', () => {
    expect(verifyTextLinkSecret({ ...received, secret: 'guess' }, SECRET)).toBe(false);
  });

  it('authenticates the sender only: the other fields are not covered by the secret', () => {
    expect(verifyTextLinkSecret({ ...received, text: 'changed on the way' }, SECRET)).toBe(true);
  });

  it('accepts any of several secrets while rotating', () => {
    expect(verifyTextLinkSecret(received, ['new-secret', SECRET])).toBe(true);
    expect(
      verifyTextLinkSecret({ ...received, secret: 'new-secret' }, ['new-secret', SECRET]),
    ).toBe(true);
    expect(verifyTextLinkSecret(received, ['new-secret', 'older-secret'])).toBe(false);
    expect(verifyTextLinkSecret(received, [])).toBe(false);
  });

  it('never matches an empty secret on either side', () => {
    expect(verifyTextLinkSecret({ ...received, secret: '' }, '')).toBe(false);
    expect(verifyTextLinkSecret({ ...received, secret: '' }, ['', SECRET])).toBe(false);
    expect(verifyTextLinkSecret(received, '')).toBe(false);
  });

  it('refuses a secret that is not a string', () => {
    expect(verifyTextLinkSecret({ ...received, secret: 12345 }, '12345')).toBe(false);
    expect(verifyTextLinkSecret({ ...received, secret: [SECRET] }, SECRET)).toBe(false);
    expect(verifyTextLinkSecret({ ...received, secret: { value: SECRET } }, SECRET)).toBe(false);
  });

  it('refuses a secret inherited from a prototype', () => {
    expect(verifyTextLinkSecret(Object.create({ secret: SECRET }), SECRET)).toBe(false);
  });

  it('reads the raw body as a string or bytes', () => {
    const text = JSON.stringify(received);
    expect(verifyTextLinkSecret(text, SECRET)).toBe(true);
    expect(verifyTextLinkSecret(new TextEncoder().encode(text), SECRET)).toBe(true);
    expect(verifyTextLinkSecret(new TextEncoder().encode(text), 'wrong')).toBe(false);
  });

  it('refuses bodies that are not JSON objects, without throwing', () => {
    for (const body of [null, undefined, 42, [received], '{"secret":', new Uint8Array([0xff])]) {
      expect(verifyTextLinkSecret(body, SECRET)).toBe(false);
    }
  });

  it('refuses, without throwing, a body whose secret getter or proxy throws', () => {
    const getter = Object.defineProperty({}, 'secret', {
      enumerable: true,
      get() {
        throw new Error('boom');
      },
    });
    const proxy = new Proxy(
      {},
      {
        getOwnPropertyDescriptor() {
          throw new Error('descriptor');
        },
      },
    );
    const revocable = Proxy.revocable({}, {});
    revocable.revoke();
    for (const body of [getter, proxy, revocable.proxy]) {
      expect(verifyTextLinkSecret(body, SECRET)).toBe(false);
    }
  });

  it('refuses, without throwing, secrets that cannot be iterated', () => {
    const hostile = {
      [Symbol.iterator]() {
        throw new Error('boom');
      },
    } as unknown as readonly string[];
    expect(verifyTextLinkSecret(received, hostile)).toBe(false);
    expect(verifyTextLinkSecret(received, null as unknown as string)).toBe(false);
  });
});

describe('verifyTextLinkRequest', () => {
  it('offers the body-secret scheme only', () => {
    expect(textLinkVerificationSchemes).toEqual(['body-secret']);
  });

  it('checks the parsed body of a request', async () => {
    await expect(verifyTextLinkRequest(requestOf(received), [SECRET])).resolves.toBe(true);
    await expect(verifyTextLinkRequest(requestOf(received), ['wrong'])).resolves.toBe(false);
    await expect(verifyTextLinkRequest(requestOf(tagChanged), [SECRET])).resolves.toBe(false);
  });

  it('accepts the scheme by name', async () => {
    await expect(
      verifyTextLinkRequest(requestOf(received), [SECRET], { scheme: 'body-secret' }),
    ).resolves.toBe(true);
  });

  it('reads the raw body when no parsed body is there', async () => {
    const bytes = new TextEncoder().encode(JSON.stringify(received));
    await expect(verifyTextLinkRequest(requestOf(undefined, bytes), [SECRET])).resolves.toBe(true);
    await expect(verifyTextLinkRequest(requestOf(null, bytes), [SECRET])).resolves.toBe(true);
    await expect(verifyTextLinkRequest(requestOf(null, bytes), ['wrong'])).resolves.toBe(false);
    await expect(verifyTextLinkRequest(requestOf(undefined, null), [SECRET])).resolves.toBe(false);
  });

  it('prefers the parsed body over the raw bytes', async () => {
    const bytes = new TextEncoder().encode(JSON.stringify({ ...received, secret: 'other' }));
    await expect(verifyTextLinkRequest(requestOf(received, bytes), [SECRET])).resolves.toBe(true);
  });

  it('rotates secrets', async () => {
    await expect(verifyTextLinkRequest(requestOf(received), ['next', SECRET])).resolves.toBe(true);
    await expect(verifyTextLinkRequest(requestOf(received), [])).resolves.toBe(false);
  });

  it('throws a TypeError for a scheme TextLink does not have, without naming the secrets', async () => {
    const attempt = verifyTextLinkRequest(requestOf(received), [SECRET], { scheme: 'hmac-sha256' });
    await expect(attempt).rejects.toThrow(TypeError);
    await expect(attempt).rejects.toThrow(/body-secret/);
    await attempt.catch((error: Error) => expect(error.message).not.toContain(SECRET));
  });
});

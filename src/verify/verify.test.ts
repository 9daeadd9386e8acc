import { createHmac } from 'node:crypto';
import { describe, expect, it, vi } from 'vitest';
import { concatBytes, utf8 } from '../bytes.js';
import * as web from './hmac.js';
import * as node from './hmac-node.js';
import { timingSafeEqual } from './timing-safe-equal.js';
import {
  smsVerificationFailureMessages,
  smsVerificationFailureReasons,
  usableSecrets,
  verificationFailure,
} from './verification-result.js';
import { verifySecret } from './verify-secret.js';

describe('timingSafeEqual', () => {
  it('is true only for equal contents', () => {
    expect(timingSafeEqual('secret', 'secret')).toBe(true);
    expect(timingSafeEqual('secret', 'secreT')).toBe(false);
    expect(timingSafeEqual('secret', 'secret ')).toBe(false);
    expect(timingSafeEqual('', '')).toBe(true);
    expect(timingSafeEqual(utf8('é'), 'é')).toBe(true);
  });

  it('compares byte arrays with byte arrays and with strings', () => {
    expect(timingSafeEqual(new Uint8Array([1, 2, 3]), new Uint8Array([1, 2, 3]))).toBe(true);
    expect(timingSafeEqual(new Uint8Array([1, 2, 3]), new Uint8Array([1, 2, 4]))).toBe(false);
    expect(timingSafeEqual(utf8('secret'), utf8('secret'))).toBe(true);
    expect(timingSafeEqual('secret', utf8('secret'))).toBe(true);
    expect(timingSafeEqual(new Uint8Array([]), '')).toBe(true);
  });

  it('does not treat a missing tail as zero bytes', () => {
    expect(timingSafeEqual(new Uint8Array([1, 0]), new Uint8Array([1]))).toBe(false);
  });

  it('tells apart strings that differ only in lone surrogates, which UTF-8 cannot encode', () => {
    // A header can hold any UTF-16 text; both of these encode to the same replacement bytes.
    expect(timingSafeEqual('key\ud800', 'key\udfff')).toBe(false);
    expect(timingSafeEqual('key\ud800', 'key\ud800')).toBe(true);
  });
});

describe('verifySecret', () => {
  it('accepts the expected secret and any of several during rotation', () => {
    expect(verifySecret('s3cret', 's3cret')).toBe(true);
    expect(verifySecret('old', ['new', 'old'])).toBe(true);
  });

  it('rejects wrong, missing, empty and non-string secrets', () => {
    expect(verifySecret('nope', ['new', 'old'])).toBe(false);
    expect(verifySecret(undefined, 's3cret')).toBe(false);
    expect(verifySecret('', '')).toBe(false);
    expect(verifySecret(123, '123')).toBe(false);
    expect(verifySecret({ toString: () => 's3cret' }, 's3cret')).toBe(false);
  });

  it('never matches an expected secret that is not a string, even bytes of the same text', () => {
    expect(verifySecret('s3cret', [utf8('s3cret') as unknown as string])).toBe(false);
    expect(verifySecret('s3cret', [utf8('s3cret') as unknown as string, 's3cret'])).toBe(true);
    expect(verifySecret(utf8('s3cret'), 's3cret')).toBe(false);
  });

  it('never matches when the expected secret is not configured at all', () => {
    // e.g. `process.env.WEBHOOK_SECRET` unset, in code that is not type-checked.
    for (const unset of [undefined, null, 42, { secret: 'x' }]) {
      expect(verifySecret('x', unset as unknown as string)).toBe(false);
      expect(usableSecrets(unset as unknown as string)).toEqual([]);
    }
  });

  it('never matches an empty expected secret', () => {
    expect(verifySecret('x', [])).toBe(false);
    expect(verifySecret('x', ['', 'y'])).toBe(false);
  });
});

describe('verificationFailure', () => {
  it('gives every reason its own sentence for a log, unless a more precise one is given', () => {
    const messages = new Set<string>();
    for (const reason of smsVerificationFailureReasons) {
      const { message } = verificationFailure(reason) as { readonly message: string };
      expect(message).toMatch(/^[A-Z`].{20,}\.$/);
      expect(message).toBe(smsVerificationFailureMessages[reason]);
      messages.add(message);
    }
    expect(messages.size).toBe(smsVerificationFailureReasons.length);
    expect(verificationFailure('secret_mismatch', 'The token is wrong.')).toEqual({
      ok: false,
      reason: 'secret_mismatch',
      message: 'The token is wrong.',
    });
  });
});

describe('hmacSha256', () => {
  // Both files behind `#hmac`: Web Crypto (every runtime but Node) and node:crypto (Node).
  const implementations = [
    ['Web Crypto', web.hmacSha256],
    ['node:crypto', node.hmacSha256],
  ] as const;

  it('the Web Crypto file says clearly when the runtime has no Web Crypto', async () => {
    const descriptor = Object.getOwnPropertyDescriptor(globalThis, 'crypto');
    Object.defineProperty(globalThis, 'crypto', { value: undefined, configurable: true });
    try {
      await expect(web.hmacSha256('key', ['message'], 'hex')).rejects.toThrow(
        'Web Crypto (globalThis.crypto.subtle) is not available in this runtime',
      );
      Object.defineProperty(globalThis, 'crypto', { value: {}, configurable: true });
      await expect(web.hmacSha256('key', ['message'], 'hex')).rejects.toThrow('Web Crypto');
    } finally {
      if (descriptor) Object.defineProperty(globalThis, 'crypto', descriptor);
    }
    expect(await web.hmacSha256('key', ['message'], 'hex')).toBe(
      createHmac('sha256', 'key').update('message').digest('hex'),
    );
  });

  it.each(implementations)('%s matches node:crypto for text, bytes and parts', async (_, hmac) => {
    const expected = createHmac('sha256', 'key').update('1700000000.{"a":1}').digest();
    expect(await hmac('key', ['1700000000.{"a":1}'], 'hex')).toBe(expected.toString('hex'));
    expect(await hmac('key', ['1700000000.', utf8('{"a":1}')], 'base64')).toBe(
      expected.toString('base64'),
    );
    expect(await hmac('key', [concatBytes([utf8('1700000000.'), utf8('{"a":1}')])], 'hex')).toBe(
      expected.toString('hex'),
    );
  });

  it.each(implementations)('%s keys with the UTF-8 bytes of the secret', async (_, hmac) => {
    const expected = createHmac('sha256', Buffer.from('clé ✓', 'utf8')).update('é').digest('hex');
    expect(await hmac('clé ✓', ['é'], 'hex')).toBe(expected);
  });

  it('the node:crypto file throws what node:crypto throws for a key it cannot use', () => {
    // It hands back the digest itself, not a promise; the verifiers calling it are async.
    expect(() => node.hmacSha256(Symbol('key') as unknown as string, ['body'], 'hex')).toThrow(
      TypeError,
    );
    expect(node.hmacSha256('key', ['body'], 'hex')).toBe(
      createHmac('sha256', 'key').update('body').digest('hex'),
    );
  });

  it('the node:crypto file answers its very first call with the digest itself, on Node 20.16+', async () => {
    // A fresh copy of the module, so this call is the one that looks node:crypto up.
    vi.resetModules();
    const fresh: typeof node = await import('./hmac-node.js');
    expect(fresh.hmacSha256('key', ['body'], 'base64')).toBe(
      createHmac('sha256', 'key').update('body').digest('base64'),
    );
  });

  it('the node:crypto file encodes each secret once, and holds at most 64 of them', async () => {
    // node:crypto as the file finds it, recording the key each HMAC is made with.
    const keys: unknown[] = [];
    const real = process.getBuiltinModule('node:crypto');
    const recording = {
      createHmac: (algorithm: string, key: Uint8Array) => {
        keys.push(key);
        return real.createHmac(algorithm, key);
      },
    };
    const descriptor = Object.getOwnPropertyDescriptor(process, 'getBuiltinModule');
    Object.defineProperty(process, 'getBuiltinModule', {
      value: (id: string) => (id === 'node:crypto' ? recording : undefined),
      configurable: true,
    });
    try {
      vi.resetModules();
      const fresh: typeof node = await import('./hmac-node.js');
      const sign = (key: string) => {
        expect(fresh.hmacSha256(key, ['body'], 'hex')).toBe(
          createHmac('sha256', key).update('body').digest('hex'),
        );
        return keys.at(-1);
      };
      const first = sign('key-0');
      expect(first).toEqual(utf8('key-0'));
      // The same secret again, after another one: the bytes made the first time.
      sign('key-1');
      expect(sign('key-0')).toBe(first);
      // 63 more secrets fill the cache to 64 with key-0 still in it…
      for (let i = 2; i <= 63; i++) sign(`key-${i}`);
      expect(sign('key-0')).toBe(first);
      // …and the 65th pushes out the oldest, key-0, which is encoded anew.
      sign('key-64');
      const again = sign('key-0');
      expect(again).not.toBe(first);
      expect(again).toEqual(first);
    } finally {
      if (descriptor) Object.defineProperty(process, 'getBuiltinModule', descriptor);
      vi.resetModules();
    }
  });

  it('the node:crypto file falls back to Web Crypto on a Node without process.getBuiltinModule', async () => {
    // Node 20.0 to 20.15 have no process.getBuiltinModule; `engines` allows them.
    const descriptor = Object.getOwnPropertyDescriptor(process, 'getBuiltinModule');
    Object.defineProperty(process, 'getBuiltinModule', { value: undefined, configurable: true });
    try {
      vi.resetModules();
      const fresh: typeof node = await import('./hmac-node.js');
      const answer = fresh.hmacSha256('key', ['1700000000.', utf8('{"a":1}')], 'hex');
      expect(answer).toBeInstanceOf(Promise);
      expect(await answer).toBe(
        createHmac('sha256', 'key').update('1700000000.{"a":1}').digest('hex'),
      );
    } finally {
      if (descriptor) Object.defineProperty(process, 'getBuiltinModule', descriptor);
    }
  });

  it.each(implementations)(
    '%s signs with each of many secrets correctly, past its key cache',
    async (_, hmac) => {
      for (let round = 0; round < 2; round++) {
        for (let i = 0; i < 80; i++) {
          const expected = createHmac('sha256', `key-${i}`).update('body').digest('base64');
          expect(await hmac(`key-${i}`, ['body'], 'base64')).toBe(expected);
        }
      }
    },
  );
});

import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { concatBytes, toBase64, toHex, utf8 } from '../bytes.js';
import { hmacSha256 } from './hmac.js';
import { timingSafeEqual } from './timing-safe-equal.js';
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

  it('never matches an empty expected secret', () => {
    expect(verifySecret('x', [])).toBe(false);
    expect(verifySecret('x', ['', 'y'])).toBe(false);
  });
});

describe('hmacSha256', () => {
  it('says clearly when the runtime has no Web Crypto', async () => {
    const descriptor = Object.getOwnPropertyDescriptor(globalThis, 'crypto');
    Object.defineProperty(globalThis, 'crypto', { value: undefined, configurable: true });
    try {
      await expect(hmacSha256('key', 'message')).rejects.toThrow(
        'Web Crypto (globalThis.crypto.subtle) is not available in this runtime',
      );
      Object.defineProperty(globalThis, 'crypto', { value: {}, configurable: true });
      await expect(hmacSha256('key', 'message')).rejects.toThrow('Web Crypto');
    } finally {
      if (descriptor) Object.defineProperty(globalThis, 'crypto', descriptor);
    }
    expect(toHex(await hmacSha256('key', 'message'))).toBe(
      createHmac('sha256', 'key').update('message').digest('hex'),
    );
  });

  it('matches node:crypto for text and bytes', async () => {
    const expected = createHmac('sha256', 'key').update('1700000000.{"a":1}').digest();
    const fromText = await hmacSha256('key', '1700000000.{"a":1}');
    const fromBytes = await hmacSha256('key', concatBytes([utf8('1700000000.'), utf8('{"a":1}')]));
    expect(toHex(fromText)).toBe(expected.toString('hex'));
    expect(toBase64(fromBytes)).toBe(expected.toString('base64'));
  });
});

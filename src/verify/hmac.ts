import { concatBytes, toBase64, toHex, utf8 } from '../bytes.js';

/** How a digest is written out: Base64 with padding, or lowercase hexadecimal. */
export type DigestEncoding = 'base64' | 'hex';

// Importing a key costs more than signing a webhook body, so each secret is imported once. A few
// secrets per process are normal (rotation, one per tenant); past this many the oldest is dropped.
const MAX_CACHED_KEYS = 64;
const keys = new Map<string, CryptoKey>();

function importKey(subtle: SubtleCrypto, key: string): Promise<CryptoKey> {
  // Not extractable: the cached key can sign, and nothing can read the secret back out of it.
  return subtle
    .importKey('raw', utf8(key), { name: 'HMAC', hash: 'SHA-256' }, false, ['sign'])
    .then((cryptoKey) => {
      if (keys.size >= MAX_CACHED_KEYS) keys.delete(keys.keys().next().value as string);
      keys.set(key, cryptoKey);
      return cryptoKey;
    });
}

/**
 * Computes HMAC-SHA256, keyed with the UTF-8 bytes of `key`, over the parts joined in order
 * (strings as UTF-8), and encodes it. Web Crypto, for every runtime; Node gets `hmac-node.ts`.
 */
export function hmacSha256(
  key: string,
  parts: readonly (string | Uint8Array)[],
  encoding: DigestEncoding,
): Promise<string> {
  const subtle = globalThis.crypto?.subtle;
  if (!subtle) {
    return Promise.reject(
      new Error('Web Crypto (globalThis.crypto.subtle) is not available in this runtime'),
    );
  }
  const bytes = parts.map((part) => (typeof part === 'string' ? utf8(part) : part));
  const joined = bytes.length === 1 && bytes[0] ? bytes[0] : concatBytes(bytes);
  // Web Crypto takes no view of a SharedArrayBuffer; such bytes are copied first.
  const data = (
    joined.buffer instanceof ArrayBuffer ? joined : new Uint8Array(joined)
  ) as Uint8Array<ArrayBuffer>;
  const cached = keys.get(key);
  const signed = cached
    ? subtle.sign('HMAC', cached, data)
    : importKey(subtle, key).then((cryptoKey) => subtle.sign('HMAC', cryptoKey, data));
  return signed.then((digest) =>
    encoding === 'hex' ? toHex(new Uint8Array(digest)) : toBase64(new Uint8Array(digest)),
  );
}

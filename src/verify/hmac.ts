import { utf8 } from '../bytes.js';

/** Computes HMAC-SHA256 of a message with a UTF-8 key through Web Crypto (Node, Bun, Deno, edge). */
export async function hmacSha256(key: string, message: string | Uint8Array): Promise<Uint8Array> {
  const subtle = globalThis.crypto?.subtle;
  if (!subtle)
    throw new Error('Web Crypto (globalThis.crypto.subtle) is not available in this runtime');
  const cryptoKey = await subtle.importKey(
    'raw',
    utf8(key),
    { name: 'HMAC', hash: 'SHA-256' },
    false,
    ['sign'],
  );
  const data = typeof message === 'string' ? utf8(message) : message;
  return new Uint8Array(await subtle.sign('HMAC', cryptoKey, new Uint8Array(data)));
}

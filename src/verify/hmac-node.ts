import type * as NodeCrypto from 'node:crypto';
import * as web from './hmac.js';

interface NodeProcess {
  getBuiltinModule?(id: string): unknown;
}

// Looked up on the first signature, not imported: loading node:crypto takes several milliseconds
// of a cold start, which a process that never checks a signature should not pay. `null` when the
// runtime has no process.getBuiltinModule (Node before 20.16): Web Crypto then does the work.
let nodeCrypto: typeof NodeCrypto | null | undefined;

function loadNodeCrypto(): typeof NodeCrypto | null {
  if (nodeCrypto === undefined) {
    const process = (globalThis as { process?: NodeProcess }).process;
    const loaded =
      typeof process?.getBuiltinModule === 'function'
        ? process.getBuiltinModule('node:crypto')
        : undefined;
    nodeCrypto = (loaded as typeof NodeCrypto | undefined) ?? null;
  }
  return nodeCrypto;
}

// node:crypto encodes a string key again on every HMAC, about a tenth of the time of one over a
// webhook body; each secret is encoded once instead. A few secrets per process are normal
// (rotation, one per tenant); past this many the oldest is dropped.
const MAX_CACHED_KEYS = 64;
const encoder = new TextEncoder();
const keyBytes = new Map<string, Uint8Array>();

function keyBytesOf(key: string): Uint8Array {
  let bytes = keyBytes.get(key);
  if (bytes === undefined) {
    bytes = encoder.encode(key);
    if (keyBytes.size >= MAX_CACHED_KEYS) keyBytes.delete(keyBytes.keys().next().value as string);
    keyBytes.set(key, bytes);
  }
  return bytes;
}

/**
 * Computes HMAC-SHA256 like `hmac.ts`, through `node:crypto`: on Node, Web Crypto's `sign` goes
 * through the thread pool and costs many times more. Packages resolve `#hmac` to this file only
 * under the `node` export condition, and it imports no `node:` module itself. It throws what
 * node:crypto throws, where the Web Crypto file rejects.
 */
export const hmacSha256: typeof web.hmacSha256 = (key, parts, encoding) => {
  const crypto = loadNodeCrypto();
  if (crypto === null) return web.hmacSha256(key, parts, encoding);
  // The digest itself, not a promise of it: awaiting nothing saves a turn of the microtask queue.
  const hmac = crypto.createHmac('sha256', keyBytesOf(key));
  for (const part of parts) hmac.update(part);
  return hmac.digest(encoding);
};

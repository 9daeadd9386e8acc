import { createHmac } from 'node:crypto';
import type * as web from './hmac.js';

/**
 * Computes HMAC-SHA256 like `hmac.ts`, through `node:crypto`: on Node, Web Crypto's `sign` goes
 * through the thread pool and costs many times more. Packages resolve `#hmac` to this file only
 * under the `node` export condition, so edge bundles never see a `node:` import.
 */
export const hmacSha256: typeof web.hmacSha256 = (key, parts, encoding) => {
  try {
    const hmac = createHmac('sha256', key);
    for (const part of parts) hmac.update(part);
    return Promise.resolve(hmac.digest(encoding));
  } catch (error) {
    return Promise.reject(error);
  }
};

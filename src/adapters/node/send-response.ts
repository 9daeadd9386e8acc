import type { IncomingMessage, ServerResponse } from 'node:http';
import type { SmsWebhookResponse } from '../core/responses.js';

// biome-ignore lint/suspicious/noControlCharactersInRegex: every ASCII character, controls included.
const ASCII_ONLY = /^[\u0000-\u007f]*$/;
const encoder = /* @__PURE__ */ new TextEncoder();

/**
 * The number of bytes `text` takes in UTF-8 as `res.end(text, 'utf8')` writes it (a lone surrogate
 * as the 3 bytes of U+FFFD, as TextEncoder does). An answer is almost always ASCII, which the
 * pattern tells without encoding; a `charCodeAt` loop cost as much on `{"ok":true}`, 3 times as
 * much on a 400's issues, and 4 to 20 times as much wherever an object inherits from
 * `String.prototype` (node-redis's `VerbatimString` does), as V8 then stops inlining `charCodeAt`.
 */
function utf8Length(text: string): number {
  return ASCII_ONLY.test(text) ? text.length : encoder.encode(text).byteLength;
}

/**
 * Writes a pipeline answer to a Node response. When the request body was not read to the end
 * (a 413), the connection is closed after the answer, so Node does not read and discard the rest.
 *
 * @returns `false` when the response had already been started elsewhere and could not be written.
 */
export function sendResponse(
  req: IncomingMessage,
  res: ServerResponse,
  response: SmsWebhookResponse,
): boolean {
  if (res.headersSent || res.writableEnded) return false;
  const headers: Record<string, string | number> = {
    ...response.headers,
    'content-length': utf8Length(response.body),
  };
  if (!req.complete && req.httpVersionMajor === 1) headers.connection = 'close';
  // One writeHead with every header: Node then writes them as given, where a setHeader per header
  // is sorted into its own table first, which cost several times as much. Headers a middleware set
  // on `res` before are kept; writeHead adds these to them.
  res.writeHead(response.status, headers);
  // A string, not bytes: Node then sends the head and the body in one write instead of a writev
  // of two buffers, which under load costs more than the rest of the handler.
  res.end(response.body, 'utf8');
  return true;
}

import type { IncomingMessage, ServerResponse } from 'node:http';
import type { SmsWebhookResponse } from '../core/responses.js';

function isLowSurrogate(code: number): boolean {
  return code >= 0xdc00 && code <= 0xdfff;
}

/** The number of bytes `text` takes in UTF-8, counted without encoding it. */
function utf8Length(text: string): number {
  let length = text.length;
  for (let index = 0; index < text.length; index++) {
    const code = text.charCodeAt(index);
    if (code < 0x80) continue;
    if (code < 0x800) length += 1;
    else if (code >= 0xd800 && code <= 0xdbff && isLowSurrogate(text.charCodeAt(index + 1))) {
      // A surrogate pair: 2 UTF-16 units, 4 UTF-8 bytes.
      length += 2;
      index++;
    } else length += 2;
  }
  return length;
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

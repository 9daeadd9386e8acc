import type { IncomingMessage, ServerResponse } from 'node:http';
import type { SmsWebhookResponse } from '../core/responses.js';

const encoder = new TextEncoder();

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
  const body = encoder.encode(response.body);
  res.statusCode = response.status;
  for (const [name, value] of Object.entries(response.headers)) res.setHeader(name, value);
  res.setHeader('content-length', String(body.byteLength));
  if (!req.complete && req.httpVersionMajor === 1) res.setHeader('connection', 'close');
  res.end(body);
  return true;
}

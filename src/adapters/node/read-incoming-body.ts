import type { IncomingMessage } from 'node:http';
import { createBodyCollector } from '../core/body-limit.js';
import type { IncomingBody } from '../core/create-pipeline.js';

const encoder = new TextEncoder();

/** A Node request as frameworks leave it: Express, Next.js and others may have parsed the body. */
export type NodeRequestWithBody = IncomingMessage & {
  /** The body a framework parsed (`express.json()`, `express.raw()`, `express.text()`, Next.js). */
  body?: unknown;
  /** The raw body some frameworks keep (NestJS with `rawBody: true`, Google Cloud Functions). */
  rawBody?: unknown;
};

function toBytes(value: Uint8Array): Uint8Array {
  return new Uint8Array(value.buffer, value.byteOffset, value.byteLength);
}

function bounded(bytes: Uint8Array, maxBytes: number): IncomingBody {
  return bytes.byteLength > maxBytes
    ? { type: 'too_large' }
    : { type: 'bytes', bytes: toBytes(bytes) };
}

/**
 * Gets a Node request's body: the raw bytes a framework kept, the value a body parser left in
 * `req.body` once it consumed the stream, or else the stream itself, read only up to `maxBytes`.
 */
export function readIncomingBody(
  req: NodeRequestWithBody,
  maxBytes: number,
): Promise<IncomingBody> {
  if (req.rawBody instanceof Uint8Array) return Promise.resolve(bounded(req.rawBody, maxBytes));
  // Express 4's json() sets `req.body = {}` for other content types without reading the stream,
  // so a parsed body counts only once the stream has been consumed.
  if (req.readableEnded || !req.readable) {
    const body = req.body;
    if (body instanceof Uint8Array) return Promise.resolve(bounded(body, maxBytes));
    if (typeof body === 'string') return Promise.resolve(bounded(encoder.encode(body), maxBytes));
    if (body === undefined) {
      // A destroyed request lost its body to the client going away, not to a body parser.
      return Promise.resolve({ type: req.readableEnded ? 'unavailable' : 'incomplete' });
    }
    return Promise.resolve({ type: 'parsed', value: body });
  }
  return readStream(req, maxBytes);
}

function readStream(req: IncomingMessage, maxBytes: number): Promise<IncomingBody> {
  return new Promise((resolve) => {
    const collector = createBodyCollector(maxBytes);
    // The listeners stay until the request is dropped: removing four of them on every request
    // costs more than the flag that makes the late ones do nothing.
    let settled = false;
    const settle = (result: IncomingBody): void => {
      if (settled) return;
      settled = true;
      resolve(result);
    };
    req.on('data', (chunk: Uint8Array | string): void => {
      if (settled) return;
      if (!collector.add(typeof chunk === 'string' ? encoder.encode(chunk) : chunk)) {
        // Stop pulling from the socket; the answer then closes the connection.
        req.pause();
        settle({ type: 'too_large' });
      }
    });
    req.on('end', () => settle({ type: 'bytes', bytes: collector.bytes() }));
    const onFailure = (): void => settle({ type: 'incomplete' });
    req.on('error', onFailure);
    req.on('close', onFailure);
    // A stream someone paused explicitly stays paused when a 'data' listener is added.
    req.resume();
  });
}

import { createBodyCollector } from '../core/body-limit.js';
import type { IncomingBody } from '../core/create-pipeline.js';

const declaredLength = /^\s*\d+\s*$/;

/**
 * Reads a Web `Request` body without ever holding more than `maxBytes` of a streamed one.
 *
 * With a `Content-Length` header (the pipeline has already refused one above the limit), the body
 * is read in one `arrayBuffer()` call: hosts such as `@hono/node-server` answer that from the
 * socket without building a `ReadableStream`, several times faster than a reader. The HTTP server
 * holds such a body to its declared length; one built in code is still checked against the limit.
 * Without the header, the stream is read chunk by chunk and cancelled as soon as it passes the limit.
 */
export async function readRequestBody(request: Request, maxBytes: number): Promise<IncomingBody> {
  if (request.bodyUsed) return { type: 'unavailable' };
  const length = request.headers.get('content-length');
  if (length !== null && declaredLength.test(length)) {
    let buffer: ArrayBuffer;
    try {
      buffer = await request.arrayBuffer();
    } catch {
      return { type: 'incomplete' };
    }
    return buffer.byteLength > maxBytes
      ? { type: 'too_large' }
      : { type: 'bytes', bytes: new Uint8Array(buffer) };
  }
  const stream = request.body;
  if (stream === null) return { type: 'bytes', bytes: new Uint8Array(0) };
  const collector = createBodyCollector(maxBytes);
  const reader = stream.getReader();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return { type: 'bytes', bytes: collector.bytes() };
      if (!collector.add(value)) {
        // Not awaited: a runtime that never settles the cancellation must not hold the answer.
        reader.cancel().catch(() => {});
        return { type: 'too_large' };
      }
    }
  } catch {
    return { type: 'incomplete' };
  }
}

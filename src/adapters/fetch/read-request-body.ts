import { createBodyCollector } from '../core/body-limit.js';
import type { IncomingBody } from '../core/create-pipeline.js';

/**
 * Reads a Web `Request` body chunk by chunk and stops (cancelling the stream) as soon as it passes
 * `maxBytes`, so an oversized body is never held in memory.
 */
export async function readRequestBody(request: Request, maxBytes: number): Promise<IncomingBody> {
  if (request.bodyUsed) return { type: 'unavailable' };
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

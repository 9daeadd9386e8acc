import { concatBytes } from '../../bytes.js';

/** The default largest body a handler accepts: 1 MiB. */
export const DEFAULT_MAX_BODY_BYTES = 1_048_576;

/**
 * Whether a `Content-Length` header announces more bytes than allowed, so the request can be
 * refused before a single body byte is read. A missing or malformed header says nothing.
 */
export function declaredLengthExceeds(contentLength: string | null, maxBytes: number): boolean {
  if (contentLength === null) return false;
  const text = contentLength.trim();
  if (!/^\d+$/.test(text)) return false;
  return Number(text) > maxBytes;
}

/** Gathers body chunks up to a byte limit, refusing the chunk that would pass it. */
export interface BodyCollector {
  /** Adds a chunk; returns `false`, keeping nothing of it, when it would take the total over the limit. */
  add(chunk: Uint8Array): boolean;
  /** The bytes gathered so far, as one array. */
  bytes(): Uint8Array;
}

/** Creates a {@link BodyCollector} that holds at most `maxBytes` bytes. */
export function createBodyCollector(maxBytes: number): BodyCollector {
  const chunks: Uint8Array[] = [];
  let total = 0;
  return {
    add(chunk) {
      if (total + chunk.byteLength > maxBytes) return false;
      chunks.push(chunk);
      total += chunk.byteLength;
      return true;
    },
    bytes() {
      return concatBytes(chunks);
    },
  };
}

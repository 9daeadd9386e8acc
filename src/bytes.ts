const encoder = new TextEncoder();

/** Encodes a string as UTF-8 bytes. */
export function utf8(text: string): Uint8Array<ArrayBuffer> {
  return encoder.encode(text);
}

/**
 * Joins byte arrays into one, without decoding: a `{timestamp}.` prefix and a raw body, or the
 * chunks of a request body.
 */
export function concatBytes(parts: readonly Uint8Array[]): Uint8Array {
  // An array, not rest parameters: a body can arrive in more chunks than a call takes arguments.
  // One part (most bodies) is viewed as it is, not copied; a view, so a Node Buffer is not passed on.
  const [only] = parts;
  if (parts.length === 1 && only)
    return new Uint8Array(only.buffer, only.byteOffset, only.byteLength);
  let total = 0;
  for (const part of parts) total += part.byteLength;
  const joined = new Uint8Array(total);
  let offset = 0;
  for (const part of parts) {
    joined.set(part, offset);
    offset += part.byteLength;
  }
  return joined;
}

/** Encodes bytes as standard Base64 with padding. */
export function toBase64(bytes: Uint8Array): string {
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary);
}

/** The character codes of the lowercase hexadecimal digits, by value. */
export const HEX_CODES = [
  48, 49, 50, 51, 52, 53, 54, 55, 56, 57, 97, 98, 99, 100, 101, 102,
] as const;

// Bytes encoded per `String.fromCharCode` call, well under any engine's limit on arguments.
const HEX_CHUNK = 4096;

/** Encodes bytes as lowercase hexadecimal. */
export function toHex(bytes: Uint8Array): string {
  // Character codes by table, made into a string in one call: a `toString(16)` and a concatenation
  // per byte cost about twice as much for a digest.
  let hex = '';
  for (let start = 0; start < bytes.length; start += HEX_CHUNK) {
    const end = Math.min(bytes.length, start + HEX_CHUNK);
    const codes = new Array<number>((end - start) * 2);
    for (let index = start, at = 0; index < end; index++) {
      const byte = bytes[index] as number;
      codes[at++] = HEX_CODES[byte >>> 4] as number;
      codes[at++] = HEX_CODES[byte & 15] as number;
    }
    hex += String.fromCharCode(...codes);
  }
  return hex;
}

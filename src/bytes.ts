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

/** Encodes bytes as lowercase hexadecimal. */
export function toHex(bytes: Uint8Array): string {
  let hex = '';
  for (const byte of bytes) hex += byte.toString(16).padStart(2, '0');
  return hex;
}

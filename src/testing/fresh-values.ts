import { toHex } from '../bytes.js';

let lastMillis = 0;

/**
 * Returns the current time in epoch milliseconds, always later than the previous call's value,
 * so two payloads made in the same millisecond still differ.
 */
export function nextMillis(): number {
  const now = Date.now();
  lastMillis = now > lastMillis ? now : lastMillis + 1;
  return lastMillis;
}

/** Returns a random dashed GUID, e.g. `0acb020f-7b61-48dd-9905-3d2509fdbdc5`. */
export function randomGuid(): string {
  return globalThis.crypto.randomUUID();
}

/** Returns 32 random lowercase hex digits without dashes, the form of a Telmetrics delivery `Id`. */
export function randomHexId(): string {
  return toHex(globalThis.crypto.getRandomValues(new Uint8Array(16)));
}

// Numeric ids count up from a random start, so they never repeat within one process and rarely
// collide with ids from another run. The start is drawn on first use: some edge runtimes
// (Cloudflare Workers) refuse to generate random values while a module loads.
let lastNumber: number | undefined;

/** Returns a positive integer id (8 or 9 digits) that no earlier call in this process returned. */
export function nextNumericId(): number {
  lastNumber ??=
    10_000_000 + ((globalThis.crypto.getRandomValues(new Uint32Array(1))[0] ?? 0) % 80_000_000);
  lastNumber += 1;
  return lastNumber;
}

/** Formats epoch milliseconds as ISO 8601 UTC without an offset, e.g. `2019-09-19T17:16:24.147`. */
export function toUtcWithoutOffset(millis: number): string {
  return new Date(millis).toISOString().slice(0, -1);
}

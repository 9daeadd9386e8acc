import { SmsWebhookError } from './errors/SmsWebhookError.js';

const decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });

/**
 * How many objects and arrays deep a webhook body may nest: the providers' payloads nest 5 deep at
 * most, and a deeper body is refused as `invalid_json`, so every event stays JSON-serializable and
 * structured-clonable (both recurse, and both throw on a few thousand levels).
 */
export const MAX_BODY_DEPTH = 64;

/**
 * Turns a webhook body into a JSON value: a `string` or `Uint8Array` is decoded (UTF-8, strict)
 * and parsed; any other value is taken as already parsed. `provider`, when given, is the provider
 * named by the error.
 *
 * @throws {SmsWebhookError} `invalid_json` when the bytes are not UTF-8, the text is not JSON, or
 * the value nests deeper than {@link MAX_BODY_DEPTH} (a cycle counts as infinitely deep).
 */
export function decodeBody(body: unknown, provider?: string): unknown {
  return decodeJsonBody(body, provider).value;
}

/** A body as {@link decodeJsonBody} decoded it, with what its text showed about it. */
export interface DecodedBody {
  /** The JSON value. */
  readonly value: unknown;
  /**
   * Whether the value was parsed from text here: then it and everything in it are plain JSON
   * objects and arrays (no getters, prototypes or shared parts), seen by no one else yet.
   */
  readonly fresh: boolean;
}

/**
 * `value` as a body no reader may claim, so it is copied when read: one given already parsed, or
 * text that is not an object.
 */
export function givenBody(value: unknown): DecodedBody {
  return { value, fresh: false };
}

/** {@link decodeBody}, telling also whether the value is fresh from text (see {@link DecodedBody}). */
export function decodeJsonBody(body: unknown, provider?: string): DecodedBody {
  let text: string;
  if (typeof body === 'string') {
    text = body;
  } else if (body instanceof Uint8Array) {
    try {
      text = decoder.decode(body);
    } catch (cause) {
      throw new SmsWebhookError('invalid_json', 'The body is not valid UTF-8.', {
        provider,
        issues: [{ path: '', message: 'body is not valid UTF-8' }],
        cause,
      });
    }
  } else {
    return givenBody(checkDepth(body, provider));
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    if (error instanceof RangeError) throw tooDeep(provider);
    // The engine's message quotes the body, which may hold a secret, so it is not kept as a cause.
    throw new SmsWebhookError('invalid_json', 'The body is not valid JSON.', {
      provider,
      issues: [{ path: '', message: 'body is not valid JSON' }],
    });
  }
  if (typeof value !== 'object' || value === null) return givenBody(value);
  // Parsed text is a tree (no object is reached twice), so no record of visited objects is needed;
  // and text with few brackets cannot nest deep, which spares most bodies the walk.
  if (!fewOpenings(text) && !treeFitsDepth(value, 1)) throw tooDeep(provider);
  return { value, fresh: true };
}

// The fresh body being read, for as long as `readDecoded` runs. Not a weak set of every value
// parsed: V8 slows every later add and delete in a weak collection that has had many entries added
// and never deleted (as each body that fails verification would leave one), by 10-100 times.
let reading: unknown;

/**
 * Calls `read` with `decoded.value`; while it runs, {@link claimParsedJson} answers for that value
 * once. `read` must be synchronous: the claim ends when it returns.
 */
export function readDecoded<T>(decoded: DecodedBody, read: (value: unknown) => T): T {
  const outer = reading;
  reading = decoded.fresh ? decoded.value : undefined;
  try {
    return read(decoded.value);
  } finally {
    reading = outer;
  }
}

/**
 * Whether `value` is the fresh body {@link readDecoded} is reading and no one has claimed it yet:
 * the reader may then use it as it is instead of copying it. Only the first call answers `true`:
 * once read, the value may be handed out, changed and passed back.
 */
export function claimParsedJson(value: object): boolean {
  if (reading !== value) return false;
  reading = undefined;
  return true;
}

/** Whether `text` holds at most {@link MAX_BODY_DEPTH} `{` and `[` (in strings too) in all. */
function fewOpenings(text: string): boolean {
  let count = 0;
  for (const opening of ['{', '[']) {
    for (let at = text.indexOf(opening); at !== -1; at = text.indexOf(opening, at + 1)) {
      if (++count > MAX_BODY_DEPTH) return false;
    }
  }
  return true;
}

/** Whether a tree of objects and arrays nests at most {@link MAX_BODY_DEPTH} deep from `depth`. */
function treeFitsDepth(node: object, depth: number): boolean {
  if (depth > MAX_BODY_DEPTH) return false;
  if (Array.isArray(node)) {
    for (let index = 0; index < node.length; index++) {
      const child: unknown = node[index];
      if (typeof child === 'object' && child !== null && !treeFitsDepth(child, depth + 1)) {
        return false;
      }
    }
    return true;
  }
  const record = node as Record<string, unknown>;
  for (const key in record) {
    const child = record[key];
    if (typeof child === 'object' && child !== null && !treeFitsDepth(child, depth + 1)) {
      return false;
    }
  }
  return true;
}

function checkDepth(value: unknown, provider: string | undefined): unknown {
  if (typeof value === 'object' && value !== null && !fitsDepth(value, 1, new WeakMap())) {
    throw tooDeep(provider);
  }
  return value;
}

/**
 * Whether an object and what it holds nest at most {@link MAX_BODY_DEPTH} deep from `depth`.
 * `seen` keeps the deepest level each object was checked from, so an object shared by several
 * parents (possible in a parsed value, never in parsed text) is not walked again from above it.
 */
function fitsDepth(node: object, depth: number, seen: WeakMap<object, number>): boolean {
  if (depth > MAX_BODY_DEPTH) return false;
  const checkedAt = seen.get(node);
  if (checkedAt !== undefined && checkedAt >= depth) return true;
  seen.set(node, depth);
  const children = Array.isArray(node) ? node : Object.values(node);
  for (const child of children) {
    if (typeof child === 'object' && child !== null && !fitsDepth(child, depth + 1, seen)) {
      return false;
    }
  }
  return true;
}

function tooDeep(provider: string | undefined): SmsWebhookError {
  return new SmsWebhookError(
    'invalid_json',
    `The body nests deeper than ${MAX_BODY_DEPTH} levels of objects and arrays.`,
    { provider, issues: [{ path: '', message: `body is nested deeper than ${MAX_BODY_DEPTH}` }] },
  );
}

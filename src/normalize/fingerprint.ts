/** What every fingerprint starts with, so a key built from one says that it is content-derived. */
const FINGERPRINT_MARKER = 'fp:';

/**
 * Returns a stable fingerprint of a JSON-like value, independent of key order: `fp:` and 16 hex
 * digits (64 bits).
 *
 * Used to build idempotency keys for providers that send no event id: redeliveries of one payload
 * give the same key, payloads that differ in any field give different keys. The `fp:` marker lets
 * {@link isFingerprintKey} tell such keys from ones built on a provider's id.
 */
export function fingerprint(value: unknown): string {
  return hashText(canonicalJson(value));
}

/**
 * The fingerprint of the fields a wire schema documents: the same string as
 * `fingerprint(documentedFields(schema, value))`, computed without building the picked copy.
 */
export function documentedFingerprint(schema: object, value: unknown): string {
  return hashText(writerOf(schema as SchemaShape)(value));
}

const encoder = /* @__PURE__ */ new TextEncoder();

// The writers build a fingerprint's text by concatenation, and `charCodeAt` on such a string is
// several times slower than reading a byte array. Text up to this length is copied into one
// scratch buffer first; when it is all ASCII, its UTF-8 bytes are its UTF-16 code units.
// Hashing the writers' pieces with `charCodeAt` instead, without the copy, is faster in a bare
// process but 2.5 times slower once any object inherits from `String.prototype` (node-redis's
// `VerbatimString extends String` is one): V8 then stops inlining `charCodeAt`. Byte reads are not
// affected.
const SCRATCH_LIMIT = 1 << 16;
let scratch = /* @__PURE__ */ new Uint8Array(1024);

function hashText(text: string): string {
  // Two independent 32-bit FNV-1a style lanes over UTF-16 code units give a 64-bit digest.
  const length = text.length;
  let h1 = 0x811c9dc5;
  let h2 = 0x01000193 ^ length;
  let ascii = false;
  if (length <= SCRATCH_LIMIT) {
    if (scratch.length < length) {
      scratch = new Uint8Array(Math.min(SCRATCH_LIMIT, Math.max(length, scratch.length * 2)));
    }
    const { read, written } = encoder.encodeInto(text, scratch);
    // Any other character takes more bytes than code units, so the counts differ.
    ascii = read === length && written === length;
  }
  if (ascii) {
    const bytes = scratch;
    for (let index = 0; index < length; index++) {
      const code = bytes[index] as number;
      h1 = Math.imul(h1 ^ code, 0x01000193);
      h2 = Math.imul(h2 ^ code, 0x5bd1e995);
      h2 ^= h2 >>> 15;
    }
  } else {
    for (let index = 0; index < length; index++) {
      const code = text.charCodeAt(index);
      h1 = Math.imul(h1 ^ code, 0x01000193);
      h2 = Math.imul(h2 ^ code, 0x5bd1e995);
      h2 ^= h2 >>> 15;
    }
  }
  h1 ^= h1 >>> 13;
  h1 = Math.imul(h1, 0xc2b2ae35);
  h1 ^= h1 >>> 16;
  h2 = Math.imul(h2 ^ (h2 >>> 13), 0x85ebca6b);
  h2 ^= h2 >>> 16;
  return `${FINGERPRINT_MARKER}${hex32(h1)}${hex32(h2)}`;
}

const HEX_DIGITS = '0123456789abcdef';

/**
 * `(word >>> 0).toString(16).padStart(8, '0')`: eight lowercase hex digits. V8's `toString(16)` of
 * a number costs more than hashing a small webhook body, so the digits are looked up instead.
 */
function hex32(word: number): string {
  let digits = '';
  for (let shift = 28; shift >= 0; shift -= 4) digits += HEX_DIGITS[(word >>> shift) & 15];
  return digits;
}

const fingerprintKeyPattern = /(?:^|[:~])fp:[0-9a-f]{16}$/;

/**
 * Whether an `idempotencyKey` is a content fingerprint (the provider sent no id for the event)
 * rather than built on the provider's own id. Two genuine events with identical content share a
 * fingerprint key, so stores keep such keys only for a short window.
 *
 * @example
 * ```ts
 * isFingerprintKey('telmetrics:0bdacf54acd6480086b9f9b6c1baa50b:0'); // false
 * isFingerprintKey('textlink:received:fp:3f2a9c1e8d4a4b7e'); // true
 * ```
 */
export function isFingerprintKey(key: string): boolean {
  return fingerprintKeyPattern.test(key);
}

/** Serializes a JSON-like value with object keys sorted, so equal payloads serialize equally. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return primitiveJson(value);
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const keys = Object.keys(value).sort();
  const record = value as Record<string, unknown>;
  return `{${keys.map((key) => `${stringJson(key)}:${canonicalJson(record[key])}`).join(',')}}`;
}

// The characters JSON.stringify writes as escapes: control characters, `"`, `\`, and surrogates
// (a lone one as `\u` and four hex digits; a pair as it is, but the check is simpler for both).
// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what it looks for.
const ESCAPED_BY_JSON = /[\u0000-\u001f"\\\ud800-\udfff]/;

/**
 * `JSON.stringify(text)`: a string with nothing to escape is only quoted, which costs a fraction
 * of a call to JSON.stringify, and a fingerprint writes one for every field.
 */
function stringJson(text: string): string {
  return ESCAPED_BY_JSON.test(text) ? JSON.stringify(text) : `"${text}"`;
}

/** `JSON.stringify(value) ?? 'null'` for a value that is not an object or array. */
function primitiveJson(value: unknown): string {
  switch (typeof value) {
    case 'string':
      return stringJson(value);
    case 'number':
      // JSON writes a finite number as its String form, and any other as null.
      return Number.isFinite(value) ? String(value) : 'null';
    case 'boolean':
      return value ? 'true' : 'false';
    default:
      // null, and what JSON leaves out or refuses (undefined, functions, symbols, bigints).
      return JSON.stringify(value) ?? 'null';
  }
}

/** The parts of a valibot schema that `documentedFields` walks; other schemas are leaves. */
interface SchemaShape {
  readonly entries?: Readonly<Record<string, SchemaShape>>;
  readonly wrapped?: SchemaShape;
  readonly item?: SchemaShape;
}

/**
 * Keeps only the fields a wire schema documents, recursively, so an idempotency key built from
 * them stays the same when a provider starts sending new fields with a redelivery.
 */
export function documentedFields(schema: object, value: unknown): unknown {
  return pick(schema as SchemaShape, value);
}

/** An object schema's entries in canonical (sorted) key order, with each key already serialized. */
interface SortedEntries {
  readonly keys: readonly string[];
  readonly prefixes: readonly string[];
  readonly schemas: readonly SchemaShape[];
}

const sortedEntriesCache = new WeakMap<object, SortedEntries>();

function sortedEntries(entries: Readonly<Record<string, SchemaShape>>): SortedEntries {
  let sorted = sortedEntriesCache.get(entries);
  if (sorted === undefined) {
    const keys = Object.keys(entries).sort();
    sorted = {
      keys,
      prefixes: keys.map((key, index) => `${index === 0 ? '' : ','}${JSON.stringify(key)}:`),
      schemas: keys.map((key) => entries[key] as SchemaShape),
    };
    sortedEntriesCache.set(entries, sorted);
  }
  return sorted;
}

/** Writes `canonicalJson(pick(schema, value))` in one pass, for one schema. */
type Writer = (value: unknown) => string;

const writers = new WeakMap<object, Writer>();

/** The writer of a schema, made once: the schema's shape is settled then, not on every call. */
function writerOf(schema: SchemaShape): Writer {
  let writer = writers.get(schema);
  if (writer === undefined) {
    writer = compileWriter(schema);
    writers.set(schema, writer);
  }
  return writer;
}

function compileWriter(schema: SchemaShape): Writer {
  if (schema.wrapped) return writerOf(schema.wrapped);
  if (schema.item) {
    const item = writerOf(schema.item);
    return (value) => {
      if (!Array.isArray(value)) return canonicalJson(value);
      let out = '[';
      for (let index = 0; index < value.length; index++) {
        if (index > 0) out += ',';
        out += item(value[index]);
      }
      return `${out}]`;
    };
  }
  if (schema.entries) {
    const { keys, prefixes, schemas } = sortedEntries(schema.entries);
    const fields = schemas.map(writerOf);
    return (value) => {
      if (value === null || typeof value !== 'object' || Array.isArray(value)) {
        return canonicalJson(value);
      }
      const record = value as Readonly<Record<string, unknown>>;
      let out = '{';
      let first = true;
      for (let index = 0; index < keys.length; index++) {
        const key = keys[index] as string;
        if (!Object.hasOwn(record, key)) continue;
        // The first field written takes no comma, whichever entry it is.
        const prefix = prefixes[index] as string;
        out += first && index > 0 ? prefix.slice(1) : prefix;
        first = false;
        out += (fields[index] as Writer)(record[key]);
      }
      return `${out}}`;
    };
  }
  return canonicalJson;
}

function pick(schema: SchemaShape, value: unknown): unknown {
  if (schema.wrapped) return pick(schema.wrapped, value);
  if (schema.item && Array.isArray(value)) {
    const item = schema.item;
    return value.map((element) => pick(item, element));
  }
  if (schema.entries && value !== null && typeof value === 'object' && !Array.isArray(value)) {
    const record = value as Readonly<Record<string, unknown>>;
    const picked: Record<string, unknown> = {};
    for (const [key, entry] of Object.entries(schema.entries)) {
      if (Object.hasOwn(record, key)) picked[key] = pick(entry, record[key]);
    }
    return picked;
  }
  return value;
}

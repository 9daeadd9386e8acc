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
  const text = new FingerprintText();
  writeCanonical(value, text);
  return hashPieces(text.pieces, text.length);
}

/**
 * The fingerprint of the fields a wire schema documents: the same string as
 * `fingerprint(documentedFields(schema, value))`, computed without building the picked copy or
 * its text.
 */
export function documentedFingerprint(schema: object, value: unknown): string {
  const text = new FingerprintText();
  writerOf(schema as SchemaShape)(value, text);
  return hashPieces(text.pieces, text.length);
}

/**
 * A fingerprint's canonical text as the pieces it is written in: the keys' prefixes, made once per
 * schema, and the values as they were parsed. Hashing the pieces one after another gives the hash
 * of their concatenation without building it: the pieces are flat strings, which `charCodeAt`
 * reads quickly, and a string built by concatenation is not until it is copied into one.
 */
class FingerprintText {
  /** The pieces, in order. */
  readonly pieces: string[] = [];
  /** The length of their concatenation, which the hash starts from. */
  length = 0;

  /** Appends a piece. */
  add(piece: string): void {
    this.pieces.push(piece);
    this.length += piece.length;
  }
}

/**
 * The hash of the pieces' concatenation, whose length is `length`: two independent 32-bit FNV-1a
 * style lanes over UTF-16 code units give a 64-bit digest. The second lane starts from the length,
 * which is why it is summed while the pieces are written.
 */
function hashPieces(pieces: readonly string[], length: number): string {
  let h1 = 0x811c9dc5;
  let h2 = 0x01000193 ^ length;
  for (let piece = 0; piece < pieces.length; piece++) {
    const text = pieces[piece] as string;
    for (let index = 0; index < text.length; index++) {
      const code = text.charCodeAt(index);
      h1 = Math.imul(h1 ^ code, 0x01000193);
      h2 = Math.imul(h2 ^ code, 0x5bd1e995);
      h2 ^= h2 >>> 15;
    }
  }
  return digest(h1, h2);
}

/** Mixes the two lanes' last states and writes them as `fp:` and 16 hex digits. */
function digest(lane1: number, lane2: number): string {
  let h1 = lane1 ^ (lane1 >>> 13);
  h1 = Math.imul(h1, 0xc2b2ae35);
  h1 ^= h1 >>> 16;
  let h2 = Math.imul(lane2 ^ (lane2 >>> 13), 0x85ebca6b);
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
  const text = new FingerprintText();
  writeCanonical(value, text);
  return text.pieces.join('');
}

/** Writes `canonicalJson(value)` as pieces. */
function writeCanonical(value: unknown, text: FingerprintText): void {
  if (value === null || typeof value !== 'object') {
    writePrimitive(value, text);
  } else if (Array.isArray(value)) {
    text.add('[');
    for (let index = 0; index < value.length; index++) {
      if (index > 0) text.add(',');
      writeCanonical(value[index], text);
    }
    text.add(']');
  } else {
    const keys = Object.keys(value).sort();
    const record = value as Readonly<Record<string, unknown>>;
    text.add('{');
    for (let index = 0; index < keys.length; index++) {
      const key = keys[index] as string;
      if (index > 0) text.add(',');
      writeString(key, text);
      text.add(':');
      writeCanonical(record[key], text);
    }
    text.add('}');
  }
}

// The characters JSON.stringify writes as escapes: control characters, `"`, `\`, and surrogates
// (a lone one as `\u` and four hex digits; a pair as it is, but the check is simpler for both).
// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what it looks for.
const ESCAPED_BY_JSON = /[\u0000-\u001f"\\\ud800-\udfff]/;

/**
 * Writes `JSON.stringify(text)`: a string with nothing to escape is the string itself between
 * quotes, which costs a fraction of a call to JSON.stringify, and a fingerprint has one for every
 * field.
 */
function writeString(value: string, text: FingerprintText): void {
  if (ESCAPED_BY_JSON.test(value)) {
    text.add(JSON.stringify(value));
  } else {
    text.add('"');
    text.add(value);
    text.add('"');
  }
}

/** Writes `JSON.stringify(value) ?? 'null'` for a value that is not an object or array. */
function writePrimitive(value: unknown, text: FingerprintText): void {
  switch (typeof value) {
    case 'string':
      writeString(value, text);
      return;
    case 'number':
      // JSON writes a finite number as its String form, and any other as null.
      text.add(Number.isFinite(value) ? String(value) : 'null');
      return;
    case 'boolean':
      text.add(value ? 'true' : 'false');
      return;
    default:
      // null, and what JSON leaves out or refuses (undefined, functions, symbols, bigints).
      text.add(JSON.stringify(value) ?? 'null');
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
  /** The keys, sorted. */
  readonly keys: readonly string[];
  /** What comes before each key's value when another field was written before it: `,"key":`. */
  readonly prefixes: readonly string[];
  /** What comes before each key's value when it is the first field written: `"key":`. */
  readonly firstPrefixes: readonly string[];
  /** The schema of each key's value. */
  readonly schemas: readonly SchemaShape[];
}

const sortedEntriesCache = new WeakMap<object, SortedEntries>();

function sortedEntries(entries: Readonly<Record<string, SchemaShape>>): SortedEntries {
  let sorted = sortedEntriesCache.get(entries);
  if (sorted === undefined) {
    const keys = Object.keys(entries).sort();
    sorted = {
      keys,
      prefixes: keys.map((key) => `,${JSON.stringify(key)}:`),
      firstPrefixes: keys.map((key) => `${JSON.stringify(key)}:`),
      schemas: keys.map((key) => entries[key] as SchemaShape),
    };
    sortedEntriesCache.set(entries, sorted);
  }
  return sorted;
}

/** Writes `canonicalJson(pick(schema, value))` as pieces in one pass, for one schema. */
type Writer = (value: unknown, text: FingerprintText) => void;

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
    return (value, text) => {
      if (!Array.isArray(value)) return writeCanonical(value, text);
      text.add('[');
      for (let index = 0; index < value.length; index++) {
        if (index > 0) text.add(',');
        item(value[index], text);
      }
      text.add(']');
    };
  }
  if (schema.entries) {
    const { keys, prefixes, firstPrefixes, schemas } = sortedEntries(schema.entries);
    const fields = schemas.map(writerOf);
    return (value, text) => {
      if (value === null || typeof value !== 'object' || Array.isArray(value)) {
        return writeCanonical(value, text);
      }
      const record = value as Readonly<Record<string, unknown>>;
      text.add('{');
      let first = true;
      for (let index = 0; index < keys.length; index++) {
        const key = keys[index] as string;
        if (!Object.hasOwn(record, key)) continue;
        // The first field written takes no comma, whichever entry it is.
        text.add((first ? firstPrefixes[index] : prefixes[index]) as string);
        first = false;
        (fields[index] as Writer)(record[key], text);
      }
      text.add('}');
    };
  }
  return writeCanonical;
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

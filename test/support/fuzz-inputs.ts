import type { ProviderId } from '../../src/providers/index.js';

/** A documented sample to mutate: its provider and parsed JSON. */
export interface FuzzFixture {
  /** The provider the sample belongs to. */
  readonly provider: ProviderId;
  /** The sample parsed. */
  readonly json: unknown;
}

/** One generated input: how it was made, the body, and the provider to also parse it as. */
export interface FuzzInput {
  /** Which generator made it. */
  readonly kind: 'json' | 'json-text' | 'bytes' | 'string' | 'fixture' | 'fixture-text';
  /** The body, as a parsed value, text or bytes. */
  readonly body: unknown;
  /** A provider to parse it as besides detecting one. */
  readonly provider: ProviderId;
}

const PROVIDERS: readonly ProviderId[] = ['telmetrics', 'textlink', 'textrequest'];

// Values that have broken normalizers before, or that sit on the edges of their rules.
const EDGE_STRINGS = [
  '',
  ' ',
  '0',
  '-1',
  '1748455363',
  '1748455363370',
  '2019-02-30T10:00:00+00:00',
  '2019-02-29T10:00:00Z',
  '2020-02-29T23:59:59.9999999-14:00',
  '0000-01-01T00:00:00Z',
  '9999-12-31T23:59:59.999+00:00',
  '9999-12-31T23:59:59.999-01:00',
  '+275760-09-13T00:00:00.000Z',
  '2019-09-19T17:16:01.765',
  '4/30/2021 1:31:38 PM',
  '0690156360',
  '+0 1234 5678',
  '+44 (0) 20 7946 0958',
  '+1(555)-123-4567',
  '(423) 218-0111',
  '11234567890',
  '905219CARS',
  '24242',
  '+999 1234 5678',
  'STOP',
  ' Stop. ',
  'opt out',
  'HELP!',
  'unstop',
  'R',
  'S',
  'r',
  's',
  'true',
  'false',
  'null',
  'YOUR_WEBHOOK_SECRET',
  'SmsDetails.SmsConversationStart',
  'CallDetails.CallPreprocessed',
  '__proto__',
  'constructor',
  '\u0000',
  '\ud800',
  'é',
  '🛑',
  'new%20cars',
  '100%',
];
const EDGE_NUMBERS = [
  0,
  -0,
  1,
  -1,
  1.5,
  2 ** 31,
  2 ** 53 - 1,
  2 ** 53,
  2 ** 53 + 2,
  1e21,
  1748455363,
  1748455363370,
  99_999_999_999,
  100_000_000_000,
  8.64e15,
  -8.64e15,
  9055802958,
  Number.MAX_VALUE,
  Number.MIN_VALUE,
];
const KEYS = [
  'Id',
  'Attempt',
  'Properties',
  'Notifications',
  'Action',
  'ConversationId',
  'TexterNumber',
  'TextedNumber',
  'MessageDate',
  'UTC',
  'conversation',
  'yourPhoneNumber',
  'phoneNumber',
  'messageDirection',
  'consumerPhoneNumber',
  'messageUniqueIdentifier',
  'date',
  'message',
  'ContactId',
  'ContactPhoneNumber',
  'LocationPhoneNumber',
  'phone_number',
  'text',
  'secret',
  'timestamp',
  'textlink_id',
  'tag',
  'subuser_id',
  'x_unknown',
  '__proto__',
];
// Number tokens written into JSON text that JSON.parse turns into values no parsed input has.
const NUMBER_TOKENS = ['1e309', '-1e309', '9007199254740993', '1e-400', '-0', '1E2', '0.1e1'];

/** A small, fast, seeded generator (mulberry32): the same seed gives the same inputs. */
export class FuzzRandom {
  #state: number;

  /** Starts the sequence of `seed`. */
  constructor(seed: number) {
    this.#state = seed >>> 0;
  }

  /** A float in [0, 1). */
  next(): number {
    this.#state = (this.#state + 0x6d2b79f5) >>> 0;
    let t = this.#state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** An integer in [0, n). */
  int(n: number): number {
    return Math.floor(this.next() * n);
  }

  /** One element of a non-empty list. */
  pick<T>(items: readonly T[]): T {
    return items[this.int(items.length)] as T;
  }

  /** True with probability `p`. */
  chance(p: number): boolean {
    return this.next() < p;
  }
}

function randomString(random: FuzzRandom): string {
  if (random.chance(0.5)) return random.pick(EDGE_STRINGS);
  const length = random.int(12);
  let text = '';
  for (let index = 0; index < length; index++) {
    const roll = random.next();
    text += String.fromCharCode(
      roll < 0.6 ? 32 + random.int(95) : roll < 0.9 ? random.int(0x800) : random.int(0x10000),
    );
  }
  return text;
}

function randomNumber(random: FuzzRandom): number {
  if (random.chance(0.5)) return random.pick(EDGE_NUMBERS);
  return random.chance(0.5)
    ? random.int(2 ** 31) - 2 ** 30
    : (random.next() - 0.5) * 10 ** random.int(20);
}

/** Any JSON value, `depth` levels deep at most. */
export function randomJson(random: FuzzRandom, depth = 4): unknown {
  const roll = random.int(depth <= 0 ? 4 : 6);
  switch (roll) {
    case 0:
      return null;
    case 1:
      return random.chance(0.5);
    case 2:
      return randomNumber(random);
    case 3:
      return randomString(random);
    case 4:
      return Array.from({ length: random.int(4) }, () => randomJson(random, depth - 1));
    default: {
      const object: Record<string, unknown> = {};
      const size = random.int(5);
      for (let index = 0; index < size; index++) {
        const key = random.chance(0.7) ? random.pick(KEYS) : randomString(random);
        setKey(object, key, randomJson(random, depth - 1));
      }
      return object;
    }
  }
}

function randomBytes(random: FuzzRandom): Uint8Array {
  const bytes = new Uint8Array(random.int(200));
  for (let index = 0; index < bytes.length; index++) bytes[index] = random.int(256);
  return bytes;
}

/** Sets a key as data, as JSON.parse would, so `__proto__` is a key and not a prototype. */
function setKey(object: Record<string, unknown>, key: string, value: unknown): void {
  Object.defineProperty(object, key, {
    value,
    enumerable: true,
    writable: true,
    configurable: true,
  });
}

/** Applies one to four changes to a deep copy of a JSON value: set, delete, add, retype, nest. */
export function mutateJson(random: FuzzRandom, json: unknown): unknown {
  const copy = structuredClone(json);
  const changes = 1 + random.int(4);
  for (let change = 0; change < changes; change++) {
    const parents: Record<string, unknown>[] = [];
    const collect = (node: unknown): void => {
      if (node !== null && typeof node === 'object') {
        parents.push(node as Record<string, unknown>);
        for (const child of Object.values(node)) collect(child);
      }
    };
    collect(copy);
    if (parents.length === 0) return copy;
    const parent = random.pick(parents);
    const keys = Object.keys(parent);
    const key = keys.length > 0 && random.chance(0.85) ? random.pick(keys) : random.pick(KEYS);
    // Only own values: `__proto__` read through the accessor is a prototype, and changing that
    // would change every object of the process.
    const old = Object.hasOwn(parent, key) ? parent[key] : undefined;
    const roll = random.int(10);
    if (roll < 4) setKey(parent, key, randomJson(random, 2));
    else if (roll < 5) delete parent[key];
    else if (roll < 6) setKey(parent, key, typeof old === 'number' ? String(old) : old);
    else if (roll < 7) {
      setKey(parent, key, typeof old === 'string' && old.trim() !== '' ? Number(old) : old);
    } else if (roll < 8 && Array.isArray(old) && old.length > 0) old.push(structuredClone(old[0]));
    else if (roll < 9) setKey(parent, key, random.pick(EDGE_STRINGS));
    else {
      let deep: unknown = randomJson(random, 0);
      for (let level = 0, levels = 50 + random.int(30); level < levels; level++) deep = [deep];
      setKey(parent, key, deep);
    }
  }
  return copy;
}

/** Changes JSON text the way a broken or hostile sender might: odd numbers, flips, cuts. */
function mutateText(random: FuzzRandom, text: string): string {
  const roll = random.int(4);
  if (roll === 0) {
    return text.replace(/-?\d+(\.\d+)?([eE][+-]?\d+)?/, () => random.pick(NUMBER_TOKENS));
  }
  if (roll === 1) return text.slice(0, random.int(text.length + 1));
  const at = random.int(text.length + 1);
  if (roll === 2)
    return text.slice(0, at) + String.fromCharCode(random.int(128)) + text.slice(at + 1);
  return text;
}

/** The next input: any JSON, JSON text, random bytes or strings, or a mutated documented sample. */
export function nextInput(random: FuzzRandom, fixtures: readonly FuzzFixture[]): FuzzInput {
  const roll = random.next();
  const provider = random.pick(PROVIDERS);
  if (roll < 0.15) return { kind: 'json', body: randomJson(random), provider };
  if (roll < 0.2) return { kind: 'json-text', body: JSON.stringify(randomJson(random)), provider };
  if (roll < 0.25) return { kind: 'bytes', body: randomBytes(random), provider };
  if (roll < 0.3) return { kind: 'string', body: randomString(random), provider };
  const fixture = random.pick(fixtures);
  const target = random.chance(0.8) ? fixture.provider : provider;
  const mutated = random.chance(0.1)
    ? structuredClone(fixture.json)
    : mutateJson(random, fixture.json);
  if (roll < 0.75) return { kind: 'fixture', body: mutated, provider: target };
  const text = mutateText(random, JSON.stringify(mutated));
  const body = random.chance(0.5) ? new TextEncoder().encode(text) : text;
  return { kind: 'fixture-text', body, provider: target };
}

/** Sets `value` at a random leaf of a deep copy of a JSON value. */
export function replaceLeaf(json: unknown, path: readonly number[], value: unknown): unknown {
  const copy = structuredClone(json);
  let node: unknown = copy;
  for (const [depth, step] of path.entries()) {
    if (node === null || typeof node !== 'object') break;
    const keys = Object.keys(node);
    if (keys.length === 0) break;
    const key = keys[step % keys.length] as string;
    const record = node as Record<string, unknown>;
    const child = record[key];
    if (depth === path.length - 1 || child === null || typeof child !== 'object') {
      record[key] = value;
      break;
    }
    node = child;
  }
  return copy;
}

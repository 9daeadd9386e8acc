import type { SmsDriftReport } from './drift.js';
import { jsonTypeOf } from './drift.js';
import type { TolerancePolicy } from './policy.js';

// The common case of a tolerant read is a delivery that matches its documented schema. valibot
// answers that by building a copy of every object it checks, and the unknown-field walk then goes
// over that copy again. For a body this library parsed from text itself (plain objects, no getters,
// no sharing), a check compiled once from the same valibot schema answers in one pass without
// copying, and reports the unknown fields on the way. It answers only "matches exactly, use the
// delivery as it is" or "don't know": every other case goes through valibot as before, so errors,
// repairs and drift stay valibot's. A blank string in an identifying field is such a case: it makes
// the check answer "don't know", so valibot's read refuses it with the usual issue.

/** The parts of a valibot schema or action the compiler reads. */
interface SchemaNode {
  readonly kind: string;
  readonly type: string;
  readonly entries?: Readonly<Record<string, SchemaNode>>;
  readonly wrapped?: SchemaNode;
  readonly item?: SchemaNode;
  readonly options?: readonly (SchemaNode | string | number)[];
  readonly key?: SchemaNode | string;
  readonly value?: SchemaNode;
  readonly literal?: unknown;
  readonly default?: unknown;
  readonly fallback?: unknown;
  readonly pipe?: readonly SchemaNode[];
  readonly '~run': (
    dataset: { typed: boolean; value: unknown },
    config: object,
  ) => {
    issues?: unknown;
  };
}

/** Where the compiled check reports what it finds, for one read. */
interface MatchState {
  readonly provider: string;
  readonly drift: SmsDriftReport[];
  reported: Set<string> | undefined;
}

/**
 * Returns `true` when the value matches the schema exactly and can be used as valibot's output
 * would be (unknown fields reported into the state); `false` when it does not, or when only
 * valibot can tell (a `__proto__` key, an array where an object is documented).
 */
type Check = (value: unknown, state: MatchState) => boolean;

/**
 * Whether a delivery matched exactly, with no empty or whitespace-only string in an identifying
 * field; its unknown fields are then in `drift`, as `provider`'s.
 */
export type ExactMatcher = (value: object, provider: string, drift: SmsDriftReport[]) => boolean;

/** What every node of one matcher is compiled against. */
interface CompileContext {
  readonly open: readonly object[];
  readonly identifying: ReadonlySet<string>;
}

class Uncompilable extends Error {}

const CONFIG = {};

// valibot leaves these keys out of the objects it builds (`Object.assign` would turn them into
// prototype changes), so a body holding one must go through valibot to lose them.
const FORBIDDEN_KEYS = new Set(['__proto__', 'prototype', 'constructor']);

const IDENTIFIER = /^[A-Za-z_$][\w$]*$/;

/** Appends a key to a path the way issue paths are written (`a.b`, `a["b c"]`). */
export function childPattern(pattern: string, key: string): string {
  if (!IDENTIFIER.test(key)) return `${pattern}[${JSON.stringify(key)}]`;
  return pattern === '' ? key : `${pattern}.${key}`;
}

/** An integer key: engines list those first in any object, so valibot's copy orders them apart. */
function isIndexLike(key: string): boolean {
  const code = key.charCodeAt(0);
  return code >= 48 && code <= 57;
}

const isOptional = (node: SchemaNode): boolean =>
  node.type === 'optional' || node.type === 'nullish' || node.type === 'exact_optional';

const cache = new WeakMap<TolerancePolicy, WeakMap<object, ExactMatcher | null>>();

/**
 * The exact-match check of a schema under a policy, compiled once; `null` when the schema uses
 * something the compiler does not read (transforms, defaults, …), so valibot decides.
 */
export function exactMatcher(schema: object, policy: TolerancePolicy): ExactMatcher | null {
  let bySchema = cache.get(policy);
  if (bySchema === undefined) {
    bySchema = new WeakMap();
    cache.set(policy, bySchema);
  }
  let matcher = bySchema.get(schema);
  if (matcher === undefined) {
    matcher = compileMatcher(schema as SchemaNode, {
      open: policy.openSchemas ?? [],
      identifying: new Set(policy.identifying),
    });
    bySchema.set(schema, matcher);
  }
  return matcher;
}

function compileMatcher(schema: SchemaNode, context: CompileContext): ExactMatcher | null {
  let check: Check;
  try {
    check = compile(schema, '', true, context);
  } catch (error) {
    if (error instanceof Uncompilable) return null;
    throw error;
  }
  return (value, provider, drift) => {
    const start = drift.length;
    const state: MatchState = { provider, drift, reported: undefined };
    if (check(value, state)) return true;
    drift.length = start;
    return false;
  };
}

/**
 * Compiles a node. `pattern` is the node's schema location (`Notifications[*].Action`); `walk` says
 * whether unknown fields are reported at and below it, as the unknown-field walk of a read does
 * (through wrappers, variants, arrays and loose objects, not inside unions, records or open schemas).
 */
function compile(node: SchemaNode, pattern: string, walk: boolean, context: CompileContext): Check {
  if (node.kind !== 'schema' || node.fallback !== undefined) throw new Uncompilable();
  const base = compileBase(node, pattern, walk, context);
  const actions = node.pipe?.slice(1) ?? [];
  const validations: SchemaNode[] = [];
  for (const action of actions) {
    if (action.kind === 'metadata') continue;
    if (action.kind !== 'validation') throw new Uncompilable();
    validations.push(action);
  }
  if (validations.length === 0) return base;
  return (value, state) => {
    if (!base(value, state)) return false;
    for (const action of validations) {
      if (action['~run']({ typed: true, value }, CONFIG).issues !== undefined) return false;
    }
    return true;
  };
}

function compileBase(
  node: SchemaNode,
  pattern: string,
  walk: boolean,
  context: CompileContext,
): Check {
  switch (node.type) {
    case 'string':
      return (value) => typeof value === 'string';
    case 'number':
      return (value) => typeof value === 'number' && !Number.isNaN(value);
    case 'boolean':
      return (value) => typeof value === 'boolean';
    case 'unknown':
    case 'any':
      return () => true;
    case 'null':
      return (value) => value === null;
    case 'literal': {
      const literal = node.literal;
      return (value) => value === literal;
    }
    case 'picklist': {
      const options = node.options ?? [];
      return (value) => options.includes(value as string);
    }
    case 'optional':
    case 'nullable':
    case 'nullish':
      return compileWrapper(node, pattern, walk, context);
    case 'union':
      return compileUnion(node, context);
    case 'array':
      return compileArray(node, pattern, walk, context);
    case 'record':
      return compileRecord(node, context);
    case 'loose_object':
      return compileLooseObject(node, pattern, walk && !context.open.includes(node), context);
    case 'variant':
      return compileVariant(node, pattern, walk, context);
    default:
      throw new Uncompilable();
  }
}

/**
 * Compiles the node of an object's field or an array's items at `pattern`. In an identifying field
 * an empty or whitespace-only string also fails the check (it names nothing), as the read's walk
 * of the identifying fields would find: both reach exactly the fields the schema documents, through
 * wrappers, variants and arrays, and neither looks inside unions.
 */
function compileField(
  node: SchemaNode,
  pattern: string,
  walk: boolean,
  context: CompileContext,
): Check {
  const check = compile(node, pattern, walk, context);
  if (!context.identifying.has(pattern)) return check;
  return (value, state) =>
    check(value, state) && (typeof value !== 'string' || value.trim() !== '');
}

const NO_LOCATIONS: ReadonlySet<string> = new Set();

/**
 * The context inside a union or a record, whose nodes have no schema location (they are compiled
 * from `''`, so a field `id` there must not be taken for an identifying `id` at the root).
 */
function withoutLocations(context: CompileContext): CompileContext {
  return { open: context.open, identifying: NO_LOCATIONS };
}

function compileWrapper(
  node: SchemaNode,
  pattern: string,
  walk: boolean,
  context: CompileContext,
): Check {
  if (node.default !== undefined || !node.wrapped) throw new Uncompilable();
  const inner = compile(node.wrapped, pattern, walk, context);
  if (node.type === 'optional') return (value, state) => value === undefined || inner(value, state);
  if (node.type === 'nullable') return (value, state) => value === null || inner(value, state);
  return (value, state) => value === null || value === undefined || inner(value, state);
}

function compileUnion(node: SchemaNode, context: CompileContext): Check {
  const inside = withoutLocations(context);
  const options = (node.options ?? []).map((option) => {
    if (typeof option !== 'object') throw new Uncompilable();
    return compile(option, '', false, inside);
  });
  return (value, state) => {
    for (const option of options) if (option(value, state)) return true;
    return false;
  };
}

function compileArray(
  node: SchemaNode,
  pattern: string,
  walk: boolean,
  context: CompileContext,
): Check {
  if (!node.item) throw new Uncompilable();
  const item = compileField(node.item, `${pattern}[*]`, walk, context);
  return (value, state) => {
    if (!Array.isArray(value)) return false;
    for (let index = 0; index < value.length; index++) {
      if (!item(value[index], state)) return false;
    }
    return true;
  };
}

function compileRecord(node: SchemaNode, context: CompileContext): Check {
  if (typeof node.key !== 'object' || !node.value) throw new Uncompilable();
  const inside = withoutLocations(context);
  const key = compile(node.key, '', false, inside);
  const item = compile(node.value, '', false, inside);
  return (value, state) => {
    // valibot copies a record into a new object: an array would come out as an object.
    if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
    const record = value as Record<string, unknown>;
    for (const name in record) {
      if (FORBIDDEN_KEYS.has(name) || isIndexLike(name)) return false;
      if (!key(name, state) || !item(record[name], state)) return false;
    }
    return true;
  };
}

function compileLooseObject(
  node: SchemaNode,
  pattern: string,
  walk: boolean,
  context: CompileContext,
): Check {
  const entries = node.entries ?? {};
  const keys = Object.keys(entries);
  const fields = keys.map((key) => {
    // valibot asks `key in input`, which an inherited name would answer differently from JSON.
    if (key in Object.prototype || FORBIDDEN_KEYS.has(key)) throw new Uncompilable();
    const entry = entries[key] as SchemaNode;
    return {
      key,
      optional: isOptional(entry),
      check: compileField(entry, childPattern(pattern, key), walk, context),
    };
  });
  return (value, state) => {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
    const record = value as Record<string, unknown>;
    for (const field of fields) {
      const child = record[field.key];
      if (child === undefined && !Object.hasOwn(record, field.key)) {
        if (!field.optional) return false;
        continue;
      }
      if (!field.check(child, state)) return false;
    }
    for (const name in record) {
      if (Object.hasOwn(entries, name)) continue;
      if (FORBIDDEN_KEYS.has(name) || isIndexLike(name)) return false;
      if (!walk) continue;
      const path = childPattern(pattern, name);
      state.reported ??= new Set();
      if (state.reported.has(path)) continue;
      state.reported.add(path);
      state.drift.push({
        provider: state.provider,
        path,
        kind: 'unknown_field',
        expected: 'no such field',
        received: jsonTypeOf(record[name]),
      });
    }
    return true;
  };
}

function compileVariant(
  node: SchemaNode,
  pattern: string,
  walk: boolean,
  context: CompileContext,
): Check {
  const key = node.key;
  if (typeof key !== 'string') throw new Uncompilable();
  const options = (node.options ?? []).map((option) => {
    if (typeof option !== 'object' || option.type === 'variant') throw new Uncompilable();
    const discriminator = option.entries?.[key];
    if (!discriminator) throw new Uncompilable();
    return {
      optional: isOptional(discriminator),
      discriminator: compile(discriminator, '', false, context),
      check: compile(option, pattern, walk, context),
    };
  });
  return (value, state) => {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
    const record = value as Record<string, unknown>;
    const present = Object.hasOwn(record, key);
    for (const option of options) {
      const selects = present ? option.discriminator(record[key], state) : option.optional;
      // The first option the discriminator selects is the one the unknown-field walk reads; if
      // the body does not match it, valibot may still match a later option, so it decides.
      if (selects) return option.check(value, state);
    }
    return false;
  };
}

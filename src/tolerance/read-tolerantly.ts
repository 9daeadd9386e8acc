import * as v from 'valibot';
import { claimParsedJson } from '../decode-body.js';
import type { SmsWebhookIssue } from '../errors/SmsWebhookError.js';
import { describeType, formatIssuePath, toSmsWebhookIssues } from '../issues.js';
import { toIsoTimestamp } from '../normalize/timestamp.js';
import { invalidPayload } from '../validate.js';
import { driftIssue, jsonTypeOf, type SmsDriftListener, type SmsDriftReport } from './drift.js';
import { childPattern, exactMatcher } from './exact-match.js';
import type { TolerancePolicy } from './policy.js';

export type { TolerancePolicy } from './policy.js';

/** What a tolerant read gives: the delivery as read, as it arrived, and whether they are the same. */
export interface TolerantRead<T> {
  /** The delivery read against its schema: coerced where unambiguous, `null` where unusable. */
  readonly value: SmsParsed<T>;
  /** The delivery as it arrived, for `raw` (without the keys valibot never copies, e.g. `__proto__`). */
  readonly raw: object;
  /** Whether the delivery matched the documented schema exactly (unknown fields aside). */
  readonly exact: boolean;
}

/**
 * A wire payload as the parse functions read it: the documented type, except that a descriptive
 * field whose value did not fit it is `null` (identifying fields are never `null`; the delivery is
 * refused instead).
 */
export type SmsParsed<T> = T extends readonly (infer Item)[]
  ? readonly (SmsParsed<Item> | null)[]
  : T extends object
    ? { readonly [K in keyof T]: SmsParsed<T[K]> | null }
    : T;

/**
 * The provider's own object as it arrived when it did not match the documented schema: the
 * documented keys, each holding whatever JSON value was sent (see the event's drift reports).
 */
export type SmsTolerated<T> = {
  readonly [K in keyof T]?: SmsToleratedValue<T[K]>;
};

/** Any JSON value, with the documented keys known where the documents describe an object. */
export type SmsToleratedValue<T> =
  | string
  | number
  | boolean
  | null
  | undefined
  | readonly unknown[]
  | (NonNullable<T> extends readonly unknown[]
      ? { readonly [key: string]: unknown }
      : NonNullable<T> extends object
        ? SmsTolerated<NonNullable<T>>
        : { readonly [key: string]: unknown });

/** The parts of a valibot schema the reader walks. */
interface SchemaNode {
  readonly type: string;
  readonly expects: string;
  readonly entries?: Readonly<Record<string, SchemaNode>>;
  readonly wrapped?: SchemaNode;
  readonly item?: SchemaNode;
  readonly options?: readonly SchemaNode[];
  readonly key?: string;
  readonly pipe?: readonly { readonly kind: string; readonly type: string }[];
}

type PathKey = string | number;

type Container = Record<PathKey, unknown>;

/** Whether a value is one JSON can hold (its own level only): what a provider can send. */
function isJsonValue(value: unknown): boolean {
  if (value === null || value === undefined) return true;
  switch (typeof value) {
    case 'string':
    case 'number':
    case 'boolean':
      return true;
    case 'object': {
      if (Array.isArray(value)) return true;
      const prototype = Object.getPrototypeOf(value);
      return prototype === Object.prototype || prototype === null;
    }
    default:
      return false;
  }
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** `Notifications[0].Action` → `Notifications[*].Action`: the schema location of a field. */
function patternOf(keys: readonly PathKey[]): string {
  return formatIssuePath(
    keys.map((key) => ({ key: typeof key === 'number' ? -1 : key })),
  ).replaceAll('[-1]', '[*]');
}

function pathOf(keys: readonly PathKey[]): string {
  return formatIssuePath(keys.map((key) => ({ key })));
}

function unwrap(node: SchemaNode): SchemaNode {
  let current = node;
  while (current.wrapped) current = current.wrapped;
  return current;
}

/** The option of a variant schema the value's discriminator selects, if any. */
function variantOption(node: SchemaNode, value: unknown): SchemaNode | undefined {
  const key = node.key;
  if (key === undefined || !isObject(value)) return undefined;
  return node.options?.find((option) => {
    const discriminator = option.entries?.[key];
    return discriminator !== undefined && v.is(discriminator as v.GenericSchema, value[key]);
  });
}

/** Resolves variants and wrappers down to the object or array schema that describes `value`. */
function shapeOf(node: SchemaNode, value: unknown): SchemaNode | undefined {
  const inner = unwrap(node);
  if (inner.type !== 'variant') return inner;
  const option = variantOption(inner, value);
  return option ? shapeOf(option, value) : undefined;
}

/** The schema of the field at `keys`, or `undefined` when no schema describes it. */
function schemaAt(
  root: SchemaNode,
  input: unknown,
  keys: readonly PathKey[],
): SchemaNode | undefined {
  let node: SchemaNode | undefined = root;
  let value = input;
  for (const key of keys) {
    const shape: SchemaNode | undefined = node && shapeOf(node, value);
    if (!shape) return undefined;
    node = typeof key === 'number' ? shape.item : shape.entries?.[key];
    value = isObject(value) || Array.isArray(value) ? (value as Container)[key] : undefined;
  }
  return node;
}

function valueAt(input: unknown, keys: readonly PathKey[]): unknown {
  let value = input;
  for (const key of keys) {
    if (!isObject(value) && !Array.isArray(value)) return undefined;
    value = (value as Container)[key];
  }
  return value;
}

/** Describes what a schema expects, e.g. `(number: integer, min value | string: digits)`. */
export function describeSchema(schema: object): string {
  const node = schema as SchemaNode;
  if (node.type === 'optional') return node.wrapped ? describeSchema(node.wrapped) : node.expects;
  if ((node.type === 'nullable' || node.type === 'nullish') && node.wrapped) {
    return `${describeSchema(node.wrapped)} | null`;
  }
  if (node.type === 'union' && node.options) {
    return `(${node.options.map(describeSchema).join(' | ')})`;
  }
  const checks = (node.pipe ?? [])
    .filter((action) => action.kind === 'validation')
    .map((action) => action.type.replaceAll('_', ' '));
  return checks.length > 0 ? `${node.expects}: ${checks.join(', ')}` : node.expects;
}

const NUMERIC = /^-?\d+(?:\.\d+)?$/;

/** The other readings of a value that have one meaning, tried in order against the schema. */
function readings(value: unknown, epoch: boolean): unknown[] {
  if (typeof value === 'number') return Number.isSafeInteger(value) ? [String(value)] : [];
  if (typeof value !== 'string') return [];
  const text = value.trim();
  const found: unknown[] = [];
  if (NUMERIC.test(text)) {
    const number = Number(text);
    if (Number.isFinite(number) && (!Number.isInteger(number) || Number.isSafeInteger(number))) {
      found.push(number);
    }
  }
  const lower = text.toLowerCase();
  if (lower === 'true' || lower === 'false') found.push(lower === 'true');
  if (epoch && !NUMERIC.test(text)) {
    const iso = toIsoTimestamp(text);
    if (iso !== null) found.push(Date.parse(iso));
  }
  if (text !== value) found.push(text);
  const upper = text.toUpperCase();
  if (upper !== text) found.push(upper);
  if (lower !== text) found.push(lower);
  return found;
}

function isUnder(pattern: string, ancestor: string): boolean {
  return (
    pattern === ancestor || pattern.startsWith(`${ancestor}.`) || pattern.startsWith(`${ancestor}[`)
  );
}

/** Sets `value` at `keys` in a copy of `root`, copying only the containers on the way. */
function setAt(root: unknown, keys: readonly PathKey[], value: unknown, copies: WeakSet<object>) {
  const copy = (container: unknown): Container => {
    if (copies.has(container as object)) return container as Container;
    const made = (
      Array.isArray(container) ? [...container] : { ...(container as object) }
    ) as Container;
    copies.add(made);
    return made;
  };
  const top = copy(root);
  let parent = top;
  keys.forEach((key, index) => {
    if (index === keys.length - 1) {
      parent[key] = value;
      return;
    }
    const child = copy(parent[key]);
    parent[key] = child;
    parent = child;
  });
  return top;
}

/**
 * Reads a delivery against its documented schema, tolerating what the policy calls descriptive.
 *
 * The documented schema is tried first; a delivery that matches (the common case) is used as it
 * is, and only its unknown fields are reported. Otherwise each failing field is classified: an
 * identifying one refuses the delivery; a discriminator reports `unknown_event`; any other is read
 * where its meaning is unambiguous (`coerced`) or set to `null` (`missing`, `unexpected_type`),
 * in a copy that shares every untouched part with the delivery.
 *
 * @throws {SmsWebhookError} `invalid_payload` naming each identifying field that is unusable.
 */
export function readTolerantly<const TSchema extends v.GenericSchema>(
  schema: TSchema,
  input: unknown,
  policy: TolerancePolicy,
  drift: SmsDriftReport[],
): TolerantRead<v.InferOutput<TSchema>> {
  const { provider } = policy;
  if (!isObject(input)) {
    throw invalidPayload(provider, [
      { path: '', message: `expected Object, received ${jsonTypeOf(input)}` },
    ]);
  }
  // A body parsed from text here holds plain objects only, so when it matches the schema exactly
  // it is used as it is; anything else (a drifting body, a value the caller parsed) goes through
  // valibot, which copies it.
  const root = schema as unknown as SchemaNode;
  if (claimParsedJson(input)) {
    // Claimed before the match, so a claim is never left open for a value that is handed out.
    // The check also fails a blank identifying string, which valibot's read below then refuses.
    if (exactMatcher(schema, policy)?.(input, provider, drift)) {
      return { value: input as SmsParsed<v.InferOutput<TSchema>>, raw: input, exact: true };
    }
  }
  const result = v.safeParse(schema, input);
  // valibot's output is already a copy of the delivery without `__proto__`, `constructor` and
  // `prototype` keys (which `Object.assign` would turn into prototype changes), and valibot builds
  // it whether or not the delivery matched, so it is what `raw` is made of.
  const raw = isObject(result.output) ? result.output : input;
  // A blank string passes a string schema, yet names nothing: two different events would share
  // one idempotency key, so in an identifying field it refuses the delivery like a missing value.
  const blank = blankIdentifyingFields(root, raw, policy);
  if (result.success && blank.length > 0) throw invalidPayload(provider, blank);
  const value = result.success ? raw : repair(root, raw, result.issues, policy, drift, blank);
  reportUnknownFields(root, raw, policy, drift);
  return { value: value as SmsParsed<v.InferOutput<TSchema>>, raw, exact: result.success };
}

function repair(
  root: SchemaNode,
  input: Record<string, unknown>,
  issues: readonly v.BaseIssue<unknown>[],
  policy: TolerancePolicy,
  drift: SmsDriftReport[],
  blank: readonly SmsWebhookIssue[],
): unknown {
  const { provider } = policy;
  const refusals: SmsWebhookIssue[] = [...blank];
  const fields: { keys: PathKey[]; path: string; pattern: string }[] = [];
  const seen = new Set<string>();
  for (const issue of issues) {
    const keys = (issue.path ?? []).map((item) => item.key as PathKey);
    const path = pathOf(keys);
    if (seen.has(path)) continue;
    seen.add(path);
    fields.push({ keys, path, pattern: patternOf(keys) });
  }
  // An object that is replaced as a whole takes its fields' issues with it.
  fields.sort((a, b) => a.keys.length - b.keys.length);
  const replaced: string[] = [];
  const copies = new WeakSet<object>();
  let value: unknown = input;
  for (const field of fields) {
    if (replaced.some((path) => isUnder(field.path, path))) continue;
    if (blank.some((issue) => issue.path === field.path)) continue;
    const received = valueAt(input, field.keys);
    if (policy.discriminators?.includes(field.pattern)) {
      drift.push({
        provider,
        path: field.path,
        kind: 'unknown_event',
        expected: discriminatorOptions(schemaAt(root, input, field.keys.slice(0, -1)), field.keys),
        received: jsonTypeOf(received),
      });
      replaced.push(field.path);
      continue;
    }
    // Only application code can put such values in a body (a provider sends JSON), and no event
    // holding them could be queued as JSON, so they are refused wherever they are.
    if (!isJsonValue(received)) {
      refusals.push({
        path: field.path,
        message: `expected a JSON value, received ${describeType(received)}`,
      });
      continue;
    }
    const leaf = schemaAt(root, input, field.keys);
    const identifying = policy.identifying.some((id) => isUnder(id, field.pattern));
    const epoch = policy.epochFields?.includes(field.pattern) ?? false;
    const reading = leaf
      ? readings(received, epoch).find((candidate) =>
          v.is(leaf as unknown as v.GenericSchema, candidate),
        )
      : undefined;
    if (reading === undefined && identifying) {
      const own = issues.filter(
        (issue) => pathOf((issue.path ?? []).map((item) => item.key as PathKey)) === field.path,
      );
      refusals.push(...toSmsWebhookIssues(own));
      continue;
    }
    drift.push({
      provider,
      path: field.path,
      kind:
        reading !== undefined ? 'coerced' : received === undefined ? 'missing' : 'unexpected_type',
      expected: leaf ? describeSchema(leaf) : 'a documented value',
      received: jsonTypeOf(received),
    });
    value = setAt(value, field.keys, reading ?? null, copies);
    replaced.push(field.path);
  }
  if (refusals.length > 0) throw invalidPayload(provider, refusals);
  return value;
}

const BLANK_MESSAGE = 'expected a non-blank string, received an empty or whitespace-only string';

/**
 * A policy's identifying paths as a tree of keys (`'*'` for any array index), so a walk resolves
 * each object's variant once for all the paths under it. `pattern` is the index in
 * `policy.identifying` of the path that ends at this node, if one does.
 */
interface IdentifyingTree {
  readonly children: Map<string, IdentifyingTree>;
  pattern: number | undefined;
}

const identifyingTrees = new WeakMap<TolerancePolicy, IdentifyingTree>();

function identifyingTreeOf(policy: TolerancePolicy): IdentifyingTree {
  let tree = identifyingTrees.get(policy);
  if (!tree) {
    tree = { children: new Map(), pattern: undefined };
    policy.identifying.forEach((path, index) => {
      let node = tree as IdentifyingTree;
      for (const part of path.split(/\.|(?=\[)/)) {
        const key = part === '[*]' ? '*' : part;
        let child = node.children.get(key);
        if (!child) {
          child = { children: new Map(), pattern: undefined };
          node.children.set(key, child);
        }
        node = child;
      }
      node.pattern = index;
    });
    identifyingTrees.set(policy, tree);
  }
  return tree;
}

/**
 * The identifying fields that hold an empty or whitespace-only string where the schema documents
 * them, in the policy's order: such a value names nothing (no number, no id).
 */
function blankIdentifyingFields(
  root: SchemaNode,
  input: unknown,
  policy: TolerancePolicy,
): SmsWebhookIssue[] {
  const found: { pattern: number; issue: SmsWebhookIssue }[] = [];
  const at: PathKey[] = [];
  const visit = (node: SchemaNode, value: unknown, tree: IdentifyingTree): void => {
    if (tree.pattern !== undefined && typeof value === 'string' && value.trim() === '') {
      found.push({ pattern: tree.pattern, issue: { path: pathOf(at), message: BLANK_MESSAGE } });
    }
    if (tree.children.size === 0) return;
    const shape = shapeOf(node, value);
    if (!shape) return;
    for (const [key, child] of tree.children) {
      if (key === '*') {
        if (!shape.item || !Array.isArray(value)) continue;
        for (let index = 0; index < value.length; index++) {
          at.push(index);
          visit(shape.item, value[index], child);
          at.pop();
        }
      } else if (shape.entries?.[key] && isObject(value)) {
        at.push(key);
        visit(shape.entries[key], value[key], child);
        at.pop();
      }
    }
  };
  visit(root, input, identifyingTreeOf(policy));
  // In the policy's order, as each path was once walked on its own; sort keeps the array order.
  return found.sort((a, b) => a.pattern - b.pattern).map(({ issue }) => issue);
}

/** What a variant's discriminator may be, e.g. `("SmsDetails.SmsConversationStart" | string)`. */
function discriminatorOptions(parent: SmsNodeOrUndefined, keys: readonly PathKey[]): string {
  const variant = parent && unwrap(parent);
  const key = keys.at(-1);
  const options = (variant?.options ?? []).flatMap((option) => {
    const discriminator = typeof key === 'string' ? option.entries?.[key] : undefined;
    return discriminator ? [describeSchema(discriminator)] : [];
  });
  return options.length > 0 ? `(${options.join(' | ')})` : 'a known kind';
}

type SmsNodeOrUndefined = SchemaNode | undefined;

/** Reports each field the schema does not document, once per schema location. */
function reportUnknownFields(
  root: SchemaNode,
  input: unknown,
  policy: TolerancePolicy,
  drift: SmsDriftReport[],
): void {
  let reported: Set<string> | undefined;
  const open = policy.openSchemas ?? [];
  // Runs on every delivery, so it walks only objects and arrays and builds paths as strings.
  const walk = (node: SchemaNode, value: unknown, pattern: string): void => {
    if (typeof value !== 'object' || value === null) return;
    const shape = shapeOf(node, value);
    if (!shape || open.includes(shape)) return;
    if (Array.isArray(value)) {
      const item = shape.item;
      if (!item) return;
      const itemPattern = `${pattern}[*]`;
      for (const element of value) walk(item, element, itemPattern);
      return;
    }
    const entries = shape.entries;
    if (!entries || shape.type !== 'loose_object') return;
    const record = value as Record<string, unknown>;
    for (const key of Object.keys(record)) {
      if (Object.hasOwn(entries, key)) {
        const child = record[key];
        if (typeof child === 'object' && child !== null) {
          walk(entries[key] as SchemaNode, child, childPattern(pattern, key));
        }
        continue;
      }
      const path = childPattern(pattern, key);
      reported ??= new Set();
      if (reported.has(path)) continue;
      reported.add(path);
      drift.push({
        provider: policy.provider,
        path,
        kind: 'unknown_field',
        expected: 'no such field',
        received: jsonTypeOf(record[key]),
      });
    }
  };
  walk(root, input, '');
}

/** What the parse functions do with drift: refuse it (`strict`) or hand it to a listener. */
export interface DriftHandling {
  /** Refuse every drift but unknown fields as `invalid_payload`. */
  readonly strict?: boolean | undefined;
  /** Receives each report once the delivery is accepted. */
  readonly onDrift?: SmsDriftListener | undefined;
}

/**
 * Ends a parse's drift: under `strict`, refuses the delivery when any report is not an unknown
 * field; otherwise hands each report to `onDrift`.
 *
 * @throws {SmsWebhookError} `invalid_payload` naming each drifting field, under `strict`.
 */
export function settleDrift(
  provider: string,
  drift: readonly SmsDriftReport[],
  handling: DriftHandling,
): void {
  if (handling.strict === true) {
    const refused = drift.filter((report) => report.kind !== 'unknown_field');
    if (refused.length > 0) throw invalidPayload(provider, refused.map(driftIssue));
  }
  const listener = handling.onDrift;
  if (listener) for (const report of drift) listener(report);
}

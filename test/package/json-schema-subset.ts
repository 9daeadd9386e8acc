/**
 * A JSON Schema (draft 2020-12) validator for the keywords the generated schemas use, so the
 * tests can check fixtures against the files users get without a validator dependency. A keyword
 * it does not implement throws instead of passing silently.
 */

/** A JSON Schema document or subschema. */
export type JsonSchema = boolean | { readonly [keyword: string]: unknown };

/** One reason a value does not match, with the JSON Pointer of the value. */
export interface JsonSchemaError {
  /** Where in the value, e.g. `/Notifications/0/TexterNumber`. */
  readonly at: string;
  /** Which rule failed, e.g. `type: expected string`. */
  readonly message: string;
}

const annotations = new Set([
  '$schema',
  '$id',
  '$comment',
  'title',
  'description',
  'examples',
  'default',
  'deprecated',
  'readOnly',
  'writeOnly',
  '$defs',
]);

const implemented = new Set([
  'type',
  'const',
  'enum',
  'pattern',
  'minLength',
  'maxLength',
  'minimum',
  'maximum',
  'exclusiveMinimum',
  'exclusiveMaximum',
  'properties',
  'required',
  'additionalProperties',
  'propertyNames',
  'items',
  'minItems',
  'maxItems',
  'anyOf',
  'oneOf',
  'allOf',
  'not',
  '$ref',
]);

function typeOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  return typeof value;
}

function hasType(value: unknown, type: string): boolean {
  if (type === 'integer') return Number.isInteger(value);
  return typeOf(value) === type;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeOf(value) === 'object';
}

function deepEqual(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/** Validates `value` against `schema`; an empty list means it matches. */
export function validateJsonSchema(root: JsonSchema, value: unknown): JsonSchemaError[] {
  const errors: JsonSchemaError[] = [];

  const resolve = (ref: string): JsonSchema => {
    const match = /^#\/\$defs\/([^/]+)$/.exec(ref);
    const defs = typeof root === 'object' ? (root.$defs as Record<string, JsonSchema>) : undefined;
    const target = match?.[1] === undefined ? undefined : defs?.[match[1]];
    if (target === undefined) throw new Error(`Unsupported or unknown $ref ${ref}`);
    return target;
  };

  const check = (schema: JsonSchema, data: unknown, at: string, out: JsonSchemaError[]): void => {
    if (schema === true) return;
    if (schema === false) {
      out.push({ at, message: 'false schema: no value allowed' });
      return;
    }
    for (const keyword of Object.keys(schema)) {
      if (!annotations.has(keyword) && !implemented.has(keyword)) {
        throw new Error(`JSON Schema keyword "${keyword}" is not implemented by this validator`);
      }
    }
    const s = schema as Record<string, unknown>;
    const fail = (message: string): void => {
      out.push({ at, message });
    };

    if (s.$ref !== undefined) check(resolve(String(s.$ref)), data, at, out);
    if (s.type !== undefined) {
      const types = Array.isArray(s.type) ? (s.type as string[]) : [String(s.type)];
      if (!types.some((type) => hasType(data, type))) {
        fail(`type: expected ${types.join(' or ')}, received ${typeOf(data)}`);
        return;
      }
    }
    if ('const' in s && !deepEqual(s.const, data))
      fail(`const: expected ${JSON.stringify(s.const)}`);
    if (Array.isArray(s.enum) && !s.enum.some((option) => deepEqual(option, data))) {
      fail(`enum: expected one of ${JSON.stringify(s.enum)}`);
    }

    if (typeof data === 'string') {
      const length = [...data].length;
      if (typeof s.pattern === 'string' && !new RegExp(s.pattern, 'u').test(data)) {
        fail(`pattern: expected to match ${s.pattern}`);
      }
      if (typeof s.minLength === 'number' && length < s.minLength) fail(`minLength ${s.minLength}`);
      if (typeof s.maxLength === 'number' && length > s.maxLength) fail(`maxLength ${s.maxLength}`);
    }

    if (typeof data === 'number') {
      if (typeof s.minimum === 'number' && data < s.minimum) fail(`minimum ${s.minimum}`);
      if (typeof s.maximum === 'number' && data > s.maximum) fail(`maximum ${s.maximum}`);
      if (typeof s.exclusiveMinimum === 'number' && data <= s.exclusiveMinimum) {
        fail(`exclusiveMinimum ${s.exclusiveMinimum}`);
      }
      if (typeof s.exclusiveMaximum === 'number' && data >= s.exclusiveMaximum) {
        fail(`exclusiveMaximum ${s.exclusiveMaximum}`);
      }
    }

    if (isPlainObject(data)) {
      const properties = (s.properties ?? {}) as Record<string, JsonSchema>;
      for (const key of (s.required ?? []) as string[]) {
        if (!Object.hasOwn(data, key)) fail(`required: missing property "${key}"`);
      }
      for (const [key, item] of Object.entries(data)) {
        const path = `${at}/${key.replaceAll('~', '~0').replaceAll('/', '~1')}`;
        const sub = Object.hasOwn(properties, key) ? properties[key] : s.additionalProperties;
        if (sub !== undefined) check(sub as JsonSchema, item, path, out);
        if (s.propertyNames !== undefined) check(s.propertyNames as JsonSchema, key, path, out);
      }
    }

    if (Array.isArray(data)) {
      if (typeof s.minItems === 'number' && data.length < s.minItems)
        fail(`minItems ${s.minItems}`);
      if (typeof s.maxItems === 'number' && data.length > s.maxItems)
        fail(`maxItems ${s.maxItems}`);
      if (s.items !== undefined) {
        data.forEach((item, index) => {
          check(s.items as JsonSchema, item, `${at}/${index}`, out);
        });
      }
    }

    const matching = (branches: JsonSchema[]): number =>
      branches.filter((branch) => {
        const branchErrors: JsonSchemaError[] = [];
        check(branch, data, at, branchErrors);
        return branchErrors.length === 0;
      }).length;
    if (Array.isArray(s.anyOf) && matching(s.anyOf) === 0) fail('anyOf: matches no branch');
    if (Array.isArray(s.oneOf) && matching(s.oneOf) !== 1) fail('oneOf: must match exactly one');
    if (Array.isArray(s.allOf)) {
      for (const branch of s.allOf as JsonSchema[]) check(branch, data, at, out);
    }
    if (s.not !== undefined && matching([s.not as JsonSchema]) === 1) fail('not: must not match');
  };

  check(root, value, '', errors);
  return errors;
}

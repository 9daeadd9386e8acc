import { isJsonObject } from '../is-json-object.js';

/**
 * The fields a factory lets you override: every declared field of the payload type, optional,
 * with nested objects partial too (they are merged, not replaced). Arrays replace the default.
 * `undefined` removes an optional field. Unknown field names do not compile; to add a field the
 * provider may send in the future, spread the factory's result into a new object.
 *
 * @example
 * ```ts
 * const overrides: PayloadOverrides<TextRequestMessage> = { conversation: { message: 'STOP' } };
 * ```
 */
export type PayloadOverrides<T> = {
  // Index signatures (the unknown fields valibot's loose objects keep) are left out, so a
  // misspelt field name does not compile.
  -readonly [K in keyof T as string extends K ? never : number extends K ? never : K]?:
    | (Exclude<T[K], undefined> extends infer V
        ? V extends readonly unknown[]
          ? V
          : V extends object
            ? PayloadOverrides<V>
            : V
        : never)
    | (Pick<T, K> extends Required<Pick<T, K>> ? never : undefined);
};

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (!isJsonObject(value)) return false;
  const prototype = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
}

function setOwn(target: Record<string, unknown>, key: string, value: unknown): void {
  // defineProperty keeps a key such as `__proto__` an ordinary field instead of a prototype change.
  Object.defineProperty(target, key, {
    value,
    enumerable: true,
    writable: true,
    configurable: true,
  });
}

/**
 * Returns a copy of `base` with `overrides` applied: plain objects are merged recursively, any
 * other value (arrays included) replaces the default, and `undefined` removes the field. Neither
 * argument is changed, and the result shares no object with them.
 */
export function applyOverrides<T>(base: T, overrides: unknown): T {
  return mergeValue(base, overrides) as T;
}

function mergeValue(base: unknown, override: unknown): unknown {
  if (override === undefined) return structuredClone(base);
  if (!isPlainObject(override) || !isPlainObject(base)) return structuredClone(override);
  const merged: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(base)) setOwn(merged, key, structuredClone(value));
  for (const [key, value] of Object.entries(override)) {
    if (value === undefined) {
      delete merged[key];
      continue;
    }
    setOwn(
      merged,
      key,
      Object.hasOwn(base, key) ? mergeValue(base[key], value) : structuredClone(value),
    );
  }
  return merged;
}

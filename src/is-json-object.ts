/**
 * Whether a value has the shape of a JSON object: an object that is neither `null` nor an array.
 * Reading its fields may still throw (a proxy, a getter), so callers that must not throw guard that.
 */
export function isJsonObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

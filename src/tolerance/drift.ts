import type { SmsWebhookIssue } from '../errors/SmsWebhookError.js';

/**
 * What kind of difference between a delivery and the documented schema a drift report describes:
 * - `missing`: a documented field is absent (the event's field is `null`);
 * - `unexpected_type`: a field has a type the documents do not give it and cannot be read anyway
 *   (the event's field is `null`);
 * - `coerced`: a field has another type but one meaning, and was read as documented
 *   (`"42"` for `42`, `"true"` for `true`, `r` for `R`, an ISO string where epoch is documented);
 * - `unknown_field`: a field the documents do not name (kept in `raw`);
 * - `unknown_event`: a notification whose kind this version does not know or cannot read; it is
 *   delivered as an `unknown` event.
 */
export type SmsDriftKind =
  | 'missing'
  | 'unexpected_type'
  | 'coerced'
  | 'unknown_field'
  | 'unknown_event';

/** The JSON type of a value in a drift report (`absent` when there is no value); never the value. */
export type SmsJsonType = 'string' | 'number' | 'boolean' | 'null' | 'object' | 'array' | 'absent';

/**
 * One difference between a delivery and its provider's documented schema, delivered anyway.
 * It names the field and the types only, never a value (values can hold personal data or a secret).
 *
 * @example
 * ```ts
 * { provider: 'telmetrics', path: 'Notifications[0].AttributionDetails', kind: 'unexpected_type', expected: 'Object', received: 'null' }
 * ```
 */
export interface SmsDriftReport {
  /** The id of the provider whose delivery differed from its documents, e.g. `telmetrics`. */
  readonly provider: string;
  /**
   * The field, e.g. `conversation.message`; for `unknown_field`, the schema location with array
   * indices written `[*]` (e.g. `Notifications[*].CallerId`).
   */
  readonly path: string;
  /** What kind of difference it is. */
  readonly kind: SmsDriftKind;
  /** What the documents say the field is, e.g. `string`, `Object`, `("S" | "R")`. */
  readonly expected: string;
  /** The JSON type that arrived, e.g. `null`; never the value. */
  readonly received: SmsJsonType;
}

/** Receives each drift report of a parse, once the delivery has been accepted. */
export type SmsDriftListener = (report: SmsDriftReport) => void;

/** Names the JSON type of a value for a drift report, never its content. */
export function jsonTypeOf(value: unknown): SmsJsonType {
  if (value === undefined) return 'absent';
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  switch (typeof value) {
    case 'string':
      return 'string';
    case 'number':
    case 'bigint':
      return 'number';
    case 'boolean':
      return 'boolean';
    default:
      return 'object';
  }
}

/** Turns a drift report into the issue `strict` refuses the delivery with. */
export function driftIssue(report: SmsDriftReport): SmsWebhookIssue {
  return {
    path: report.path,
    message: `${report.kind.replace('_', ' ')}: expected ${report.expected}, received ${report.received}`,
  };
}

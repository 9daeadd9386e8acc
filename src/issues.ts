import type * as v from 'valibot';
import type { SmsWebhookIssue } from './errors/SmsWebhookError.js';

/** Formats a valibot issue path as `Notifications[0].TexterNumber`. */
export function formatIssuePath(path: readonly { key: unknown }[] | undefined): string {
  let text = '';
  for (const item of path ?? []) {
    const key = item.key;
    if (typeof key === 'number') text += `[${key}]`;
    else if (typeof key === 'string' && /^[A-Za-z_$][\w$]*$/.test(key))
      text += text ? `.${key}` : key;
    else text += `[${JSON.stringify(String(key))}]`;
  }
  return text;
}

/** Names the JSON type of a value for an issue message, never its content (it may be a secret). */
export function describeType(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (value instanceof Date) return 'Date';
  return typeof value;
}

/**
 * Turns valibot issues into `{ path, message }` entries such as
 * `Notifications[0].TexterNumber: expected string, received number`, without echoing values.
 */
export function toSmsWebhookIssues(
  issues: readonly v.BaseIssue<unknown>[],
  prefix = '',
): SmsWebhookIssue[] {
  return issues.map((issue) => {
    const own = formatIssuePath(issue.path);
    const path =
      prefix && own ? (own.startsWith('[') ? prefix + own : `${prefix}.${own}`) : prefix || own;
    return { path, message: describeIssue(issue) };
  });
}

const CHECK_MESSAGES: Readonly<Record<string, string>> = {
  digits: 'expected a string of digits',
  integer: 'expected an integer',
  safe_integer: 'expected a safe integer',
  finite: 'expected a finite number',
  non_empty: 'expected a non-empty value',
  url: 'expected a URL',
  email: 'expected an email address',
  iso_timestamp: 'expected an ISO 8601 timestamp',
};

function describeIssue(issue: v.BaseIssue<unknown>): string {
  if (issue.kind === 'schema') {
    // valibot reports a missing key as a schema issue whose input is undefined.
    if (issue.input === undefined && issue.path?.at(-1)?.type === 'object') {
      return 'required field is missing';
    }
    return `expected ${issue.expected ?? 'a different type'}, received ${describeType(issue.input)}`;
  }
  const known = CHECK_MESSAGES[issue.type];
  if (known) return known;
  if (issue.type === 'min_value' || issue.type === 'max_value') {
    return `expected a value ${issue.expected ?? 'in range'}`;
  }
  if (issue.type === 'min_length' || issue.type === 'max_length') {
    return `expected a length ${issue.expected ?? 'in range'}`;
  }
  const requirement = issue.expected ? ` (expected ${issue.expected})` : '';
  return `invalid ${issue.type.replaceAll('_', ' ')}${requirement}`;
}

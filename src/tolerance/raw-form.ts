import type { SmsRawForms } from '../event-types.js';
import { idToString } from '../normalize/scalars.js';
import type { SmsDriftReport } from './drift.js';
import type { NormalizeContext } from './options.js';

/** Types an event's `raw` by whether it matched the documented schema. */
export function rawForm<R>(raw: unknown, exact: boolean): SmsRawForms<R> {
  // The caller knows whether `raw` matched its schema; this is where that knowledge becomes a type.
  return exact
    ? { rawExact: true, raw: raw as R }
    : { rawExact: false, raw: raw as SmsRawForms<R>['raw'] & object };
}

/**
 * Reads a provider id as a string: a number only when it is a safe integer (larger ones have lost
 * digits, so two different ids could read the same), reported as drift otherwise.
 */
export function readId(
  value: unknown,
  path: string,
  provider: SmsDriftReport['provider'],
  context: NormalizeContext,
): string | null {
  if (typeof value === 'number' && !Number.isSafeInteger(value)) {
    context.drift.push({
      provider,
      path,
      kind: 'unexpected_type',
      expected: 'number: safe integer',
      received: 'number',
    });
    return null;
  }
  return idToString(value);
}

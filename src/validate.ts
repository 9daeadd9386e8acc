import * as v from 'valibot';
import { SmsWebhookError } from './errors/SmsWebhookError.js';
import { toSmsWebhookIssues } from './issues.js';
import type { ProviderId } from './providers/index.js';

/**
 * Validates a value against a wire schema and returns it typed.
 *
 * @throws {SmsWebhookError} `invalid_payload`, with one issue per failing field (paths under `prefix`).
 */
export function validatePayload<const TSchema extends v.GenericSchema>(
  schema: TSchema,
  input: unknown,
  provider: ProviderId,
  prefix = '',
): v.InferOutput<TSchema> {
  // valibot's object schemas accept arrays; a JSON array is never a webhook object.
  if (Array.isArray(input)) {
    throw invalidPayload(provider, [{ path: prefix, message: 'expected Object, received array' }]);
  }
  const result = v.safeParse(schema, input);
  if (result.success) return result.output;
  throw invalidPayload(provider, toSmsWebhookIssues(result.issues, prefix));
}

/** Creates the `invalid_payload` error for a provider from the failing fields. */
export function invalidPayload(
  provider: ProviderId,
  issues: readonly { path: string; message: string }[],
): SmsWebhookError {
  const [first] = issues;
  const summary = first ? `${first.path || 'body'}: ${first.message}` : 'the payload is invalid';
  const more = issues.length > 1 ? ` (and ${issues.length - 1} more)` : '';
  return new SmsWebhookError('invalid_payload', `Invalid ${provider} payload: ${summary}${more}`, {
    provider,
    issues,
  });
}

import * as v from 'valibot';
import { SmsWebhookError } from './errors/SmsWebhookError.js';
import { toSmsWebhookIssues } from './issues.js';

/**
 * Validates a value against a wire schema and returns it typed.
 *
 * @throws {SmsWebhookError} `invalid_payload`, with one issue per failing field (paths under `prefix`).
 */
export function validatePayload<const TSchema extends v.GenericSchema>(
  schema: TSchema,
  input: unknown,
  provider: string,
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
  provider: string,
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

/**
 * Creates the `invalid_payload` error for a payload that threw while it was read (a hostile getter
 * or proxy, a stack overflow), so that such a payload is reported rather than thrown.
 */
export function unreadablePayload(provider: string | undefined): SmsWebhookError {
  return new SmsWebhookError('invalid_payload', 'The payload could not be read.', {
    provider,
    issues: [{ path: '', message: 'the payload could not be read' }],
  });
}

/**
 * The thrown value when it is an {@link SmsWebhookError} of this copy of the library, else
 * `undefined`; a look-alike, another copy's error or a hostile proxy is no answer to hand back.
 */
export function ownError(error: unknown): SmsWebhookError | undefined {
  try {
    return error instanceof SmsWebhookError ? error : undefined;
  } catch {
    // `instanceof` asks a proxy for its prototype, and the proxy may throw.
    return undefined;
  }
}

/** The result of {@link safeParseWith}: the output, or the error that explains why not. */
export type SafeParseResult<TOutput> =
  | {
      /** The parse succeeded. */
      readonly success: true;
      /** What the parse returned. */
      readonly output: TOutput;
    }
  | {
      /** The parse failed. */
      readonly success: false;
      /** Why, with the failing fields. */
      readonly error: SmsWebhookError;
    };

/**
 * Runs a throwing parse and returns `{ success, … }` instead, whatever the parse throws: an error
 * that is not an {@link SmsWebhookError} becomes {@link unreadablePayload} of `provider`.
 */
export function safeParseWith<TOutput>(
  provider: string | undefined,
  run: () => TOutput,
): SafeParseResult<TOutput> {
  try {
    return { success: true, output: run() };
  } catch (error) {
    return {
      success: false,
      error: ownError(error) ?? unreadablePayload(provider),
    };
  }
}

import { SmsWebhookError } from '../../src/errors/SmsWebhookError.js';

/**
 * The error of class `type` a call throws. Fails the test when the call returns, or throws anything
 * else (which is then thrown on, with its own stack).
 */
export function thrownOf<E extends Error>(
  type: abstract new (...args: never[]) => E,
  call: () => unknown,
): E {
  try {
    call();
  } catch (error) {
    if (error instanceof type) return error;
    throw error;
  }
  throw new Error(`expected the call to throw a ${type.name}`);
}

/** The `SmsWebhookError` a call throws; see {@link thrownOf}. */
export function thrown(call: () => unknown): SmsWebhookError {
  return thrownOf(SmsWebhookError, call);
}

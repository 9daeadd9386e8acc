import { SmsWebhookError } from '../../src/errors/SmsWebhookError.js';

/**
 * The `SmsWebhookError` a call throws. Fails the test when the call returns, or throws anything
 * else (which is then thrown on, with its own stack).
 */
export function thrown(call: () => unknown): SmsWebhookError {
  try {
    call();
  } catch (error) {
    if (error instanceof SmsWebhookError) return error;
    throw error;
  }
  throw new Error('expected the call to throw an SmsWebhookError');
}

import type { SmsEvent } from '../../events.js';
import { isFingerprintKey } from '../../normalize/fingerprint.js';
import type { IdempotencyClaim } from '../../stores/types.js';
import type { SmsWebhookResponseErrorCode } from './options.js';
import type { ResolvedHandlerOptions } from './resolve-options.js';

/** Why one event could not be delivered: the answer's code, the error to report, and when to retry. */
export class DeliveryFailure {
  constructor(
    readonly code: SmsWebhookResponseErrorCode,
    readonly error: unknown,
    readonly retryAfterSeconds?: number,
  ) {}
}

const claimStatuses: ReadonlySet<unknown> = new Set(['claimed', 'done', 'busy']);

function storeFailure(
  operation: string,
  cause: unknown,
  retryAfterSeconds: number,
): DeliveryFailure {
  return new DeliveryFailure(
    'store_unavailable',
    new Error(`The idempotency store failed to ${operation} an event.`, { cause }),
    retryAfterSeconds,
  );
}

async function releaseQuietly(
  options: ResolvedHandlerOptions,
  key: string,
  token: string,
): Promise<void> {
  try {
    await options.store?.release(key, token);
  } catch {
    // The lease runs out by itself; a failed release only delays the redelivery until then.
  }
}

/**
 * Runs `handle` for one event at most once across attempts when a store is configured: claims the
 * event's key with a lease, skips it when done, refuses it while another attempt holds it, marks it
 * done after `handle` resolves and releases it when `handle` fails.
 *
 * @throws {DeliveryFailure} when the event was not handled (or not recorded) and must be retried.
 */
export async function deliverEvent(
  options: ResolvedHandlerOptions,
  event: SmsEvent,
  signal: Pick<AbortSignal, 'aborted' | 'reason'>,
  handle: () => unknown,
): Promise<void> {
  const { store } = options;
  const key = event.idempotencyKey;
  // Only a store tells fingerprint keys apart; without one, the check is not made at all.
  const fingerprinted = store !== undefined && isFingerprintKey(key);
  if (store === undefined || (fingerprinted && options.fingerprintWindowMs === 0)) {
    try {
      await handle();
    } catch (error) {
      throw new DeliveryFailure('internal_error', error);
    }
    return;
  }

  const retryAfterSeconds = options.timeoutMs / 1000;
  const token = crypto.randomUUID();
  let claim: IdempotencyClaim;
  try {
    claim = await store.claim(key, token, options.leaseMs);
  } catch (error) {
    throw storeFailure('claim', error, retryAfterSeconds);
  }
  if (!claimStatuses.has((claim as { status?: unknown } | null)?.status)) {
    throw storeFailure(
      'claim',
      new TypeError('claim() returned no known status'),
      retryAfterSeconds,
    );
  }
  if (signal.aborted) {
    // The request was answered with a timeout meanwhile: hand the key back, start nothing.
    if (claim.status === 'claimed') await releaseQuietly(options, key, token);
    throw new DeliveryFailure('timeout', signal.reason);
  }
  if (claim.status === 'done') return;
  if (claim.status === 'busy') {
    throw new DeliveryFailure(
      'in_progress',
      new Error('Another attempt holds the lease on this event; retry after it.'),
      claim.retryAfterMs / 1000,
    );
  }

  try {
    await handle();
  } catch (error) {
    await releaseQuietly(options, key, token);
    throw new DeliveryFailure('internal_error', error);
  }
  try {
    // Done whoever holds the lease now: the event was handled, even if only after a timeout.
    await store.complete(key, fingerprinted ? options.fingerprintWindowMs : options.retentionMs);
  } catch (error) {
    throw storeFailure('mark done', error, retryAfterSeconds);
  }
}

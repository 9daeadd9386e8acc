import type { ProviderId } from '../providers/index.js';
import { getTestingKit, type TestingOf, testingKits } from './registry.js';

/** Options of {@link createWebhookRequest} for each provider; `secret` is what the handler's `secret` option holds. */
export type WebhookRequestOptions = {
  readonly [P in ProviderId]: Parameters<TestingOf<P>['createRequest']>[0];
};

/** The options {@link createWebhookRequest} takes for provider `P`. */
export type CreateWebhookRequestOptions<P extends ProviderId = ProviderId> =
  WebhookRequestOptions[P];

/**
 * Builds the `Request` any supported provider would send, signed the way that provider signs, with
 * the same `secret` you give your handler.
 *
 * @throws {TypeError} for a provider id this version does not support.
 * @example
 * ```ts
 * const request = await createWebhookRequest('textrequest', {
 *   payload: createTextRequestPayload('message_received'),
 *   secret: 'test-api-key',
 * });
 * ```
 */
export async function createWebhookRequest<P extends ProviderId>(
  provider: P,
  options: WebhookRequestOptions[P],
): Promise<Request> {
  const kit = getTestingKit(provider);
  if (!kit) {
    const ids = testingKits.map((candidate) => candidate.id).join(', ');
    throw new TypeError(`Unknown provider; expected one of ${ids}.`);
  }
  // The kit was found by the same id, so it takes the options typed for that id.
  const build = kit.createRequest as (options: WebhookRequestOptions[P]) => Promise<Request>;
  return build(options);
}

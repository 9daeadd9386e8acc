import type { ProviderId } from '../providers/index.js';
import { type CreateTelmetricsRequestOptions, createTelmetricsRequest } from './telmetrics.js';
import { type CreateTextLinkRequestOptions, createTextLinkRequest } from './textlink.js';
import { type CreateTextRequestRequestOptions, createTextRequestRequest } from './textrequest.js';

/** Options of {@link createWebhookRequest} for each provider; `secret` is what the handler's `secret` option holds. */
export interface WebhookRequestOptions {
  /** Telmetrics: the payload, and the secret to sign with (`ms-signature`) or put in the URL (`url-token`). */
  readonly telmetrics: CreateTelmetricsRequestOptions;
  /** TextLink: the payload, and the secret to write into its body. */
  readonly textlink: CreateTextLinkRequestOptions;
  /** Text Request: the payload, and the API key to sign with as `secret`. */
  readonly textrequest: Omit<CreateTextRequestRequestOptions, 'apiKey'> & {
    /**
     * The Text Request API key to sign with.
     * @example 'test-api-key'
     */
    readonly secret: string;
  };
}

/** The options {@link createWebhookRequest} takes for provider `P`. */
export type CreateWebhookRequestOptions<P extends ProviderId = ProviderId> =
  WebhookRequestOptions[P];

// One builder per registered provider: a provider added to the registry without one fails to compile.
const builders: {
  readonly [P in ProviderId]: (options: WebhookRequestOptions[P]) => Promise<Request>;
} = {
  telmetrics: createTelmetricsRequest,
  textlink: createTextLinkRequest,
  textrequest: ({ secret, ...options }) => createTextRequestRequest({ ...options, apiKey: secret }),
};

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
  if (!Object.hasOwn(builders, provider)) {
    throw new TypeError(`Unknown provider; expected one of ${Object.keys(builders).join(', ')}.`);
  }
  const build = builders[provider] as (options: WebhookRequestOptions[P]) => Promise<Request>;
  return build(options);
}

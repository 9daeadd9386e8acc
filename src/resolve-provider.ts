import { SmsWebhookError } from './errors/SmsWebhookError.js';
import type { ProviderId, RegisteredProvider } from './providers/index.js';

export type { RegisteredProvider };

// Every function here takes the providers to choose among instead of importing the registry, so
// a handler made for one provider bundles that provider alone.

/** The providers of `providers` whose `detect` accepts a decoded body; a throwing `detect` is a no. */
export function matchingProviders(
  value: unknown,
  providers: readonly RegisteredProvider[],
): RegisteredProvider[] {
  return providers.filter((provider) => {
    try {
      return provider.detect(value);
    } catch {
      return false;
    }
  });
}

/**
 * Finds the provider of a decoded body: the requested one, or the only one whose shape matches.
 *
 * @throws {SmsWebhookError} `unknown_provider` or `ambiguous_payload`.
 */
export function resolveProvider(
  value: unknown,
  requested: ProviderId | undefined,
  providers: readonly RegisteredProvider[],
): RegisteredProvider {
  if (requested !== undefined) {
    const provider = providers.find((candidate) => candidate.id === requested);
    if (provider) return provider;
    throw new SmsWebhookError(
      'unknown_provider',
      'Unknown provider; expected one of the supported ids.',
      {
        issues: [{ path: '', message: `expected one of ${providers.map((p) => p.id).join(', ')}` }],
      },
    );
  }
  const matches = matchingProviders(value, providers);
  const [only] = matches;
  if (matches.length === 1 && only) return only;
  if (matches.length === 0) {
    throw new SmsWebhookError(
      'unknown_provider',
      'The body matches no supported provider; set `provider` if it is one of them.',
      { issues: [{ path: '', message: 'body matches no supported provider' }] },
    );
  }
  const ids = matches.map((provider) => provider.id);
  throw new SmsWebhookError(
    'ambiguous_payload',
    `The body could come from ${ids.join(' or ')}; set \`provider\` to choose.`,
    { issues: [{ path: '', message: `body matches ${ids.join(', ')}` }] },
  );
}

/**
 * Checks that a webhook kind is one the provider has.
 *
 * @throws {SmsWebhookError} `invalid_payload` naming the kinds the provider accepts.
 */
export function assertKind(provider: RegisteredProvider, kind: string | undefined): void {
  if (kind === undefined || (provider.kinds as readonly string[]).includes(kind)) return;
  throw new SmsWebhookError(
    'invalid_payload',
    `This endpoint expects a ${kind} webhook, which ${provider.name} does not send.`,
    {
      provider: provider.id,
      issues: [
        {
          path: '',
          message:
            provider.kinds.length > 0
              ? `kind must be one of ${provider.kinds.join(', ')}`
              : `${provider.id} takes no kind`,
        },
      ],
    },
  );
}

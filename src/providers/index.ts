import { telmetricsProvider } from './telmetrics/index.js';
import { textLinkProvider } from './textlink/index.js';
import { textRequestProvider } from './textrequest/index.js';

/** Every provider this version supports; adding one is a new folder and one entry here. */
export const providers: readonly [
  typeof telmetricsProvider,
  typeof textLinkProvider,
  typeof textRequestProvider,
] = [telmetricsProvider, textLinkProvider, textRequestProvider];

/** The id of a supported provider: `'telmetrics' | 'textlink' | 'textrequest'`. */
export type ProviderId = (typeof providers)[number]['id'];

/** The definition of one provider, looked up by id. */
export type ProviderOf<P extends ProviderId> = Extract<
  (typeof providers)[number],
  {
    /** The id of the provider that is selected. */
    id: P;
  }
>;

/** The webhook kinds a provider accepts in `options.kind`. */
export type WebhookKind = (typeof providers)[number]['kinds'][number];

/** Finds a provider's definition by id, or `undefined` for an id this version does not know. */
export function getProvider(id: unknown): (typeof providers)[number] | undefined {
  return providers.find((provider) => provider.id === id);
}

import { providerList } from '../generated/provider-list.js';
import type * as registered from './list.js';

/** The definition of a registered provider (a union of each one's exact type). */
export type RegisteredProvider = (typeof registered)[keyof typeof registered];

/** Every provider this version supports, ordered by id; adding one is a new folder and one line in `list.ts`. */
export const providers: readonly RegisteredProvider[] = providerList;

/** The id of a supported provider: `'telmetrics' | 'textlink' | 'textrequest'`. */
export type ProviderId = RegisteredProvider['id'];

/** The definition of one provider, looked up by id. */
export type ProviderOf<P extends ProviderId> = Extract<
  RegisteredProvider,
  {
    /** The id of the provider that is selected. */
    id: P;
  }
>;

/** The webhook kinds a provider accepts in `options.kind`. */
export type WebhookKind = RegisteredProvider['kinds'][number];

/** Finds a provider's definition by id, or `undefined` for an id this version does not know. */
export function getProvider(id: unknown): RegisteredProvider | undefined {
  return providers.find((provider) => provider.id === id);
}

import * as registeredTesting from '../generated/provider-testing.js';
import type { ProviderId } from '../providers/index.js';

/** The testing definitions of the registered providers, by provider id. */
export type ProviderTestingKits = typeof registeredTesting;

/** The testing definition of a registered provider (a union of each one's exact type). */
export type RegisteredTesting = ProviderTestingKits[keyof ProviderTestingKits];

/** The testing definition of provider `P`. */
export type TestingOf<P extends ProviderId> = Extract<
  RegisteredTesting,
  {
    /** The id of the provider whose testing definition is selected. */
    readonly id: P;
  }
>;

// A registered provider without a testing definition, or one under another id, fails to compile.
const kits: { readonly [P in ProviderId]: TestingOf<P> } = registeredTesting;

/** The testing definitions of every registered provider, ordered by provider id. */
export const testingKits: readonly RegisteredTesting[] = Object.values(kits).sort((a, b) =>
  a.id < b.id ? -1 : 1,
);

/** Finds a provider's testing definition by id, or `undefined` for an id this version does not know. */
export function getTestingKit(id: unknown): RegisteredTesting | undefined {
  return testingKits.find((kit) => kit.id === id);
}

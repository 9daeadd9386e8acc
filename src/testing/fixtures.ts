import type { ProviderId } from '../providers/index.js';
import { type RegisteredTesting, type TestingOf, testingKits } from './registry.js';

/** Every documented sample, by provider: each provider's samples by camel-cased name. */
export type SmsWebhookFixtures = {
  readonly [P in ProviderId]: TestingOf<P>['fixtures'];
};

/** One sample of {@link fixtureList}: its name, provider, a fresh copy of its payload, and (TextLink) its kind. */
export type SmsWebhookFixture = RegisteredTesting['fixtureList'][number];

/**
 * The providers' documented webhook samples (the JSON files in `fixtures/`), typed with each
 * provider's wire types. Every read returns a new deep copy, so change it freely.
 *
 * @example
 * ```ts
 * import { fixtures } from 'sms-webhooks/testing';
 *
 * const body = fixtures.textlink.received;
 * body.text = 'STOP';
 * ```
 */
export const fixtures: SmsWebhookFixtures = Object.freeze(
  Object.fromEntries(testingKits.map((kit) => [kit.id, kit.fixtures])),
) as SmsWebhookFixtures;

/**
 * Every documented sample as a flat list, ordered by name, e.g. to run one test per fixture.
 * Every read of `payload` returns a new deep copy.
 *
 * @example
 * ```ts
 * for (const fixture of fixtureList) {
 *   test(fixture.name, () => expect(parseSmsWebhook(fixture.payload, fixture)).not.toHaveLength(0));
 * }
 * ```
 */
export const fixtureList: readonly SmsWebhookFixture[] = Object.freeze(
  testingKits
    .flatMap((kit): readonly SmsWebhookFixture[] => kit.fixtureList)
    .sort((a, b) => (a.name < b.name ? -1 : 1)),
);

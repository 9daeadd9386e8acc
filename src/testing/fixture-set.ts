/** One fixture file as a provider's `testing.ts` lists it. */
export interface FixtureSource<Kind extends string = string> {
  /** The file name without `.json`, e.g. `call-preprocessed`. */
  readonly file: string;
  /** The camel-cased name it has in `fixtures.<provider>`, e.g. `callPreprocessed`. */
  readonly key: string;
  /** The webhook kind to parse it with, for providers whose body does not say (TextLink). */
  readonly kind?: Kind;
  /** The file's parsed JSON, imported by the provider's `testing.ts`. */
  readonly source: unknown;
}

// Each read hands out a new deep copy, so one test changing a payload cannot affect another.
function freshCopy(source: unknown): PropertyDescriptor {
  return { enumerable: true, get: () => structuredClone(source) };
}

/**
 * Turns a provider's fixture files into the two forms `sms-webhooks/testing` offers: an object by
 * camel-cased name and a list ordered by name (`<provider>/<file>`), each read a fresh deep copy.
 * The types are the provider's own; the sources are its documented samples, checked by its tests.
 */
export function createFixtureSet<Fixtures extends object, Fixture extends object>(
  provider: string,
  sources: readonly FixtureSource[],
): { readonly fixtures: Fixtures; readonly fixtureList: readonly Fixture[] } {
  const fixtures: Record<string, unknown> = {};
  for (const { key, source } of sources) Object.defineProperty(fixtures, key, freshCopy(source));
  const fixtureList = [...sources]
    .sort((a, b) => (a.file < b.file ? -1 : 1))
    .map(({ file, kind, source }) => {
      const name = `${provider}/${file}`;
      const entry = kind === undefined ? { name, provider } : { name, provider, kind };
      return Object.freeze(Object.defineProperties(entry, { payload: freshCopy(source) }));
    });
  return {
    fixtures: Object.freeze(fixtures) as Fixtures,
    fixtureList: Object.freeze(fixtureList) as unknown as readonly Fixture[],
  };
}

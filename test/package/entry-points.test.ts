import { describe, expect, it } from 'vitest';
import pkg from '../../package.json' with { type: 'json' };
import { registeredProviders, staleFiles } from '../../scripts/entry-points.mjs';
import { providers } from '../../src/providers/index.js';
import { testingKits } from '../../src/testing/registry.js';
import tsupConfig from '../../tsup.config.js';
import typedocConfig from '../../typedoc.json' with { type: 'json' };

// One list of entry points, spelled in four places: package.json `exports` (and `bin`), the tsup
// entries that build them, the TypeDoc entry points that document them, and the provider registry.
const entries: Record<string, string> = Object.assign(
  {},
  ...[tsupConfig].flat().map((options) => (options as { entry: Record<string, string> }).entry),
);
const binEntries = Object.values(pkg.bin).map((path) => path.replace(/^\.\/dist\/(.+)\.js$/, '$1'));
// Files the package loads through its own `imports` map (`#hmac`), never imported by users.
const internalEntries = JSON.stringify(pkg.imports)
  .match(/\.\/dist\/[^"]+\.js/g)
  ?.map((path) => path.replace(/^\.\/dist\/(.+)\.js$/, '$1'));
// Code entries map to conditions; data ones (JSON Schemas, fixtures, package.json) to plain paths.
const exportSubpaths = Object.keys(pkg.exports).filter(
  (subpath) => typeof pkg.exports[subpath as keyof typeof pkg.exports] !== 'string',
);

function entryName(subpath: string): string {
  return subpath === '.' ? 'index' : subpath.slice(2);
}

describe('entry points', () => {
  it('each file of the `imports` map is built by a tsup entry of the same name', () => {
    expect(internalEntries?.sort()).toEqual(['hmac', 'hmac-node']);
    for (const name of internalEntries ?? []) expect(entries[name], name).toBeDefined();
  });

  it('every export is built by a tsup entry of the same name, ESM and CommonJS, each with types', () => {
    const libraryEntries = Object.keys(entries).filter(
      (name) => !binEntries.includes(name) && !internalEntries?.includes(name),
    );
    expect(libraryEntries.sort()).toEqual(exportSubpaths.map(entryName).sort());
    for (const subpath of exportSubpaths) {
      const name = entryName(subpath);
      expect(pkg.exports[subpath as keyof typeof pkg.exports], subpath).toEqual({
        import: { types: `./dist/${name}.d.ts`, default: `./dist/${name}.js` },
        require: { types: `./dist/${name}.d.cts`, default: `./dist/${name}.cjs` },
      });
    }
  });

  it('TypeDoc documents exactly the exported entry files', () => {
    const exported = exportSubpaths.map((subpath) => entries[entryName(subpath)]);
    expect([...typedocConfig.entryPoints].sort()).toEqual(exported.sort());
  });

  it('every registered provider has its own entry point, sms-webhooks/<id>', () => {
    for (const { id } of providers) {
      expect(entries[id], id).toBe(`src/providers/${id}/index.ts`);
      expect(exportSubpaths, id).toContain(`./${id}`);
    }
  });

  it('the script reads the same providers as the registry, each in the folder named by its id', () => {
    expect(registeredProviders().map(({ id }) => id)).toEqual(providers.map(({ id }) => id));
  });

  it('every registered provider has its testing definition, under its id', () => {
    expect(testingKits.map((kit) => kit.id)).toEqual(providers.map(({ id }) => id));
  });

  it('the generated files are up to date with entry-points.json and the registry', () => {
    expect(staleFiles()).toEqual([]);
  });
});

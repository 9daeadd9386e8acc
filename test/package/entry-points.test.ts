import { describe, expect, it } from 'vitest';
import pkg from '../../package.json' with { type: 'json' };
import { providers } from '../../src/providers/index.js';
import tsupConfig from '../../tsup.config.js';
import typedocConfig from '../../typedoc.json' with { type: 'json' };

// One list of entry points, spelled in four places: package.json `exports` (and `bin`), the tsup
// entries that build them, the TypeDoc entry points that document them, and the provider registry.
const entries: Record<string, string> = Object.assign(
  {},
  ...[tsupConfig].flat().map((options) => (options as { entry: Record<string, string> }).entry),
);
const binEntries = Object.values(pkg.bin).map((path) => path.replace(/^\.\/dist\/(.+)\.js$/, '$1'));
const exportSubpaths = Object.keys(pkg.exports).filter((subpath) => subpath !== './package.json');

function entryName(subpath: string): string {
  return subpath === '.' ? 'index' : subpath.slice(2);
}

describe('entry points', () => {
  it('every export is built by a tsup entry of the same name, ESM and CommonJS, each with types', () => {
    const libraryEntries = Object.keys(entries).filter((name) => !binEntries.includes(name));
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
});

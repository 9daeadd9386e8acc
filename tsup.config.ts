import type { Options } from 'tsup';
import { libraryEntries } from './scripts/entry-points.mjs';
import { groupChunks } from './scripts/group-chunks.mjs';

/** The two files behind package.json `imports` `#hmac`, internal, not entry points of the package. */
const hmacEntries = { hmac: 'src/verify/hmac.ts', 'hmac-node': 'src/verify/hmac-node.ts' };
const libraryEntryMap = { ...libraryEntries(), ...hmacEntries };

const config: Options[] = [
  // The entries of entry-points.json and one per registered provider, as package.json `exports`
  // lists them (scripts/entry-points.mjs generates that map from the same list).
  {
    entry: libraryEntryMap,
    format: ['esm', 'cjs'],
    dts: true,
    clean: true,
    sourcemap: false,
    target: 'es2022',
    platform: 'neutral',
    splitting: true,
    treeshake: true,
    // `#hmac` is resolved by package.json `imports` when the package is loaded: node:crypto under
    // the `node` condition, Web Crypto everywhere else.
    external: ['#hmac', 'node:crypto'],
    noExternal: ['valibot'],
    // Fewer files for Node to load: every chunk the root entry loads becomes one, in both formats
    // (scripts/group-chunks.mjs says why and how). It writes the CommonJS files from the ES
    // modules; tsup's own are still built for the `.d.cts` declarations that come with them.
    async onSuccess() {
      await groupChunks({
        outDir: 'dist',
        entries: Object.keys(libraryEntries()),
        standalone: Object.keys(hmacEntries),
      });
    },
  },
  // The `sms-webhooks` bin of package.json: one ESM file for Node (valibot stays a dependency).
  {
    entry: { cli: 'src/cli/index.ts' },
    format: ['esm'],
    dts: false,
    // The library build above empties dist/; this one must not remove its files.
    clean: false,
    sourcemap: false,
    target: 'node20',
    platform: 'node',
    splitting: false,
    treeshake: true,
    external: ['valibot'],
    banner: { js: '#!/usr/bin/env node' },
    esbuildOptions(options) {
      // The bin runs on Node only: `#hmac` is bundled as its node:crypto file.
      options.alias = { ...options.alias, '#hmac': './src/verify/hmac-node.ts' };
    },
  },
];

export default config;

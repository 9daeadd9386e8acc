import type { Options } from 'tsup';

const config: Options[] = [
  // Entries mirror the `exports` map of package.json one to one.
  {
    entry: {
      index: 'src/index.ts',
      telmetrics: 'src/providers/telmetrics/index.ts',
      textlink: 'src/providers/textlink/index.ts',
      textrequest: 'src/providers/textrequest/index.ts',
      fetch: 'src/adapters/fetch/index.ts',
      node: 'src/adapters/node/index.ts',
      testing: 'src/testing/index.ts',
    },
    format: ['esm', 'cjs'],
    dts: true,
    clean: true,
    sourcemap: false,
    target: 'es2022',
    platform: 'neutral',
    splitting: true,
    treeshake: true,
    external: ['valibot'],
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
  },
];

export default config;

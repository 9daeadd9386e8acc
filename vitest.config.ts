import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  resolve: {
    // The sources run on Node here, so `#hmac` is the file package.json gives the `node` condition;
    // src/verify/hmac.test.ts checks the Web Crypto one against it.
    alias: { '#hmac': fileURLToPath(new URL('./src/verify/hmac-node.ts', import.meta.url)) },
  },
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    // dist/ is built once, for the tests that use the package as it ships (pack, CLI, Next.js).
    globalSetup: ['test/setup/build.ts'],
    typecheck: {
      enabled: true,
      include: ['src/**/*.test-d.ts', 'test/**/*.test-d.ts'],
      // A provider folder that compiles only once copied into src/providers/ (new-provider.test.ts).
      exclude: ['**/node_modules/**', 'test/new-provider/acme/**'],
      tsconfig: './tsconfig.json',
    },
    reporters: ['default', ['json', { outputFile: '.vitest-report.json' }]],
    testTimeout: 20_000,
    hookTimeout: 300_000,
  },
});

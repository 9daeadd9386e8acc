import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

// The unit tests beside the mutated code, for Stryker (`npm run mutation`): no build of dist/, no
// type tests, and no integration suites that start servers, which mutants cannot reach anyway.
export default defineConfig({
  resolve: {
    // As in vitest.config.ts: without a build, `#hmac` must name the source, or every test that
    // reaches a provider's verify.ts fails to load and its mutants count as not covered.
    alias: { '#hmac': fileURLToPath(new URL('./src/verify/hmac-node.ts', import.meta.url)) },
  },
  test: {
    include: ['src/**/*.test.ts', 'test/parse.test.ts', 'test/robustness.test.ts'],
    exclude: ['src/cli/**', 'src/adapters/**', 'src/testing/**'],
    testTimeout: 20_000,
    // A test file that cannot load its imports counts as a failed test, so a mutant that stops a
    // module from loading is scored killed (see the reporter).
    reporters: ['default', './test/mutation/load-failure-reporter.ts'],
  },
});

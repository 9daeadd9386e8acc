import { defineConfig } from 'vitest/config';

// The unit tests beside the mutated code, for Stryker (`npm run mutation`): no build of dist/, no
// type tests, and no integration suites that start servers, which mutants cannot reach anyway.
export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/parse.test.ts', 'test/robustness.test.ts'],
    exclude: ['src/cli/**', 'src/adapters/**', 'src/testing/**'],
    testTimeout: 20_000,
  },
});

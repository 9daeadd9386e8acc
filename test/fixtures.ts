// Kept for src/testing/fixtures.test.ts, which imports this path; tests in test/ use support/fixtures.
export { type FixtureFile, readFixtures } from './support/fixtures.js';

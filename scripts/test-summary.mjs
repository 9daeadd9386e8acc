// Prints "N passed, N failed" from vitest's JSON report; fails when the report is missing or empty.
import { readFileSync } from 'node:fs';

const file = process.argv[2] ?? '.vitest-report.json';
let report;
try {
  report = JSON.parse(readFileSync(file, 'utf8'));
} catch {
  console.log('0 passed, 1 failed');
  console.error(`No vitest report at ${file}: the tests did not run.`);
  process.exit(1);
}
const passed = report.numPassedTests ?? 0;
// A failing test counts once. A file that failed without a failing test (it did not load, or a hook
// threw) counts as one failure more; vitest's numFailedTestSuites would count a failing test's file
// and each describe block around it again.
const brokenFiles = (report.testResults ?? []).filter(
  (file) =>
    file.status === 'failed' &&
    !(file.assertionResults ?? []).some((test) => test.status === 'failed'),
).length;
const failed = (report.numFailedTests ?? 0) + brokenFiles;
const skipped = (report.numPendingTests ?? 0) + (report.numTodoTests ?? 0);
console.log(`${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
process.exit(failed === 0 && passed > 0 ? 0 : 1);

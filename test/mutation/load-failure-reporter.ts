import type { RunnerTestCase, RunnerTestFile } from 'vitest';
import { experimental_getRunnerTask, type Reporter, type TestModule } from 'vitest/node';

/**
 * A Vitest reporter for mutation runs: a test file that fails to load gets one failed test that
 * carries the load error.
 *
 * Stryker's Vitest runner scores a mutant by the tests Vitest collected, and a file whose import
 * throws collects none, so a mutant that stops a module from loading (a broken top-level table,
 * say) was scored "survived" although every test of that module fails. With this reporter it is
 * scored "killed", as when the same change is made by hand and `npm test` runs. A file that loads
 * is left as it is, whether its tests pass or fail.
 */
export default class LoadFailureReporter implements Reporter {
  onTestRunEnd(testModules: readonly TestModule[]): void {
    for (const testModule of testModules) {
      const file = experimental_getRunnerTask(testModule);
      if (file.result?.state !== 'fail' || file.tasks.length > 0) continue;
      file.tasks.push(loadFailure(file));
    }
  }
}

function loadFailure(file: RunnerTestFile): RunnerTestCase {
  const test = {
    type: 'test',
    id: `${file.id}_load`,
    name: 'loads its imports',
    fullName: `${file.name} loads its imports`,
    mode: 'run',
    file,
    suite: file,
    meta: {},
    annotations: [],
    artifacts: [],
    result: { state: 'fail', errors: file.result?.errors ?? [] },
  };
  // Vitest types a test with a `context` that only its runner can build; nothing reads it once the
  // run has ended, which is when this test is added.
  return test as unknown as RunnerTestCase;
}

import { fileURLToPath } from 'node:url';
import type { RunnerTask } from 'vitest';
import { describe, expect, it } from 'vitest';
import { startVitest } from 'vitest/node';
import LoadFailureReporter from './load-failure-reporter.js';

const fixtures = fileURLToPath(new URL('./fixtures/', import.meta.url));

/** Runs the fixture test files in a Vitest of their own and returns what it collected, by file. */
async function collect(withReporter: boolean): Promise<Map<string, RunnerTask[]>> {
  const previousExitCode = process.exitCode;
  const vitest = await startVitest('test', [], {
    config: false,
    root: fixtures,
    include: ['*.check.ts'],
    watch: false,
    reporters: withReporter ? [new LoadFailureReporter()] : [{}],
  });
  try {
    return new Map(vitest.state.getFiles().map((file) => [file.name, file.tasks]));
  } finally {
    await vitest.close();
    // The fixtures fail on purpose; that must not fail the run that tests the reporter.
    process.exitCode = previousExitCode;
  }
}

describe('LoadFailureReporter', () => {
  it('gives a file that fails to load one failed test with the load error', async () => {
    const tasks = await collect(true);
    const unloadable = tasks.get('unloadable.check.ts') ?? [];
    expect(unloadable).toHaveLength(1);
    expect(unloadable[0]).toMatchObject({ type: 'test', result: { state: 'fail' } });
    expect(unloadable[0]?.result?.errors?.[0]?.message).toContain('the table is broken');
  }, 60_000);

  it('leaves a file that loads as it is, passing and failing tests alike', async () => {
    const tasks = await collect(true);
    const loadable = tasks.get('loadable.check.ts') ?? [];
    expect(loadable.map((task) => [task.name, task.result?.state])).toEqual([
      ['passes', 'pass'],
      ['fails', 'fail'],
    ]);
  }, 60_000);

  it('is needed: without it Vitest collects no test at all from the file that fails to load', async () => {
    const tasks = await collect(false);
    expect(tasks.get('unloadable.check.ts')).toEqual([]);
  }, 60_000);
});

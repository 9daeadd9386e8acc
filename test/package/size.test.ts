import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { expect, it } from 'vitest';

const root = fileURLToPath(new URL('../..', import.meta.url));

interface SizeReport {
  readonly entries: readonly {
    readonly name: string;
    readonly gzipped: number;
    readonly budget: number | null;
  }[];
  readonly unknownBudgets: readonly string[];
}

it('every entry point, bundled and minified with valibot, stays within its gzip budget', async () => {
  const run = await promisify(execFile)('node', ['scripts/size-report.mjs', '--json'], {
    cwd: root,
  }).then(
    ({ stdout }) => ({ code: 0, stdout, stderr: '' }),
    (error: { code: number; stdout: string; stderr: string }) => ({
      code: error.code,
      stdout: error.stdout,
      stderr: error.stderr,
    }),
  );
  if (!run.stdout.trim()) throw new Error(`size-report.mjs printed no report:\n${run.stderr}`);
  const report = JSON.parse(run.stdout) as SizeReport;
  const overBudget = report.entries
    .filter((entry) => entry.budget === null || entry.gzipped > entry.budget)
    .map((entry) => `${entry.name}: ${entry.gzipped} bytes gzipped, budget ${entry.budget}`);
  expect({ overBudget, unknownBudgets: report.unknownBudgets }).toEqual({
    overBudget: [],
    unknownBudgets: [],
  });
  expect(report.entries.length).toBeGreaterThan(0);
  expect(run.code).toBe(0);
}, 60_000);

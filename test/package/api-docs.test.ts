import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify, stripVTControlCharacters } from 'node:util';
import { expect, it } from 'vitest';

const root = fileURLToPath(new URL('../..', import.meta.url));
const typedoc = fileURLToPath(new URL('../../node_modules/typedoc/bin/typedoc', import.meta.url));

// typedoc.json sets the validation (notExported, invalidLink, notDocumented) and makes every
// warning an error; `--emit none` runs all of it without writing docs/api.
it('the API docs build without a warning: every export and field documented, every link valid', async () => {
  const output = await promisify(execFile)('node', [typedoc, '--emit', 'none'], {
    cwd: root,
    maxBuffer: 16 * 1024 * 1024,
  }).then(
    ({ stdout, stderr }) => ({ code: 0, text: `${stdout}\n${stderr}` }),
    (error: { code: number; stdout: string; stderr: string }) => ({
      code: error.code,
      text: `${error.stdout}\n${error.stderr}`,
    }),
  );
  const lines = stripVTControlCharacters(output.text).split('\n');
  // Each problem with the lines TypeDoc prints under it (e.g. where a symbol is declared).
  const problems: string[] = [];
  for (const line of lines) {
    if (/^\[(warning|error)\]/.test(line)) {
      if (!/^\[(warning|error)\] Found \d+ errors and \d+ warnings/.test(line)) problems.push(line);
    } else if (/^\s+\S/.test(line) && problems.length > 0) {
      problems[problems.length - 1] += `\n${line}`;
    }
  }
  expect(problems).toEqual([]);
  expect(output.code).toBe(0);
}, 120_000);

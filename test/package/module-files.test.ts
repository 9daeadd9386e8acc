// How many files Node loads for each entry of the built package, imported or required. Node's
// loader spends a millisecond or more on each file whatever its size, so the build puts what the
// root entry loads into one shared chunk (scripts/group-chunks.mjs); this keeps the count from
// creeping back up.
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pkg from '../../package.json' with { type: 'json' };

const root = fileURLToPath(new URL('../..', import.meta.url));
const run = promisify(execFile);

// Code entries only: the data ones (JSON Schemas, fixtures, package.json) map to plain paths.
const specifiers = Object.keys(pkg.exports)
  .filter((subpath) => typeof pkg.exports[subpath as keyof typeof pkg.exports] !== 'string')
  .map((subpath) => (subpath === '.' ? pkg.name : `${pkg.name}/${subpath.slice(2)}`));

// A module customization hook that writes down every file URL Node loads.
const hooks = (log: string) =>
  `data:text/javascript,${encodeURIComponent(
    `import { appendFileSync } from 'node:fs';
     export async function load(url, context, next) {
       if (url.startsWith('file:')) appendFileSync(${JSON.stringify(log)}, url + '\\n');
       return next(url, context);
     }`,
  )}`;

let dir: string;
let runs = 0;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'sms-webhooks-module-files-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** The package files, relative to its root, that Node loads to import `specifier` as ESM. */
async function filesLoaded(specifier: string): Promise<string[]> {
  const log = join(dir, `${++runs}.log`);
  const script =
    `import { register } from 'node:module'; register(${JSON.stringify(hooks(log))});` +
    `await import(${JSON.stringify(specifier)});`;
  await run(process.execPath, ['--input-type=module', '-e', script], { cwd: root });
  const urls = (await readFile(log, 'utf8')).split('\n').filter((url) => url !== '');
  return urls.map((url) => relative(root, fileURLToPath(url))).sort();
}

describe('files Node loads per entry', () => {
  it.each(specifiers)('%s loads at most 4 files, all from dist/', async (specifier) => {
    const files = await filesLoaded(specifier);
    expect(files.length, files.join(', ')).toBeGreaterThan(0);
    expect(files.length, files.join(', ')).toBeLessThanOrEqual(4);
    for (const file of files) expect(file).toMatch(/^dist\/.+\.js$/);
  });

  it.each(specifiers)('require(%s) loads at most 4 files, all from dist/', async (specifier) => {
    const script =
      `require(${JSON.stringify(specifier)});` +
      'console.log(JSON.stringify(Object.keys(require.cache)));';
    const { stdout } = await run(process.execPath, ['-e', script], { cwd: root });
    const files = (JSON.parse(stdout) as string[])
      .filter((file) => !file.endsWith('[eval]'))
      .map((file) => relative(root, file))
      .sort();
    expect(files.length, files.join(', ')).toBeGreaterThan(0);
    expect(files.length, files.join(', ')).toBeLessThanOrEqual(4);
    for (const file of files) expect(file).toMatch(/^dist\/.+\.cjs$/);
  });

  it('a store loads its own file alone, and no provider', async () => {
    for (const specifier of specifiers.filter((s) => s.includes('/stores/'))) {
      expect(await filesLoaded(specifier)).toEqual([
        `dist/${specifier.split('/').slice(1).join('/')}.js`,
      ]);
    }
  });

  it('the root entry, a provider entry and the Fetch entry share one SmsWebhookError class', async () => {
    const script = `
      const { SmsWebhookError } = await import('sms-webhooks');
      const { parseTextLinkWebhook } = await import('sms-webhooks/textlink');
      const { verifyAndParseSmsWebhook } = await import('sms-webhooks/fetch');
      const thrown = [];
      try { parseTextLinkWebhook('{'); } catch (error) { thrown.push(error); }
      try {
        await verifyAndParseSmsWebhook(new Request('http://127.0.0.1/', { method: 'POST', body: '{' }), {
          provider: 'textlink',
          secret: 'a-secret',
        });
      } catch (error) { thrown.push(error); }
      console.log(JSON.stringify(thrown.map((error) => [error instanceof SmsWebhookError, error.code])));`;
    const { stdout } = await run(process.execPath, ['--input-type=module', '-e', script], {
      cwd: root,
    });
    expect(JSON.parse(stdout)).toEqual([
      [true, 'invalid_json'],
      [true, 'invalid_json'],
    ]);
  });
});

// Which HMAC each runtime gets from the built package: package.json `imports` resolves `#hmac` to
// node:crypto under the `node` condition, and to Web Crypto for edge bundlers, whose bundles must
// then hold no `node:` import at all.
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';
import pkg from '../../package.json' with { type: 'json' };

const root = fileURLToPath(new URL('../..', import.meta.url));

// Code entries only: the data ones (JSON Schemas, fixtures, package.json) map to plain paths.
const specifiers = Object.keys(pkg.exports)
  .filter((subpath) => typeof pkg.exports[subpath as keyof typeof pkg.exports] !== 'string')
  .map((subpath) => (subpath === '.' ? pkg.name : `${pkg.name}/${subpath.slice(2)}`));

/** Bundles every export of one entry as a bundler does with these conditions. */
async function bundle(specifier: string, platform: 'neutral' | 'node', conditions: string[]) {
  const result = await build({
    stdin: { contents: `export * from ${JSON.stringify(specifier)};`, resolveDir: root },
    bundle: true,
    format: 'esm',
    platform,
    conditions,
    // Kept as written, so the test sees which modules the bundle asks the runtime for.
    external: ['node:*'],
    // The package's own tsconfig maps `#hmac` to its sources; an installed package has none.
    tsconfigRaw: {},
    write: false,
    logLevel: 'silent',
  });
  return result.outputFiles[0]?.text ?? '';
}

describe('the HMAC each runtime gets', () => {
  // Cloudflare workerd (wrangler) and Next.js/Vercel edge.
  const edges = [
    ['workerd', ['workerd', 'worker', 'browser']],
    ['edge-light', ['edge-light', 'worker', 'browser']],
  ] as const;
  const edgeEntries = specifiers.filter((specifier) => specifier !== `${pkg.name}/node`);

  it.each(edges)(
    'a %s bundle of every entry but /node imports nothing from node:',
    async (_, conditions) => {
      for (const specifier of edgeEntries) {
        const code = await bundle(specifier, 'neutral', [...conditions]);
        expect(code.length, specifier).toBeGreaterThan(0);
        expect(code.match(/["']node:[a-z_/]+["']/g) ?? [], specifier).toEqual([]);
      }
    },
  );

  it('an edge bundle signs through Web Crypto, a Node bundle through node:crypto', async () => {
    const edge = await bundle(`${pkg.name}/textrequest`, 'neutral', ['workerd', 'worker']);
    expect(edge).toContain('crypto?.subtle');
    expect(edge).not.toContain('createHmac');
    const node = await bundle(`${pkg.name}/textrequest`, 'node', ['node']);
    expect(node).toMatch(/import \{ createHmac \} from "(node:)?crypto"/);
    expect(node).not.toContain('crypto?.subtle');
  });

  it('Node itself resolves #hmac to the node:crypto file, from ESM and CommonJS', async () => {
    const run = promisify(execFile);
    const esm = await run(
      process.execPath,
      ['--input-type=module', '-e', "console.log(import.meta.resolve('#hmac'))"],
      { cwd: root },
    );
    expect(esm.stdout.trim()).toBe(pathToFileURL(join(root, 'dist/hmac-node.js')).href);
    const cjs = await run(process.execPath, ['-e', "console.log(require.resolve('#hmac'))"], {
      cwd: root,
    });
    expect(cjs.stdout.trim()).toBe(join(root, 'dist/hmac-node.cjs'));
  });
});

// Cold starts of the package, shared by bench.mjs (`--only=import`) and compare.mjs (`--import`):
// the entries to load, and one fresh Node process that loads one of them.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** Every code entry of a package.json `exports` map, as an application names it. */
export function entrySpecifiers(pkg) {
  return Object.entries(pkg.exports)
    .filter(([, target]) => typeof target !== 'string') // data entries map to plain paths
    .map(([subpath]) => (subpath === '.' ? pkg.name : `${pkg.name}/${subpath.slice(2)}`));
}

/**
 * Loads `specifier` in a fresh Node process run in `cwd`, with `import` or (`viaRequire`) with
 * `require`, and returns the wall time and the process's CPU time of that load, in ms. On a machine
 * busy with other work the wall time mostly measures waiting for a core, the CPU time what the
 * load itself costs.
 */
export async function coldStart(cwd, specifier, { viaRequire = false } = {}) {
  const load = viaRequire
    ? `require(${JSON.stringify(specifier)});`
    : `await import(${JSON.stringify(specifier)});`;
  const script =
    'const c = process.cpuUsage(); const t = performance.now(); ' +
    `${load} const u = process.cpuUsage(c); ` +
    'console.log(performance.now() - t, (u.user + u.system) / 1000);';
  const flags = viaRequire ? ['-e', script] : ['--input-type=module', '-e', script];
  const { stdout } = await run(process.execPath, flags, { cwd });
  const [wall, cpu] = stdout.trim().split(' ').map(Number);
  return { wall, cpu };
}

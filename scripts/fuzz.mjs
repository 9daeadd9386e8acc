// Runs a million generated inputs (any JSON, JSON text, random bytes and strings, mutated
// documented samples) through safeParseSmsWebhook and parseSmsWebhook, with and without a
// provider, and checks every answer against the event contract of test/support/event-contract.ts
// (the property tests check the same). Prints the counts and every violation; exits 1 on any.
//
//   npm run fuzz                              1,000,000 inputs, seed 1
//   node scripts/fuzz.mjs --count 50000 --seed 7
//   node scripts/fuzz.mjs --count 2745 --show 2744   also prints input 2744 (it may hold secrets)
//
// The TypeScript sources are bundled with esbuild into a temporary file first, so no build of
// dist/ is needed and the fuzzed code is the code in src/.
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { build } from 'esbuild';

const root = fileURLToPath(new URL('..', import.meta.url));
const { values } = parseArgs({
  options: {
    count: { type: 'string', default: '1000000' },
    seed: { type: 'string', default: '1' },
    show: { type: 'string' },
  },
});
const count = Number(values.count);
const seed = Number(values.seed);
if (!Number.isSafeInteger(count) || count < 1 || !Number.isSafeInteger(seed)) {
  console.error('usage: node scripts/fuzz.mjs [--count N] [--seed N]');
  process.exit(2);
}

const fixtures = [];
// Every provider's folder of samples, so a new provider is fuzzed without a change here.
const providerFolders = (await readdir(join(root, 'fixtures'), { withFileTypes: true }))
  .filter((entry) => entry.isDirectory())
  .map((entry) => entry.name)
  .sort();
for (const provider of providerFolders) {
  const dir = join(root, 'fixtures', provider);
  for (const file of (await readdir(dir)).filter((name) => name.endsWith('.json')).sort()) {
    fixtures.push({ provider, json: JSON.parse(await readFile(join(dir, file), 'utf8')) });
  }
}

const outdir = await mkdtemp(join(tmpdir(), 'sms-webhooks-fuzz-'));
try {
  const outfile = join(outdir, 'fuzz-run.mjs');
  await build({
    entryPoints: [join(root, 'test/support/fuzz-run.ts')],
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    outfile,
    logLevel: 'warning',
  });
  const { runFuzz } = await import(pathToFileURL(outfile).href);
  const started = performance.now();
  const report = runFuzz({
    count,
    seed,
    fixtures,
    ...(values.show === undefined
      ? {}
      : {
          show: {
            index: Number(values.show),
            print: (input) =>
              console.dir(
                input.body instanceof Uint8Array
                  ? { ...input, body: new TextDecoder().decode(input.body) }
                  : input,
                { depth: 8 },
              ),
          },
        }),
    onProgress: (done) => console.error(`  ${done.toLocaleString('en-US')} inputs…`),
  });
  const seconds = (performance.now() - started) / 1000;
  const table = (counts) =>
    Object.entries(counts)
      .sort(([, a], [, b]) => b - a)
      .map(([name, n]) => `    ${name.padEnd(24)} ${n.toLocaleString('en-US').padStart(10)}`)
      .join('\n');
  console.log(
    `seed ${seed}: ${report.inputs.toLocaleString('en-US')} inputs, ${report.calls.toLocaleString('en-US')} parse calls in ${seconds.toFixed(1)} s`,
  );
  console.log(`  inputs by kind\n${table(report.byKind)}`);
  console.log(`  answers of safeParseSmsWebhook\n${table(report.byOutcome)}`);
  console.log(`  accepted events by type\n${table(report.byEventType)}`);
  const violations = Object.entries(report.violations);
  const total = violations.reduce((sum, [, { count: n }]) => sum + n, 0);
  console.log(`contract violations: ${total}`);
  for (const [violation, { count: n, firstInput }] of violations) {
    console.log(`  ${n}× ${violation} (first at input ${firstInput}; replay with --seed ${seed})`);
  }
  process.exitCode = total === 0 ? 0 : 1;
} finally {
  await rm(outdir, { recursive: true, force: true });
}

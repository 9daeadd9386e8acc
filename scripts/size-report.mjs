// Bundles every entry point of the built package as a user's bundler would (esbuild, minified,
// platform neutral, valibot bundled in) and compares the gzipped size with size-budgets.json.
//
//   node scripts/size-report.mjs         print the table; exit 1 when an entry is over budget
//   node scripts/size-report.mjs --json  print the measurements as JSON instead (same exit code)
//
// Run `npm run build` first (`npm run size` does both).
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';
import { registeredProviders } from './entry-points.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));

/** Bundles one module the way an application's bundler would, and measures the result. */
async function measure(stdin) {
  const result = await build({
    stdin: { ...stdin, resolveDir: root, loader: 'js' },
    bundle: true,
    minify: true,
    format: 'esm',
    platform: 'neutral',
    target: 'es2022',
    // The Node adapter's built-ins come from the runtime, never from the bundle.
    external: ['node:*'],
    // As from an installed package: the repository's tsconfig maps `#hmac` to the sources.
    tsconfigRaw: {},
    write: false,
    logLevel: 'silent',
  });
  const code = result.outputFiles[0].contents;
  return { minified: code.byteLength, gzipped: gzipSync(code, { level: 9 }).byteLength };
}

/** Measures the baseline and every entry of the `exports` map, and checks them against budgets. */
async function sizeReport() {
  const pkg = JSON.parse(await readFile(join(root, 'package.json'), 'utf8'));
  const { baseline, budgets } = JSON.parse(await readFile(join(root, 'size-budgets.json'), 'utf8'));
  const base = { name: baseline.name, ...(await measure({ contents: baseline.source })) };

  const entries = [];
  for (const [subpath, target] of Object.entries(pkg.exports)) {
    if (typeof target === 'string') continue; // ./package.json
    const name = subpath === '.' ? pkg.name : `${pkg.name}/${subpath.slice(2)}`;
    // Every export is kept, as when an application imports the whole entry.
    const sizes = await measure({ contents: `export * from ${JSON.stringify(name)};` });
    const budget = budgets[name];
    entries.push({
      name,
      ...sizes,
      budget: budget ?? null,
      ratio: sizes.gzipped / base.gzipped,
      withinBudget: budget !== undefined && sizes.gzipped <= budget,
    });
  }
  // What an application that serves one provider bundles: the Fetch handler made for it, which
  // leaves the other providers out.
  const { oneProviderFetchHandler } = JSON.parse(
    await readFile(join(root, 'size-budgets.json'), 'utf8'),
  );
  for (const { id, name } of registeredProviders(root)) {
    const sizes = await measure({
      contents:
        `import { createProviderFetchHandler } from '${pkg.name}/fetch';\n` +
        `import { ${name}Provider } from '${pkg.name}/${id}';\n` +
        `export const handler = createProviderFetchHandler(${name}Provider, { onEvent() {} });`,
    });
    const budget = oneProviderFetchHandler ?? null;
    entries.push({
      name: `createProviderFetchHandler(${name}Provider)`,
      ...sizes,
      budget,
      ratio: sizes.gzipped / base.gzipped,
      withinBudget: budget !== null && sizes.gzipped <= budget,
    });
  }
  const unknown = Object.keys(budgets).filter((name) => !entries.some((e) => e.name === name));
  return { baseline: base, entries, unknownBudgets: unknown };
}

function table(report) {
  const rows = [
    ['entry', 'minified', 'gzipped', 'budget (gzip)', '× baseline', ''],
    [
      report.baseline.name,
      report.baseline.minified,
      report.baseline.gzipped,
      '-',
      '1.00',
      'baseline',
    ],
    ...report.entries.map((e) => [
      e.name,
      e.minified,
      e.gzipped,
      e.budget ?? 'none',
      e.ratio.toFixed(2),
      e.budget === null ? 'NO BUDGET' : e.withinBudget ? 'ok' : 'OVER BUDGET',
    ]),
  ].map((row) => row.map(String));
  const widths = rows[0].map((_, column) => Math.max(...rows.map((row) => row[column].length)));
  return rows
    .map((row) =>
      row
        .map((cell, column) =>
          column === 0 || column === row.length - 1
            ? cell.padEnd(widths[column])
            : cell.padStart(widths[column]),
        )
        .join('  ')
        .trimEnd(),
    )
    .join('\n');
}

async function main() {
  const report = await sizeReport();
  const failed = report.entries.filter((e) => !e.withinBudget).length > 0;
  if (process.argv.includes('--json')) {
    console.log(JSON.stringify(report, null, 2));
  } else {
    console.log(table(report));
    for (const e of report.entries.filter((entry) => !entry.withinBudget)) {
      console.error(
        e.budget === null
          ? `${e.name} has no budget in size-budgets.json.`
          : `${e.name} is ${e.gzipped - e.budget} bytes (gzipped) over its budget of ${e.budget}.`,
      );
    }
    for (const name of report.unknownBudgets) {
      console.error(`size-budgets.json names ${name}, which package.json does not export.`);
    }
  }
  if (failed || report.unknownBudgets.length > 0) process.exit(1);
}

await main();

// The package's entry points come from one list, entry-points.json, plus one entry per provider
// registered in src/providers/list.ts. This script derives from them what must name every entry,
// so that a provider or a subpath cannot be half-shipped:
//
//   - package.json `exports`                 (generated, with the schemas/ and fixtures/ paths)
//   - typedoc.json `entryPoints`             (generated)
//   - size-budgets.json `budgets`            (generated)
//   - src/generated/provider-testing.ts      (generated: each provider's testing definition)
//   - src/generated/provider-list.ts         (generated: the definitions as one array, by id)
//   - tsup.config.ts                         (imports libraryEntries() from here at build time)
//
//   node scripts/entry-points.mjs --write    rewrite the generated parts (npm run entries)
//   node scripts/entry-points.mjs --check    exit 1 naming each file that is out of date (npm test)
//
// `--root <dir>` runs it on another checkout (the test that adds a provider uses it).
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const defaultRoot = fileURLToPath(new URL('..', import.meta.url));

const REGISTRY = 'src/providers/list.ts';
const TESTING_REGISTRY = 'src/generated/provider-testing.ts';
const PROVIDER_LIST = 'src/generated/provider-list.ts';
const REGISTRY_LINE = /^export \{ (\w+)Provider \} from '\.\/([a-z0-9-]+)\/index\.js';$/;

/**
 * The providers of src/providers/list.ts, in file order: the folder (which is the id) and the
 * name their `<name>Provider` and `<name>Testing` exports share.
 */
export function registeredProviders(root = defaultRoot) {
  const lines = readFileSync(join(root, REGISTRY), 'utf8').split('\n');
  const providers = [];
  for (const [index, line] of lines.entries()) {
    if (line.trim() === '' || line.startsWith('//')) continue;
    const match = REGISTRY_LINE.exec(line);
    if (!match) {
      throw new Error(
        `${REGISTRY}:${index + 1}: expected "export { <name>Provider } from './<id>/index.js';"`,
      );
    }
    const [, name, id] = match;
    for (const file of ['index.ts', 'testing.ts']) {
      if (!existsSync(join(root, 'src/providers', id, file))) {
        throw new Error(`${REGISTRY}:${index + 1}: src/providers/${id}/${file} does not exist`);
      }
    }
    providers.push({ id, name });
  }
  return providers;
}

/** Every library entry point: `{ name, source, budget }`, the providers right after `index`. */
export function entryPoints(root = defaultRoot) {
  const list = JSON.parse(readFileSync(join(root, 'entry-points.json'), 'utf8'));
  const providerEntries = registeredProviders(root).map(({ id }) => ({
    name: id,
    source: `src/providers/${id}/index.ts`,
    budget: list.providerBudgets?.[id] ?? list.providerBudget,
  }));
  const [first, ...rest] = list.entries;
  const all =
    first?.name === 'index'
      ? [first, ...providerEntries, ...rest]
      : [...providerEntries, ...list.entries];
  const names = new Set();
  for (const entry of all) {
    if (names.has(entry.name))
      throw new Error(`entry-points.json: "${entry.name}" is listed twice`);
    names.add(entry.name);
    if (!existsSync(join(root, entry.source))) {
      throw new Error(`entry-points.json: ${entry.source} (entry "${entry.name}") does not exist`);
    }
  }
  return all;
}

/** The tsup `entry` option of the library build: output name → source file. */
export function libraryEntries(root = defaultRoot) {
  return Object.fromEntries(entryPoints(root).map(({ name, source }) => [name, source]));
}

function subpathOf(name) {
  return name === 'index' ? '.' : `./${name}`;
}

function exportsOf(entries) {
  const exports = {};
  for (const { name } of entries) {
    exports[subpathOf(name)] = {
      import: { types: `./dist/${name}.d.ts`, default: `./dist/${name}.js` },
      require: { types: `./dist/${name}.d.cts`, default: `./dist/${name}.cjs` },
    };
  }
  // Data shipped beside the code, imported by path: the JSON Schemas and the documented samples.
  exports['./schemas/*'] = './schemas/*';
  exports['./fixtures/*'] = './fixtures/*';
  exports['./package.json'] = './package.json';
  return exports;
}

/** `prefix[a, b];` as Biome formats it: on one line when it fits in 100 columns, else one per line. */
function arrayDeclaration(prefix, items) {
  const oneLine = `${prefix}[${items.join(', ')}];`;
  if (oneLine.length <= 100) return `${oneLine}\n`;
  return `${prefix}[\n${items.map((item) => `  ${item},\n`).join('')}];\n`;
}

function json(value) {
  return `${JSON.stringify(value, null, 2)}\n`;
}

/** The generated files as they should be: path → expected text. */
export function expectedFiles(root = defaultRoot) {
  const entries = entryPoints(root);
  const read = (path) => readFileSync(join(root, path), 'utf8');

  const pkg = JSON.parse(read('package.json'));
  pkg.exports = exportsOf(entries);

  const budgets = JSON.parse(read('size-budgets.json'));
  budgets.budgets = Object.fromEntries(
    entries.map(({ name, budget }) => [
      name === 'index' ? pkg.name : `${pkg.name}/${name}`,
      budget,
    ]),
  );

  // typedoc.json keeps Biome's layout, so only its entryPoints array is rewritten.
  const typedoc = read('typedoc.json');
  const entryPointsBlock = /"entryPoints": \[[^\]]*\]/;
  if (!entryPointsBlock.test(typedoc)) throw new Error('typedoc.json has no "entryPoints" array');
  const sources = entries.map(({ source }) => `    ${JSON.stringify(source)}`).join(',\n');

  const testing = registeredProviders(root)
    .map(
      ({ id, name }) => `export { ${name}Testing as ${id} } from '../providers/${id}/testing.js';`,
    )
    .join('\n');

  // An array of imported bindings, not Object.values() of a namespace: bundlers then drop it, and
  // every provider with it, from a bundle that never reads it (a handler made for one provider).
  const byId = [...registeredProviders(root)].sort((a, b) => (a.id < b.id ? -1 : 1));
  const imports = [
    ...byId.map(({ id, name }) => [
      `../providers/${id}/index.js`,
      `import { ${name}Provider } from '../providers/${id}/index.js';`,
    ]),
    ['../providers/list.js', "import type * as registered from '../providers/list.js';"],
  ].sort(([a], [b]) => (a < b ? -1 : 1));
  const list =
    '// Generated by scripts/entry-points.mjs from src/providers/list.ts; do not edit, run\n' +
    "// `npm run entries`. Every registered provider's definition, ordered by id.\n\n" +
    imports.map(([, line]) => line).join('\n') +
    '\n' +
    '\n/** Every registered provider, ordered by id. */\n' +
    arrayDeclaration(
      'export const providerList: readonly (typeof registered)[keyof typeof registered][] = ',
      byId.map(({ name }) => `${name}Provider`),
    );

  return {
    'package.json': json(pkg),
    'size-budgets.json': json(budgets),
    'typedoc.json': typedoc.replace(entryPointsBlock, `"entryPoints": [\n${sources}\n  ]`),
    [PROVIDER_LIST]: list,
    [TESTING_REGISTRY]:
      '// Generated by scripts/entry-points.mjs from src/providers/list.ts; do not edit, run\n' +
      "// `npm run entries`. Each provider's testing definition, by id, for sms-webhooks/testing.\n" +
      `${testing}\n`,
  };
}

/** The generated files whose text on disk differs from what it should be. */
export function staleFiles(root = defaultRoot) {
  return Object.entries(expectedFiles(root))
    .filter(
      ([path, text]) =>
        !existsSync(join(root, path)) || readFileSync(join(root, path), 'utf8') !== text,
    )
    .map(([path]) => path);
}

function main(args) {
  const rootIndex = args.indexOf('--root');
  const root = rootIndex === -1 ? defaultRoot : args[rootIndex + 1];
  if (args.includes('--check')) {
    const stale = staleFiles(root);
    if (stale.length === 0) return 0;
    console.error(
      `Out of date with entry-points.json and ${REGISTRY}: ${stale.join(', ')}.\n` +
        'Run `npm run entries` and commit the result.',
    );
    return 1;
  }
  if (args.includes('--write')) {
    for (const [path, text] of Object.entries(expectedFiles(root))) {
      mkdirSync(dirname(join(root, path)), { recursive: true });
      writeFileSync(join(root, path), text);
    }
    return 0;
  }
  console.error('Usage: node scripts/entry-points.mjs --write | --check [--root <dir>]');
  return 2;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  process.exitCode = main(process.argv.slice(2));
}

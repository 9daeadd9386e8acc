// Compares the handlers of the working tree with those of an earlier commit, under the same load
// in the same run: both are built, each is served from its own process (node:http and Hono on
// @hono/node-server), and autocannon loads them in alternating rounds. The figure is the server's
// CPU time per answered request, which other work on the machine changes far less than it changes
// requests per second; the ratio is current ÷ base per round, median [lowest–highest]. A change of
// a few per cent shows here, where the host-against-bare-route ratios of bench.mjs are too noisy.
//
//   node scripts/bench/compare.mjs <git-ref>   e.g. HEAD~1, main, a tag
//     --rounds=6 --seconds=3 --hosts=node,hono --providers=textlink,textrequest
//
// With --import, it compares cold starts instead: each build is installed (by a symlink) in an
// empty application of its own, and fresh processes import (or, with --require, require) every
// entry of the package by name, alternating between the builds. The figure is the process's CPU
// time over that of importing an empty module in the same application, median [lowest–highest].
//
//   node scripts/bench/compare.mjs <git-ref> --import [--require] [--rounds=15]
import { execFile, spawn } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { coldStart, entrySpecifiers } from './cold-start.mjs';
import { loadRoute, serverLines } from './http-load.mjs';

const run = promisify(execFile);
const root = fileURLToPath(new URL('../..', import.meta.url));
const args = process.argv.slice(2);
const option = (name, fallback) =>
  args.find((arg) => arg.startsWith(`--${name}=`))?.slice(name.length + 3) ?? fallback;
const ref = args.find((arg) => !arg.startsWith('--'));
if (!ref) {
  console.error('usage: node scripts/bench/compare.mjs <git-ref> [--rounds=6] [--seconds=3]');
  process.exit(2);
}
const coldStarts = args.includes('--import');
const viaRequire = args.includes('--require');
const rounds = Number(option('rounds', coldStarts ? 15 : 6));
const seconds = Number(option('seconds', 3));
const hosts = option('hosts', 'node,hono').split(',');
const providerIds = option('providers', 'textlink,textrequest').split(',');

const fixture = async (name) => readFile(join(root, 'fixtures', `${name}.json`), 'utf8');
const textLinkBody = await fixture('textlink/received');
const apiKey = 'bench-api-key';
const loads = {
  textlink: { secret: JSON.parse(textLinkBody).secret, body: textLinkBody, signed: false },
  textrequest: {
    secret: apiKey,
    body: await fixture('textrequest/message-received'),
    signed: true,
  },
};

/** Builds `ref` in a temporary worktree sharing this checkout's node_modules. */
async function buildBase() {
  const dir = await mkdtemp(join(tmpdir(), 'sms-webhooks-compare-'));
  const base = join(dir, 'base');
  await run('git', ['worktree', 'add', '--detach', base, ref], { cwd: root });
  await symlink(join(root, 'node_modules'), join(base, 'node_modules'));
  await run(join(root, 'node_modules/.bin/tsup'), ['--silent'], { cwd: base });
  return {
    base,
    remove: async () => {
      await run('git', ['worktree', 'remove', '--force', base], { cwd: root });
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/** Starts one compare-server.mjs and returns its URL and a way to read its CPU time. */
async function startServer(packageRoot, host, provider) {
  const child = spawn(
    process.execPath,
    [
      join(root, 'scripts/bench/compare-server.mjs'),
      packageRoot,
      host,
      provider,
      loads[provider].secret,
    ],
    { cwd: root, stdio: ['pipe', 'pipe', 'inherit'] },
  );
  const { nextLine, cpu } = serverLines(child, `the ${host} server of ${packageRoot}`);
  const port = await nextLine();
  return { url: `http://127.0.0.1:${port}/`, cpu, stop: () => child.stdin.end() };
}

function load(server, provider) {
  const { body, signed } = loads[provider];
  return loadRoute({
    url: server.url,
    body,
    apiKey: signed ? apiKey : undefined,
    seconds,
    cpu: server.cpu,
  });
}

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
};

/** An empty application with `packageRoot` installed as `sms-webhooks`, and an empty module. */
async function coldStartApp(dir, packageRoot) {
  await mkdir(join(dir, 'node_modules'), { recursive: true });
  await symlink(packageRoot, join(dir, 'node_modules', 'sms-webhooks'));
  const empty = viaRequire ? './empty.cjs' : './empty.mjs';
  await writeFile(join(dir, empty), viaRequire ? '\n' : 'export {};\n');
  return { dir, empty };
}

async function compareColdStarts(base, baseCommit) {
  const pkg = JSON.parse(await readFile(join(root, 'package.json'), 'utf8'));
  const specifiers = entrySpecifiers(pkg);
  const dir = await mkdtemp(join(tmpdir(), 'sms-webhooks-compare-apps-'));
  try {
    const apps = {
      base: await coldStartApp(join(dir, 'base'), base),
      current: await coldStartApp(join(dir, 'current'), root),
    };
    const times = { base: new Map(), current: new Map() };
    for (let round = 0; round < rounds; round++) {
      const order = round % 2 === 0 ? ['current', 'base'] : ['base', 'current'];
      for (const side of order) {
        const app = apps[side];
        for (const specifier of [app.empty, ...specifiers]) {
          const list = times[side].get(specifier) ?? [];
          list.push((await coldStart(app.dir, specifier, { viaRequire })).cpu);
          times[side].set(specifier, list);
        }
      }
    }
    // Per round: the entry's CPU time less the empty module's of the same round and build.
    const over = (side, specifier) => {
      const empty = times[side].get(apps[side].empty);
      return times[side].get(specifier).map((time, round) => time - empty[round]);
    };
    const what = viaRequire ? 'require' : 'import';
    console.log(
      `cold ${what}, CPU time over an empty module, working tree vs ${ref} (${baseCommit}), ${rounds} rounds, median [lowest–highest]`,
    );
    for (const specifier of specifiers) {
      const [current, old] = [over('current', specifier), over('base', specifier)];
      const show = (values) =>
        `${median(values).toFixed(1).padStart(5)} ms [${Math.min(...values).toFixed(1)}–${Math.max(...values).toFixed(1)}]`;
      console.log(`  ${specifier.padEnd(28)} ${show(current)}  vs  ${show(old)}`);
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

await run(join(root, 'node_modules/.bin/tsup'), ['--silent'], { cwd: root });
const { base, remove } = await buildBase();
const { stdout: baseCommit } = await run('git', ['rev-parse', '--short', 'HEAD'], { cwd: base });
if (coldStarts) {
  try {
    await compareColdStarts(base, baseCommit.trim());
  } finally {
    await remove();
  }
  process.exit(0);
}
console.log(
  `server CPU per request, working tree ÷ ${ref} (${baseCommit.trim()}), ${rounds} rounds of ${seconds} s, 16 connections`,
);
try {
  for (const host of hosts) {
    for (const provider of providerIds) {
      const servers = {
        base: await startServer(base, host, provider),
        current: await startServer(root, host, provider),
      };
      try {
        await load(servers.base, provider); // warm up both
        await load(servers.current, provider);
        const results = { base: [], current: [] };
        for (let round = 0; round < rounds; round++) {
          const order = round % 2 === 0 ? ['current', 'base'] : ['base', 'current'];
          for (const side of order) results[side].push(await load(servers[side], provider));
        }
        const ratios = results.current.map(
          (r, i) => r.cpuPerRequest / results.base[i].cpuPerRequest,
        );
        const cpu = (side) => median(results[side].map((r) => r.cpuPerRequest)).toFixed(1);
        const rps = (side) => Math.round(median(results[side].map((r) => r.rps)));
        console.log(
          `  ${`${host} ${provider}`.padEnd(20)} ${cpu('current').padStart(7)} µs vs ${cpu('base').padStart(7)} µs  ${median(ratios).toFixed(2)}× [${Math.min(...ratios).toFixed(2)}–${Math.max(...ratios).toFixed(2)}]  ${rps('current')} vs ${rps('base')} req/s`,
        );
      } finally {
        for (const server of Object.values(servers)) server.stop();
      }
    }
  }
} finally {
  await remove();
}

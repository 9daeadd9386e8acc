// The package as npm publishes it: one `npm pack` of the dist/ built by the global setup, checked
// by publint and attw, then installed once into a temporary project and loaded from ESM, CommonJS
// and TypeScript (node16, nodenext, bundler), importing every subpath of the `exports` map.
import { execFile } from 'node:child_process';
import { copyFile, mkdir, mkdtemp, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { publint } from 'publint';
import { formatMessage } from 'publint/utils';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import telmetricsDelivery from '../../fixtures/telmetrics/sms-conversation-start.json' with {
  type: 'json',
};
import textLinkReceived from '../../fixtures/textlink/received.json' with { type: 'json' };
import pkg from '../../package.json' with { type: 'json' };

const root = fileURLToPath(new URL('../..', import.meta.url));
const execFileAsync = promisify(execFile);

/** Runs a command; resolves with its exit code and output instead of throwing on failure. */
async function run(
  command: string,
  args: readonly string[],
  cwd: string,
): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await execFileAsync(command, args, {
      cwd,
      maxBuffer: 64 * 1024 * 1024,
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code?: number; stdout?: string; stderr?: string };
    return { code: failed.code ?? 1, stdout: failed.stdout ?? '', stderr: failed.stderr ?? '' };
  }
}

/** The subpaths users import, e.g. `sms-webhooks/textlink`, from the `exports` map. */
const specifiers = Object.keys(pkg.exports)
  .filter((subpath) => typeof pkg.exports[subpath as keyof typeof pkg.exports] !== 'string')
  .map((subpath) => (subpath === '.' ? pkg.name : `${pkg.name}/${subpath.slice(2)}`));

const tsc = join(root, 'node_modules', 'typescript', 'bin', 'tsc');

const packed = { dir: '', tarball: '', files: [] as string[] };
const consumer = { dir: '' };

beforeAll(async () => {
  packed.dir = await mkdtemp(join(tmpdir(), 'sms-webhooks-pack-'));
  // dist/ is already built by the global setup; prepack would rebuild it under the running tests.
  const pack = await run(
    'npm',
    ['pack', '--json', '--ignore-scripts', '--pack-destination', packed.dir],
    root,
  );
  if (pack.code !== 0) throw new Error(`npm pack failed:\n${pack.stderr}`);
  const [info] = JSON.parse(pack.stdout) as [{ filename: string; files: { path: string }[] }];
  packed.tarball = join(packed.dir, info.filename);
  packed.files = info.files.map((file) => file.path).sort();
});

afterAll(async () => {
  if (packed.dir) await rm(packed.dir, { recursive: true, force: true });
});

describe('the packed tarball', () => {
  it('holds dist, fixtures, schemas, README and LICENSE, and nothing from src or the tests', () => {
    const outside = packed.files.filter(
      (path) =>
        !/^(dist|fixtures|schemas)\//.test(path) &&
        !['package.json', 'README.md', 'LICENSE'].includes(path),
    );
    expect(outside).toEqual([]);
    expect(packed.files.filter((path) => /\.test(-d)?\.|(^|\/)src\//.test(path))).toEqual([]);
    const required = [
      'package.json',
      'README.md',
      'LICENSE',
      'schemas/README.md',
      'fixtures/telmetrics/sms-conversation-start.json',
      ...Object.values(pkg.bin),
      ...Object.values(pkg.exports).flatMap((target) =>
        typeof target === 'string'
          ? []
          : [
              target.import.types,
              target.import.default,
              target.require.types,
              target.require.default,
            ],
      ),
    ].map((path) => path.replace(/^\.\//, ''));
    expect(required.filter((path) => !packed.files.includes(path))).toEqual([]);
    expect(packed.files.some((path) => /^schemas\/[a-z]+\/[a-z-]+\.json$/.test(path))).toBe(true);
  });

  it('passes publint in strict mode', async () => {
    const tarball = await readFile(packed.tarball);
    // Without pkgDir, publint reads the package.json inside the tarball.
    const { messages, pkg: packedPkg } = await publint({
      strict: true,
      pack: {
        tarball: tarball.buffer.slice(tarball.byteOffset, tarball.byteOffset + tarball.byteLength),
      },
    });
    expect(
      messages.map((message) => `${message.type}: ${formatMessage(message, packedPkg)}`),
    ).toEqual([]);
  });

  // The node16 profile checks node16 (CommonJS and ESM) and bundler resolution. It leaves out
  // `moduleResolution: node10`, which predates the `exports` map and cannot see subpaths.
  it('passes @arethetypeswrong/cli for every entry point (node16 CJS and ESM, bundler)', async () => {
    const attw = join(root, 'node_modules', '@arethetypeswrong', 'cli', 'dist', 'index.js');
    const result = await run(
      'node',
      [attw, packed.tarball, '--format', 'json', '--profile', 'node16'],
      root,
    );
    const report = JSON.parse(result.stdout) as {
      analysis: { entrypoints: Record<string, unknown> };
      problems?: Record<string, { entrypoint: string; kind: string; resolutionKind?: string }[]>;
    };
    expect(Object.keys(report.analysis.entrypoints).sort()).toEqual(
      Object.keys(pkg.exports).sort(),
    );
    const problems = Object.values(report.problems ?? {})
      .flat()
      .filter((problem) => problem.resolutionKind !== 'node10');
    expect({ problems, code: result.code }).toEqual({ problems: [], code: 0 });
  }, 60_000);
});

// One JavaScript body for the ESM and the CommonJS run; `mods` maps each specifier to its module.
// Each entry is what a user sees when they call that entry point.
const probes: Record<string, string> = {
  'sms-webhooks': `mods['sms-webhooks'].parseSmsWebhook(fixtures.telmetrics.smsConversationStart, { provider: 'telmetrics' }).map((event) => event.type)`,
  'sms-webhooks/telmetrics': `mods['sms-webhooks/telmetrics'].parseTelmetricsWebhook(JSON.stringify(fixtures.telmetrics.smsConversationStart)).Notifications[0].Action`,
  'sms-webhooks/textlink': `mods['sms-webhooks/textlink'].parseTextLinkWebhook(fixtures.textlink.received, { kind: 'received' }).text`,
  'sms-webhooks/textrequest': `mods['sms-webhooks/textrequest'].parseTextRequestWebhook(fixtures.textrequest.messageSent).conversation.messageDirection`,
  'sms-webhooks/fetch': `await (async () => {
    const seen = [];
    const handler = mods['sms-webhooks/fetch'].createFetchHandler({ provider: 'textrequest', secret: 'pack-test-key', onEvent: (event) => { seen.push(event.type); } });
    const request = await testing.createTextRequestRequest({ payload: fixtures.textrequest.messageReceived, apiKey: 'pack-test-key' });
    const response = await handler(request);
    return [response.status, ...seen];
  })()`,
  'sms-webhooks/node': `await (async () => {
    const seen = [];
    const handler = mods['sms-webhooks/node'].createNodeHandler({ provider: 'textrequest', secret: 'pack-test-key', onEvent: (event) => { seen.push(event.type); } });
    const server = http.createServer(handler);
    await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const request = await testing.createTextRequestRequest({ payload: fixtures.textrequest.messageReceived, apiKey: 'pack-test-key' });
      const response = await fetch('http://127.0.0.1:' + server.address().port + '/hooks/sms', { method: 'POST', headers: request.headers, body: await request.text() });
      return [response.status, ...seen];
    } finally {
      server.close();
    }
  })()`,
  'sms-webhooks/testing': `Object.keys(fixtures).sort()`,
  'sms-webhooks/stores/memory': `await (async () => {
    const store = mods['sms-webhooks/stores/memory'].memoryStore();
    const first = await store.claim('k', 'a', 1000);
    await store.complete('k', 1000);
    return [first.status, (await store.claim('k', 'b', 1000)).status];
  })()`,
  'sms-webhooks/stores/redis': `Object.keys(mods['sms-webhooks/stores/redis']).sort()`,
  'sms-webhooks/stores/postgres': `Object.keys(mods['sms-webhooks/stores/postgres']).sort()`,
};

function probeBody(resolved: string): string {
  return `
const testing = mods['sms-webhooks/testing'];
const fixtures = testing.fixtures;
const out = { resolved: ${resolved} };
${Object.entries(probes)
  .map(([specifier, expression]) => `out[${JSON.stringify(specifier)}] = ${expression};`)
  .join('\n')}
console.log(JSON.stringify(out));`;
}

const esmProgram = `import http from 'node:http';
${specifiers.map((specifier, index) => `import * as m${index} from ${JSON.stringify(specifier)};`).join('\n')}
const mods = { ${specifiers.map((specifier, index) => `${JSON.stringify(specifier)}: m${index}`).join(', ')} };
${probeBody(`import.meta.resolve('sms-webhooks')`)}`;

const cjsProgram = `const http = require('node:http');
const mods = { ${specifiers.map((specifier) => `${JSON.stringify(specifier)}: require(${JSON.stringify(specifier)})`).join(', ')} };
(async () => {
${probeBody(`require.resolve('sms-webhooks')`)}
})().catch((error) => { console.error(error); process.exitCode = 1; });`;

// Imports every entry point and uses its types the way an application would.
const typeScriptProgram = `import { parseSmsWebhook, type SmsEvent } from 'sms-webhooks';
import { createFetchHandler, type SmsWebhookFetchHandler } from 'sms-webhooks/fetch';
import { createNodeHandler, type SmsWebhookNodeHandler } from 'sms-webhooks/node';
import { parseTelmetricsWebhook, type TelmetricsParsedWebhook } from 'sms-webhooks/telmetrics';
import { fixtures, type SmsWebhookFixtures } from 'sms-webhooks/testing';
import { parseTextLinkWebhook, type TextLinkParsedPayloads } from 'sms-webhooks/textlink';
import { parseTextRequestWebhook, type TextRequestParsedWebhook } from 'sms-webhooks/textrequest';
import { memoryStore } from 'sms-webhooks/stores/memory';
import { type PostgresStoreClient, postgresStore } from 'sms-webhooks/stores/postgres';
import { type RedisStoreClient, redisStore } from 'sms-webhooks/stores/redis';

const samples: SmsWebhookFixtures = fixtures;
const events: SmsEvent[] = parseSmsWebhook(samples.telmetrics.smsConversationStart, {
  provider: 'telmetrics',
});
const firstType: SmsEvent['type'] | undefined = events[0]?.type;
const delivery: TelmetricsParsedWebhook = parseTelmetricsWebhook(
  samples.telmetrics.smsConversationStart,
);
const received: TextLinkParsedPayloads['received'] = parseTextLinkWebhook(samples.textlink.received, {
  kind: 'received',
});
// Read tolerantly, a descriptive field that did not fit is null, and the type says so.
const text: string | null = received.text;
const body: TextRequestParsedWebhook = parseTextRequestWebhook(samples.textrequest.messageSent);
const onFetch: SmsWebhookFetchHandler = createFetchHandler({
  provider: 'textlink',
  kind: 'received',
  onEvent: (event: SmsEvent) => {
    const type: SmsEvent['type'] = event.type;
    return void type;
  },
});
const onNode: SmsWebhookNodeHandler = createNodeHandler({ provider: 'textrequest', onEvent() {} });
const withStore: SmsWebhookNodeHandler = createNodeHandler({
  store: memoryStore(),
  timeoutMs: 5_000,
  onEvent: (_event, context) => void context.signal.aborted,
});
const stores = (redis: RedisStoreClient, postgres: PostgresStoreClient) => [
  redisStore(redis, { prefix: 'app:' }),
  postgresStore(postgres, { table: 'idempotency' }),
];
// @ts-expect-error a provider this version does not know is a type error
parseSmsWebhook({}, { provider: 'not-a-provider' });

export { body, delivery, firstType, onFetch, onNode, stores, text, withStore };
`;

function tsconfig(
  module: string,
  moduleResolution: string,
  include: string[],
  checkDeclarations: boolean,
): string {
  return JSON.stringify({
    compilerOptions: {
      target: 'ES2022',
      lib: ['ES2022', 'DOM'],
      module,
      moduleResolution,
      strict: true,
      exactOptionalPropertyTypes: true,
      noEmit: true,
      // One run checks the package's .d.ts and .d.cts files themselves (and @types/node beside
      // them, which is what makes it slow); the others only resolve and use them.
      skipLibCheck: !checkDeclarations,
      skipDefaultLibCheck: true,
      // Node's types come from this repository, as an application would install them.
      typeRoots: [join(root, 'node_modules', '@types')],
      types: ['node'],
    },
    include,
  });
}

describe('installed from the tarball', () => {
  beforeAll(async () => {
    consumer.dir = join(packed.dir, 'consumer');
    await mkdir(consumer.dir);
    await writeFile(
      join(consumer.dir, 'package.json'),
      JSON.stringify({
        name: 'sms-webhooks-consumer',
        private: true,
        dependencies: { [pkg.name]: `file:${packed.tarball}` },
      }),
    );
    const install = await run(
      'npm',
      ['install', '--prefer-offline', '--no-audit', '--no-fund', '--no-package-lock'],
      consumer.dir,
    );
    if (install.code !== 0) throw new Error(`npm install failed:\n${install.stderr}`);
    await writeFile(join(consumer.dir, 'esm.mts'), typeScriptProgram);
    await writeFile(join(consumer.dir, 'cjs.cts'), typeScriptProgram);
    await writeFile(join(consumer.dir, 'bundler.ts'), typeScriptProgram);
    await writeFile(
      join(consumer.dir, 'tsconfig.node16.json'),
      tsconfig('node16', 'node16', ['esm.mts', 'cjs.cts'], false),
    );
    await writeFile(
      join(consumer.dir, 'tsconfig.nodenext.json'),
      tsconfig('nodenext', 'nodenext', ['esm.mts', 'cjs.cts'], true),
    );
    await writeFile(
      join(consumer.dir, 'tsconfig.bundler.json'),
      tsconfig('esnext', 'bundler', ['bundler.ts'], false),
    );
  });

  const expected = {
    'sms-webhooks': ['conversation.started'],
    'sms-webhooks/telmetrics': telmetricsDelivery.Notifications[0]?.Action,
    'sms-webhooks/textlink': textLinkReceived.text,
    'sms-webhooks/textrequest': 'S',
    'sms-webhooks/fetch': [200, 'message.received'],
    'sms-webhooks/node': [200, 'message.received'],
    'sms-webhooks/testing': ['telmetrics', 'textlink', 'textrequest'],
    'sms-webhooks/stores/memory': ['claimed', 'done'],
    'sms-webhooks/stores/redis': ['redisStore'],
    'sms-webhooks/stores/postgres': [
      'createPostgresStoreTable',
      'postgresStore',
      'postgresStoreTableSql',
    ],
  };

  it('has a check for every subpath of the exports map', () => {
    expect(Object.keys(probes).sort()).toEqual([...specifiers].sort());
    expect(Object.keys(expected).sort()).toEqual([...specifiers].sort());
  });

  it('works from ESM: node --input-type=module imports every subpath', async () => {
    const result = await run('node', ['--input-type=module', '-e', esmProgram], consumer.dir);
    expect(result.stderr).toBe('');
    expect(JSON.parse(result.stdout)).toEqual({
      resolved: expect.stringMatching(/\/node_modules\/sms-webhooks\/dist\/index\.js$/),
      ...expected,
    });
  });

  it('works from CommonJS: require() of every subpath', async () => {
    const result = await run('node', ['-e', cjsProgram], consumer.dir);
    expect(result.stderr).toBe('');
    expect(JSON.parse(result.stdout)).toEqual({
      resolved: expect.stringMatching(/\/node_modules\/sms-webhooks\/dist\/index\.cjs$/),
      ...expected,
    });
  });

  it('exports the JSON Schemas and fixtures: ESM imports them with type json, CommonJS requires them', async () => {
    const esm = `import schema from 'sms-webhooks/schemas/textrequest/message.json' with { type: 'json' };
import sample from 'sms-webhooks/fixtures/textlink/received.json' with { type: 'json' };
console.log(JSON.stringify([schema.$schema, Object.keys(schema.properties ?? {}).length > 0, sample.text]));`;
    const cjs = `const schema = require('sms-webhooks/schemas/telmetrics/webhook.json');
const sample = require('sms-webhooks/fixtures/textrequest/message-sent.json');
console.log(JSON.stringify([schema.$schema, sample.conversation.messageDirection]));`;
    const fromEsm = await run('node', ['--input-type=module', '-e', esm], consumer.dir);
    const fromCjs = await run('node', ['-e', cjs], consumer.dir);
    expect([fromEsm.stderr, fromCjs.stderr]).toEqual(['', '']);
    const draft = 'https://json-schema.org/draft/2020-12/schema';
    expect(JSON.parse(fromEsm.stdout)).toEqual([draft, true, textLinkReceived.text]);
    expect(JSON.parse(fromCjs.stdout)).toEqual([draft, 'S']);
  });

  it.each(['node16', 'nodenext', 'bundler'])(
    'type-checks with TypeScript, module resolution %s',
    async (mode) => {
      const result = await run('node', [tsc, '-p', `tsconfig.${mode}.json`], consumer.dir);
      expect({ code: result.code, errors: result.stdout.trim() }).toEqual({ code: 0, errors: '' });
    },
    120_000,
  );
});

// `npm pack` on a fresh clone (no dist/) must build before packing: the repository's tracked
// files copied without dist/, packed as npm would with its lifecycle scripts.
describe('npm pack on a clean checkout', () => {
  it('runs prepack, so the tarball lists dist/ and every entry point', async () => {
    const clean = await mkdtemp(join(tmpdir(), 'sms-webhooks-clean-'));
    try {
      const tracked = await run('git', ['ls-files', '-z'], root);
      for (const path of tracked.stdout.split('\0').filter((file) => file !== '')) {
        if (path.startsWith('dist/')) continue;
        await mkdir(dirname(join(clean, path)), { recursive: true });
        await copyFile(join(root, path), join(clean, path)).catch(() => {});
      }
      await symlink(join(root, 'node_modules'), join(clean, 'node_modules'));
      const pack = await run('npm', ['pack', '--dry-run', '--json'], clean);
      expect(pack.code, pack.stderr).toBe(0);
      // The build prints to the same output before npm's JSON report.
      const report = pack.stdout.slice(pack.stdout.search(/^\[$/m));
      const [info] = JSON.parse(report) as [{ files: { path: string }[] }];
      const files = info.files.map((file) => file.path);
      const entries = Object.values(pkg.exports).flatMap((target) =>
        typeof target === 'string' ? [] : [target.import.default, target.require.default],
      );
      expect(entries.map((path) => path.slice(2)).filter((path) => !files.includes(path))).toEqual(
        [],
      );
    } finally {
      await rm(clean, { recursive: true, force: true });
    }
  }, 180_000);
});

// Adds a provider the way a contributor does, to a copy of the repository: the folder acme/ next
// to this file becomes src/providers/acme/, src/providers/list.ts gets one line, and
// `npm run entries` regenerates what is derived. Everything else must then work without a change:
// types, parsing, detection, verification, both handlers, the testing kit and the CLI.
import { execFile } from 'node:child_process';
import {
  cpSync,
  existsSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type * as Fetch from '../../src/adapters/fetch/index.js';
import type * as Node from '../../src/adapters/node/index.js';
import type * as Library from '../../src/index.js';
import type * as Testing from '../../src/testing/index.js';

const run = promisify(execFile);
const repo = fileURLToPath(new URL('../..', import.meta.url));
const registryLine = "export { acmeProvider } from './acme/index.js';\n";
const copied = [
  'src',
  'test',
  'fixtures',
  'scripts',
  'package.json',
  'tsconfig.json',
  'tsup.config.ts',
  'entry-points.json',
  'size-budgets.json',
  'typedoc.json',
];

// The copy's modules are typed as the repository's: 'acme' is a provider id only in the copy, whose
// own types the tsc run below checks.
interface CopyModules {
  readonly library: typeof Library;
  readonly fetch: typeof Fetch;
  readonly node: typeof Node;
  readonly testing: typeof Testing;
}

type AnyProvider = Parameters<typeof Library.parseSmsWebhook>[1] & { provider?: string };

let copy = '';
let modules: CopyModules;
let entriesCheckBefore: { code: number; stderr: string };

function files(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    if (entry.name === 'node_modules') return [];
    const path = join(dir, entry.name);
    return entry.isDirectory() ? files(path) : [path];
  });
}

async function entries(args: readonly string[]): Promise<{ code: number; stderr: string }> {
  try {
    const { stderr } = await run(process.execPath, [
      join(copy, 'scripts/entry-points.mjs'),
      ...args,
      '--root',
      copy,
    ]);
    return { code: 0, stderr };
  } catch (error) {
    const failure = error as { code?: number; stderr?: string };
    return { code: failure.code ?? 1, stderr: failure.stderr ?? '' };
  }
}

async function load<T>(path: string): Promise<T> {
  return (await import(pathToFileURL(join(copy, path)).href)) as T;
}

beforeAll(async () => {
  copy = mkdtempSync(join(tmpdir(), 'sms-webhooks-new-provider-'));
  for (const path of copied) cpSync(join(repo, path), join(copy, path), { recursive: true });
  symlinkSync(join(repo, 'node_modules'), join(copy, 'node_modules'), 'dir');

  // The whole registration: the folder and one line.
  cpSync(join(repo, 'test/new-provider/acme'), join(copy, 'src/providers/acme'), {
    recursive: true,
  });
  const list = join(copy, 'src/providers/list.ts');
  writeFileSync(list, readFileSync(list, 'utf8') + registryLine);

  entriesCheckBefore = await entries(['--check']);
  const written = await entries(['--write']);
  if (written.code !== 0) throw new Error(`npm run entries failed: ${written.stderr}`);

  modules = {
    library: await load('src/index.ts'),
    fetch: await load('src/adapters/fetch/index.ts'),
    node: await load('src/adapters/node/index.ts'),
    testing: await load('src/testing/index.ts'),
  };
});

afterAll(() => {
  if (copy) rmSync(copy, { recursive: true, force: true });
});

describe('a provider added as one folder and one registry line', () => {
  test('changes nothing else by hand: the other differences are generated', async () => {
    expect(entriesCheckBefore.code).toBe(1);
    const changed = files(copy)
      .map((path) => relative(copy, path))
      .filter((path) => {
        const original = join(repo, path);
        return (
          !existsSync(original) ||
          readFileSync(original, 'utf8') !== readFileSync(join(copy, path), 'utf8')
        );
      })
      .sort();
    const folder = files(join(repo, 'test/new-provider/acme')).map(
      (path) => `src/providers/acme/${relative(join(repo, 'test/new-provider/acme'), path)}`,
    );
    const generated = [
      'package.json',
      'size-budgets.json',
      'src/generated/provider-list.ts',
      'src/generated/provider-testing.ts',
      'typedoc.json',
    ];
    expect(changed).toEqual([...folder, ...generated, 'src/providers/list.ts'].sort());
    for (const path of generated) expect(entriesCheckBefore.stderr).toContain(path);
    expect((await entries(['--check'])).code).toBe(0);
  });

  test('is shipped: an export, a tsup entry, a TypeDoc entry point and a size budget', async () => {
    const pkg = JSON.parse(readFileSync(join(copy, 'package.json'), 'utf8'));
    expect(pkg.exports['./acme']).toEqual({
      import: { types: './dist/acme.d.ts', default: './dist/acme.js' },
      require: { types: './dist/acme.d.cts', default: './dist/acme.cjs' },
    });
    const typedoc = JSON.parse(readFileSync(join(copy, 'typedoc.json'), 'utf8'));
    expect(typedoc.entryPoints).toContain('src/providers/acme/index.ts');
    const sizes = JSON.parse(readFileSync(join(copy, 'size-budgets.json'), 'utf8'));
    expect(sizes.budgets['sms-webhooks/acme']).toBeGreaterThan(0);
    const script = await import(pathToFileURL(join(copy, 'scripts/entry-points.mjs')).href);
    expect(script.libraryEntries(copy).acme).toBe('src/providers/acme/index.ts');
  });

  test('type-checks, with ProviderId, SmsEvent and the kit options derived (tsc on the copy)', async () => {
    const tsc = join(repo, 'node_modules/typescript/bin/tsc');
    const result = await run(process.execPath, [tsc, '--noEmit', '-p', copy]).then(
      () => ({ code: 0, stdout: '' }),
      (error: { code?: number; stdout?: string }) => ({ code: error.code, stdout: error.stdout }),
    );
    expect(result.stdout).toBe('');
    expect(result.code).toBe(0);
  }, 180_000);

  test('is registered, detected and parsed, and the others still are', () => {
    const { library, testing } = modules;
    expect(library.providers.map((provider) => provider.id)).toEqual([
      'acme',
      'telmetrics',
      'textlink',
      'textrequest',
    ]);
    const payload = (testing.fixtures as unknown as Record<string, Record<string, unknown>>).acme
      ?.inbound;
    expect(library.detectProvider(payload)).toBe('acme');
    const [event] = library.parseSmsWebhook(payload);
    expect(event).toMatchObject({
      type: 'message.received',
      provider: 'acme',
      idempotencyKey: 'acme:msg_01',
      occurredAt: '2026-01-02T03:04:05.678Z',
      from: '+14165550123',
      intent: 'opt_out',
    });
    for (const fixture of testing.fixtureList.filter((entry) => !entry.name.startsWith('acme/'))) {
      expect(library.detectProvider(fixture.payload), fixture.name).toBe(fixture.provider);
    }
    const result = library.safeParseSmsWebhook({ event: 'message.inbound', id: 7 }, {
      provider: 'acme',
    } as AnyProvider);
    expect(result.success).toBe(false);
    if (!result.success) {
      expect(result.error.provider).toBe('acme');
      expect(result.error.issues.map((issue) => issue.path)).toContain('id');
    }
  });

  test('is verified by its own scheme', async () => {
    const { library, testing } = modules;
    const acme = library.getProvider('acme');
    if (!acme) throw new Error('acme is not registered');
    const request = (secret: string) => ({
      method: 'POST',
      url: 'http://localhost/',
      headers: new Headers({ 'x-acme-token': secret }),
      rawBody: null,
      body: testing.fixtureList.find((fixture) => fixture.name === 'acme/inbound')?.payload,
    });
    expect(await acme.verify(request('acme-token'), ['acme-token'])).toEqual({ ok: true });
    expect(await acme.verify(request('forged'), ['acme-token'])).toMatchObject({
      ok: false,
      reason: 'secret_mismatch',
    });
    expect(acme.verificationSchemes).toEqual(['token-header']);
  });

  test('is served by the fetch handler, with the request the testing kit signs', async () => {
    const { fetch, testing } = modules;
    const received: unknown[] = [];
    const handle = fetch.createFetchHandler({
      secret: 'acme-token',
      onEvent: (event) => {
        received.push(event);
      },
    });
    const createRequest = testing.createWebhookRequest as (
      provider: string,
      options: { payload: object; secret: string },
    ) => Promise<Request>;
    const kit = testing.getTestingKit('acme');
    if (!kit) throw new Error('acme has no testing definition');
    const payload = (kit.createPayload as (kind: string) => object)('inbound');
    const ok = await handle(await createRequest('acme', { payload, secret: 'acme-token' }));
    expect(ok.status).toBe(200);
    const forged = await handle(await createRequest('acme', { payload, secret: 'forged' }));
    expect(forged.status).toBe(401);
    expect(received).toMatchObject([{ type: 'message.received', provider: 'acme' }]);
  });

  describe('over HTTP', () => {
    let server: Server;
    let url = '';
    const received: { type: string; provider: string }[] = [];
    let cli = '';

    beforeAll(async () => {
      server = createServer(
        modules.node.createNodeHandler({
          provider: 'acme' as never,
          secret: 'acme-token',
          onEvent: (event) => {
            received.push(event);
          },
        }),
      );
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks/acme`;
      cli = join(copy, 'cli.mjs');
      await build({
        entryPoints: [join(copy, 'src/cli/index.ts')],
        bundle: true,
        platform: 'node',
        format: 'esm',
        target: 'node20',
        outfile: cli,
        logLevel: 'silent',
      });
    });

    afterAll(async () => {
      await new Promise((resolve) => server?.close(resolve));
    });

    async function runCli(args: readonly string[]) {
      return run(process.execPath, [cli, ...args], {
        env: { ...process.env, NO_COLOR: '1', SMS_WEBHOOKS_SECRET: '' },
      }).then(
        ({ stdout, stderr }) => ({ code: 0, stdout, stderr }),
        (error: { code?: number; stdout?: string; stderr?: string }) => ({
          code: error.code ?? 1,
          stdout: error.stdout ?? '',
          stderr: error.stderr ?? '',
        }),
      );
    }

    test('is listed by the CLI, with its fixture and the events it parses to', async () => {
      const listed = await runCli(['fixtures', '--json']);
      expect(listed.code).toBe(0);
      expect(JSON.parse(listed.stdout)).toContainEqual({
        name: 'acme/inbound',
        provider: 'acme',
        kind: null,
        events: ['message.received'],
      });
      const help = await runCli(['send', '--help']);
      expect(help.stdout).toContain('acme: inbound');
    });

    test('is sent by the CLI, signed its way, to the node handler, which verifies it', async () => {
      const sent = await runCli(['send', 'acme', '--url', url, '--secret', 'acme-token']);
      expect(sent.stderr).toContain('as acme, x-acme-token');
      expect(sent.stdout).toMatch(/^200 /);
      expect(sent.code).toBe(0);
      const forged = await runCli(['send', 'acme/inbound', '--url', url, '--secret', 'forged']);
      expect(forged.stdout).toMatch(/^401 /);
      expect(forged.code).toBe(1);
      expect(received).toEqual([
        expect.objectContaining({ type: 'message.received', provider: 'acme' }),
      ]);
    });
  });
});

// Every TypeScript block of README.md, as a user would paste it into a project that installed the
// package: type-checked under strict settings with moduleResolution node16 and bundler against
// the built package, then run with Node. The names a block leaves to the reader (`queue`, `body`,
// `test`, …) are declared below and given real values by the prelude each run loads first.
import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, readdir, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { transform } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type PostgresServer, startPostgresServer } from '../support/postgres-server.js';
import { readmeSnippets } from '../support/readme.js';
import { type RedisServer, startRedisServer } from '../support/redis-server.js';
import { startTextRequestApi, type TextRequestApi } from '../support/textrequest-api.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
const execFileAsync = promisify(execFile);

const snippets = readmeSnippets();
let dir = '';

let textRequestApi: TextRequestApi | undefined;
// The stores' blocks connect to real servers, as a reader's app would.
let redis: RedisServer | undefined;
let postgres: PostgresServer | undefined;

async function run(command: string, args: readonly string[]) {
  try {
    const env = {
      ...process.env,
      README_TEXT_REQUEST_API: textRequestApi?.baseUrl ?? '',
      REDIS_URL: redis?.url ?? '',
      DATABASE_URL: postgres?.url ?? '',
    };
    const { stdout, stderr } = await execFileAsync(command, args, {
      cwd: dir,
      env,
      timeout: 60_000,
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code?: number; stdout?: string; stderr?: string };
    return { code: failed.code ?? 1, stdout: failed.stdout ?? '', stderr: failed.stderr ?? '' };
  }
}

function tsconfig(module: string, moduleResolution: string): string {
  return JSON.stringify({
    compilerOptions: {
      target: 'ES2022',
      lib: ['ES2022', 'DOM', 'DOM.Iterable'],
      module,
      moduleResolution,
      strict: true,
      exactOptionalPropertyTypes: true,
      noUncheckedIndexedAccess: true,
      noEmit: true,
      resolveJsonModule: true,
      skipLibCheck: true,
      types: ['node'],
    },
    include: ['*.ts', 'app/**/*.ts'],
  });
}

/** The names the blocks leave to the reader, as a project would have them. */
const globals = `import type { SmsEvent } from 'sms-webhooks';

declare global {
  /** Your job queue. */
  const queue: { add(event: SmsEvent): Promise<void>; addBulk(events: SmsEvent[]): Promise<void> };
  /** Services of your own, called with whatever the block passes. */
  const crm: any;
  const alerts: any;
  /** A queued job carrying a webhook body. */
  const job: { body: unknown; attempt: number };
  /** An app of your own that takes route handlers. */
  const app: { post(path: string, handler: (req: any, reply: any) => unknown): void };
  function saveInbound(from: string | null, text: string | null): Promise<void>;
  function unsubscribe(phoneNumber: string | null): Promise<void>;
  /** A body you already have, parsed or raw. */
  const body: unknown;
  const rawBody: string;
  const headers: Headers;
  const received: string;
  const current: string;
  const previous: string;
  function test(name: string, run: () => Promise<void>): void;
  function expect(value: unknown): { toBe(expected: unknown): void };
}
`;

/** Real values for those names: fixtures from the package, a queue that keeps what it gets. */
const prelude = `import { createHmac } from 'node:crypto';
import { readFileSync } from 'node:fs';

const fixture = (name) =>
  readFileSync(new URL(\`./node_modules/sms-webhooks/fixtures/\${name}.json\`, import.meta.url), 'utf8');
const key = 'readme-api-key';
const timestamp = String(Math.floor(Date.now() / 1000));
process.env.TEXT_REQUEST_API_KEY = key;

// Text Request's API is the local stand-in of its published contract: nothing leaves the machine.
const realFetch = globalThis.fetch;
const api = 'https://api.textrequest.com/api/v3';
globalThis.fetch = (input, init) => {
  const url = String(input instanceof Request ? input.url : input);
  if (!url.startsWith('https://api.textrequest.com/')) return realFetch(input, init);
  if (!url.startsWith(api)) throw new Error(\`unexpected Text Request URL \${url}\`);
  return realFetch(process.env.README_TEXT_REQUEST_API + url.slice(api.length), init);
};

globalThis.queue = {
  events: [],
  async add(event) { this.events.push(event); },
  async addBulk(events) { this.events.push(...events); },
};
const service = () => new Proxy({}, { get: () => async () => {} });
globalThis.crm = service();
globalThis.alerts = service();
globalThis.job = { body: JSON.parse(fixture('textlink/failed')), attempt: 1 };
globalThis.app = { post() {} };
globalThis.saveInbound = async () => {};
globalThis.unsubscribe = async () => {};
globalThis.body = JSON.parse(fixture('textlink/received'));
globalThis.rawBody = fixture('textrequest/message-received');
globalThis.headers = new Headers({
  'x-tr-webhook-timestamp': timestamp,
  'x-tr-webhook-signature': createHmac('sha256', key).update(\`\${timestamp}.\${globalThis.rawBody}\`).digest('base64'),
});
globalThis.received = 'secret-b';
globalThis.current = 'secret-a';
globalThis.previous = 'secret-b';
globalThis.test = (name, run) => {
  run().catch((error) => {
    console.error(\`test "\${name}" failed:\`, error);
    process.exitCode = 1;
  });
};
globalThis.expect = (value) => ({
  toBe(expected) {
    if (!Object.is(value, expected)) throw new Error(\`expected \${expected}, got \${value}\`);
  },
});
`;

/** The route file the testing block imports, as its comment describes it. */
const testedRoute = `import { createFetchHandler } from 'sms-webhooks/fetch';

export const POST = createFetchHandler({
  provider: 'textrequest',
  secret: 'test-api-key',
  onEvent() {},
});
`;

beforeAll(async () => {
  [redis, postgres] = await Promise.all([startRedisServer(), startPostgresServer()]);
  textRequestApi = await startTextRequestApi({
    apiKey: 'readme-api-key',
    dashboards: {
      121: [
        {
          targetUrl: 'https://old.example/hooks/textrequest',
          event: 'msg_sent',
          httpVerb: 'POST',
          isUserDefined: false,
        },
      ],
    },
  });
  dir = await mkdtemp(join(tmpdir(), 'sms-webhooks-readme-'));
  // The project's dependencies as installed, and the package itself by its name (dist/ via exports).
  await mkdir(join(dir, 'node_modules'));
  for (const name of await readdir(join(root, 'node_modules'))) {
    if (name.startsWith('.')) continue;
    await symlink(join(root, 'node_modules', name), join(dir, 'node_modules', name));
  }
  await symlink(root, join(dir, 'node_modules', 'sms-webhooks'));
  await writeFile(join(dir, 'package.json'), '{ "private": true, "type": "module" }');
  // node20 is the first `module` setting of TypeScript's Node modes that takes import attributes
  // (`with { type: 'json' }`), which Node requires for JSON; it resolves exactly as node16 does.
  await writeFile(join(dir, 'tsconfig.node16.json'), tsconfig('node20', 'node16'));
  await writeFile(join(dir, 'tsconfig.bundler.json'), tsconfig('esnext', 'bundler'));
  await writeFile(join(dir, 'readme-globals.d.ts'), globals);
  await writeFile(join(dir, 'readme-prelude.mjs'), prelude);
  await mkdir(join(dir, 'app', 'api', 'sms'), { recursive: true });
  await writeFile(join(dir, 'app', 'api', 'sms', 'route.ts'), testedRoute);
  const compiled = await transform(testedRoute, { loader: 'ts', format: 'esm' });
  await writeFile(join(dir, 'app', 'api', 'sms', 'route.js'), compiled.code);
  for (const snippet of snippets) {
    // `export {}` keeps each block a module of its own, as a file of its own would be.
    const source = `${snippet.code}\nexport {};\n`;
    await writeFile(join(dir, `${snippet.file}.ts`), source);
    const js = await transform(source, { loader: 'ts', format: 'esm', target: 'es2022' });
    await writeFile(join(dir, `${snippet.file}.js`), js.code);
  }
}, 120_000);

afterAll(async () => {
  await textRequestApi?.close();
  await Promise.all([redis?.stop(), postgres?.stop()]);
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe('README.md TypeScript blocks', () => {
  it('has the blocks this test expects to find', () => {
    expect(snippets.length).toBeGreaterThanOrEqual(15);
  });

  it.each(['node16', 'bundler'])(
    'type-check under strict settings with moduleResolution %s',
    async (mode) => {
      const tsc = join(root, 'node_modules', 'typescript', 'bin', 'tsc');
      const result = await run(process.execPath, [tsc, '-p', `tsconfig.${mode}.json`]);
      // Name each error by the README line it comes from.
      const errors = result.stdout.replace(
        /snippet-(\d+)\.ts\((\d+),(\d+)\)/g,
        (_, fence: string, line: string) => `README.md:${Number(fence) + Number(line)}`,
      );
      expect({ code: result.code, errors: errors.trim() }).toEqual({ code: 0, errors: '' });
    },
    120_000,
  );

  it.each(snippets.map((snippet) => [snippet.line, snippet] as const))(
    'the block at line %i runs with Node',
    async (_, snippet) => {
      // A block that opens a store client keeps its connection open, as a server would: it has
      // passed once its module has run against the real server, so the process ends there.
      const holdsConnection = /sms-webhooks\/stores\/(redis|postgres)/.test(snippet.code);
      const result = await run(process.execPath, [
        '--import',
        './readme-prelude.mjs',
        ...(holdsConnection
          ? ['--input-type=module', '-e', `await import('./${snippet.file}.js'); process.exit(0);`]
          : [`${snippet.file}.js`]),
      ]);
      expect({ code: result.code, stderr: result.stderr }).toEqual({ code: 0, stderr: '' });
      if (snippet.code.includes('createTextRequestClient(')) {
        // The block registered its hook and removed the old one on the stand-in's dashboard.
        expect(textRequestApi?.hooks(121).map((hook) => [hook.event, hook.targetUrl])).toEqual([
          ['msg_received', 'https://example.com/hooks/textrequest'],
        ]);
      }
      if (snippet.code.includes("kind: 'tag_changed',\n  secret: 'tl-webhook-secret'")) {
        // What the README says the TextLink tag-change block prints.
        expect(result.stdout).toBe('401 unauthorized\ncontact.tag_changed\n');
      }
    },
    60_000,
  );
});

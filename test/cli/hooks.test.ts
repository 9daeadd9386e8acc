import { afterEach, describe, expect, test } from 'vitest';
import { loopbackWarning } from '../../src/cli/commands/hooks.js';
import { freePort } from '../support/process.js';
import { startTextRequestApi, type TextRequestApi } from '../support/textrequest-api.js';
import { type CliResult, type ListenProcess, runCli, startListen } from './run-cli.js';

const API_KEY = '7D3C0A9E51B24F6C8E0D1A2B3C4D5E6F';

const apis: TextRequestApi[] = [];
const listeners: ListenProcess[] = [];

afterEach(async () => {
  await Promise.all(listeners.splice(0).map((listen) => listen.stop('SIGKILL')));
  await Promise.all(apis.splice(0).map((api) => api.close()));
});

async function api(): Promise<TextRequestApi> {
  const started = await startTextRequestApi({
    apiKey: API_KEY,
    dashboards: {
      121: [
        {
          event: 'msg_received',
          targetUrl: 'https://crm.example/in',
          httpVerb: 'POST',
          isUserDefined: true,
        },
        {
          event: 'msg_sent',
          targetUrl: 'https://crm.example/out',
          httpVerb: 'PUT',
          isUserDefined: false,
        },
      ],
      122: [],
    },
  });
  apis.push(started);
  return started;
}

/** Runs `sms-webhooks hooks …args` against the stand-in, the key in the environment. */
function hooks(
  server: TextRequestApi,
  args: readonly string[],
  env: Readonly<Record<string, string>> = { TEXT_REQUEST_API_KEY: API_KEY },
): Promise<CliResult> {
  return runCli(['hooks', ...args, '--base-url', server.baseUrl], { env });
}

function expectNoKey(result: CliResult, key = API_KEY): void {
  expect(result.stdout).not.toContain(key);
  expect(result.stderr).not.toContain(key);
}

describe('sms-webhooks hooks, against a local server implementing the v3 contract', () => {
  test('is listed by --help and documents its subcommands, key and exit codes', async () => {
    const main = await runCli(['--help']);
    expect(main.stdout).toMatch(/^ {2}hooks\s+List, add and delete Text Request web hooks/m);
    const { code, stdout } = await runCli(['hooks', '--help']);
    expect(code).toBe(0);
    expect(stdout).toMatch(/^Usage: sms-webhooks hooks <list \| add \| delete \| event-types>/);
    for (const text of [
      'TEXT_REQUEST_API_KEY',
      '--api-key <key>',
      '--base-url <url>',
      '--dashboard <id>',
      'sms-webhooks listen',
      '-h, --help',
    ]) {
      expect(stdout).toContain(text);
    }
    expect(stdout).toMatch(/Exit codes:\n\s+0 [^\n]+\n\s+1 [^\n]+\n\s+2 +usage error/);
    expect((await runCli(['hooks', 'add', '--help'])).stdout).toBe(stdout);
  });

  test('list prints every hook of the dashboard, all pages, with the key from the environment', async () => {
    const server = await api();
    const result = await hooks(server, ['list', '--dashboard', '121']);
    expect(result).toEqual({
      code: 0,
      stdout:
        'ID    EVENT         VERB  SOURCE  URL\n' +
        '1414  msg_received  POST  app     https://crm.example/in\n' +
        '1415  msg_sent      PUT   api     https://crm.example/out\n',
      stderr: '',
    });
    expect(server.requests.map((request) => request.apiKey)).toEqual([API_KEY]);

    const json = await hooks(server, ['list', '--dashboard', '121', '--json']);
    expect(JSON.parse(json.stdout)).toEqual([
      {
        id: 1414,
        dashboardId: 121,
        event: 'msg_received',
        targetUrl: 'https://crm.example/in',
        httpVerb: 'POST',
        isUserDefined: true,
      },
      {
        id: 1415,
        dashboardId: 121,
        event: 'msg_sent',
        targetUrl: 'https://crm.example/out',
        httpVerb: 'PUT',
        isUserDefined: false,
      },
    ]);
    const empty = await hooks(server, ['list', '--dashboard', '122']);
    expect(empty.stdout).toBe('No hooks on dashboard 122.\n');
  });

  test('add points a hook at the URL that listen prints; a second add is a 409', async () => {
    const server = await api();
    const receiver = await startListen(['--port', '0']);
    listeners.push(receiver);

    const added = await hooks(server, [
      'add',
      receiver.url,
      '--dashboard',
      '122',
      '--event',
      'msg_received',
    ]);
    expect(added).toEqual({
      code: 0,
      stdout: `Added hook 1416: msg_received → ${receiver.url} (POST) on dashboard 122.\n`,
      stderr: '',
    });
    expect(server.hooks(122)).toMatchObject([
      { id: 1416, event: 'msg_received', targetUrl: receiver.url, httpVerb: 'POST' },
    ]);
    expect(JSON.parse(server.requests[0]?.body ?? '')).toEqual({
      target_url: receiver.url,
      event: 'msg_received',
      http_verb: 'POST',
    });

    const again = await hooks(server, [
      'add',
      receiver.url,
      '--dashboard',
      '122',
      '--event',
      'msg_received',
    ]);
    expect(again.code).toBe(1);
    expect(again.stdout).toBe('');
    expect(again.stderr).toBe(
      'sms-webhooks hooks: Text Request API: POST /dashboards/122/hooks answered 409: A webhook for this event and url already exists (that event already calls that URL; "sms-webhooks hooks list --dashboard 122" shows it).\n',
    );

    const put = await hooks(server, [
      'add',
      `${receiver.url}sent`,
      '--dashboard',
      '122',
      '--event',
      'msg_sent',
      '--http-verb',
      'put',
      '--json',
    ]);
    expect(JSON.parse(put.stdout)).toMatchObject({ id: 1417, event: 'msg_sent', httpVerb: 'PUT' });
  });

  test('delete removes a hook; deleting it again says how to find the right id', async () => {
    const server = await api();
    const deleted = await hooks(server, ['delete', '1415', '--dashboard', '121']);
    expect(deleted).toEqual({
      code: 0,
      stdout: 'Deleted hook 1415 from dashboard 121.\n',
      stderr: '',
    });
    expect(server.hooks(121).map((hook) => hook.id)).toEqual([1414]);

    const again = await hooks(server, ['delete', '1415', '--dashboard', '121']);
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('DELETE /dashboards/121/hooks/1415 answered 404 (check');
    expect(again.stderr).toContain(
      'check the dashboard id and the hook id ("sms-webhooks hooks list --dashboard 121")',
    );

    const unknown = await hooks(server, ['list', '--dashboard', '999']);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toBe(
      'sms-webhooks hooks: Text Request API: GET /dashboards/999/hooks?page=0 answered 404 (check the dashboard id).\n',
    );
  });

  test('event-types prints the events the API offers', async () => {
    const server = await api();
    const result = await hooks(server, ['event-types']);
    expect(result.code).toBe(0);
    expect(result.stdout.trimEnd().split('\n')).toEqual([
      'msg_sent',
      'msg_received',
      'contact_created',
      'msg_status_updated',
      'location_received',
      'payment_status_updated',
      'contact_updated',
    ]);
  });

  test('--api-key works too and wins over the environment; a wrong key is a 401 that never shows it', async () => {
    const server = await api();
    const wrongKey = 'WRONG0000000000000000000000000AB';
    const withOption = await hooks(server, ['list', '--dashboard', '121', '--api-key', API_KEY], {
      TEXT_REQUEST_API_KEY: wrongKey,
    });
    expect(withOption.code).toBe(0);
    expectNoKey(withOption);

    const wrong = await hooks(server, ['list', '--dashboard', '121', '--api-key', wrongKey]);
    expect(wrong.code).toBe(1);
    expect(wrong.stderr).toBe(
      'sms-webhooks hooks: Text Request API: GET /dashboards/121/hooks?page=0 answered 401: The API key is not valid (check the API key given with --api-key or TEXT_REQUEST_API_KEY).\n',
    );
    expectNoKey(wrong, wrongKey);
  });

  test('an API that cannot be reached exits 1 naming it', async () => {
    const port = await freePort();
    const result = await runCli(
      ['hooks', 'event-types', '--base-url', `http://127.0.0.1:${port}/api/v3`],
      { env: { TEXT_REQUEST_API_KEY: API_KEY } },
    );
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`could not reach http://127.0.0.1:${port} (after 3 attempts)`);
    expect(result.stderr).toContain('check --base-url and your connection');
    expectNoKey(result);
  });
});

describe('sms-webhooks hooks usage errors exit 2 naming the fix', () => {
  test.each([
    [['hooks'], 'hooks needs a subcommand: list, add, delete, event-types.'],
    [['hooks', 'remove'], 'Unknown hooks subcommand "remove"; use list, add, delete, event-types.'],
    [['hooks', 'list'], '--dashboard is required: the id of the dashboard, e.g. 121.'],
    [['hooks', 'list', '--dashboard', 'main'], '--dashboard must be a whole number, e.g. 121.'],
    [['hooks', 'list', '--dashboard', '121', 'extra'], 'hooks list takes no arguments.'],
    [
      ['hooks', 'list', '--dashboard', '121', '--event', 'msg_sent'],
      '--event applies only to hooks add.',
    ],
    [
      ['hooks', 'event-types', '--dashboard', '121'],
      '--dashboard applies only to hooks list, add and delete.',
    ],
    [
      ['hooks', 'add', '--dashboard', '121', '--event', 'msg_sent'],
      'hooks add needs the URL to call',
    ],
    [
      ['hooks', 'add', 'localhost:4848', '--dashboard', '121', '--event', 'msg_sent'],
      'The URL to call must be an absolute http:// or https:// URL',
    ],
    [
      ['hooks', 'add', 'https://x.example/', '--dashboard', '121'],
      'hooks add needs --event: one of msg_sent,',
    ],
    [
      ['hooks', 'add', 'https://x.example/', '--dashboard', '121', '--event', 'message_received'],
      '--event must be one of msg_sent, msg_received, contact_created,',
    ],
    [
      [
        'hooks',
        'add',
        'https://x.example/',
        '--dashboard',
        '1',
        '--event',
        'msg_sent',
        '--http-verb',
        'GET',
      ],
      '--http-verb must be POST, PUT or DELETE (a hook cannot be called with GET).',
    ],
    [['hooks', 'delete', '--dashboard', '121'], 'hooks delete needs the hook id'],
    [
      ['hooks', 'delete', 'abc', '--dashboard', '121'],
      'The hook id must be a whole number, e.g. 1414.',
    ],
    [
      ['hooks', 'event-types', '--base-url', 'api.textrequest.com'],
      '--base-url must be an absolute',
    ],
    [['hooks', 'event-types', '--api-key', ''], '--api-key must not be empty.'],
    [
      ['hooks', 'event-types'],
      'hooks needs your Text Request API key: set TEXT_REQUEST_API_KEY or pass --api-key <key>.',
    ],
  ])('%j', async (args, message) => {
    // An empty variable counts as none, whatever the environment running the tests has.
    const result = await runCli(args, { env: { TEXT_REQUEST_API_KEY: '' } });
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain(`sms-webhooks hooks: ${message}`);
    expect(result.stderr).toMatch(/Run "sms-webhooks hooks --help" for usage\.\n$/);
  });
});

describe('loopbackWarning', () => {
  test('warns when a local URL is registered with a remote API, and only then', () => {
    const remote = 'https://api.textrequest.com/api/v3';
    expect(loopbackWarning('http://127.0.0.1:4848/', remote)).toMatch(
      /^Warning: http:\/\/127\.0\.0\.1:4848\/ is reachable only from this machine/,
    );
    expect(loopbackWarning('http://localhost:3000/hooks', remote)).toContain('through a tunnel');
    expect(loopbackWarning('http://[::1]:4848/', remote)).toBeDefined();
    expect(loopbackWarning('https://abc.tunnel.example/', remote)).toBeUndefined();
    expect(
      loopbackWarning('http://127.0.0.1:4848/', 'http://127.0.0.1:9000/api/v3'),
    ).toBeUndefined();
  });
});

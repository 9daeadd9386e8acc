import { createHmac } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import type { IncomingHttpHeaders } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import { fixtureNames } from '../support/fixtures.js';
import { startServer, type TestServer } from '../support/server.js';
import { type ListenProcess, runCli, startListen } from './run-cli.js';

const SECRET = 'loop-secret-4e1d';

const running: ListenProcess[] = [];
const servers: TestServer[] = [];
const dirs: string[] = [];

afterEach(async () => {
  await Promise.all(running.splice(0).map((listen) => listen.stop('SIGKILL')));
  await Promise.all(servers.splice(0).map((server) => server.close()));
  await Promise.all(dirs.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
});

async function listen(args: readonly string[]): Promise<ListenProcess> {
  const process = await startListen(['--port', '0', ...args]);
  running.push(process);
  return process;
}

async function tempDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'sms-webhooks-loop-'));
  dirs.push(dir);
  return dir;
}

interface Received {
  readonly method: string;
  readonly url: string;
  readonly headers: IncomingHttpHeaders;
  readonly rawHeaders: readonly string[];
  readonly body: string;
}

/** A stand-in for the user's app: records each request and answers `status` with `answer`. */
async function app(
  status: number,
  answer: (body: string) => string,
): Promise<{ readonly origin: string; readonly requests: Received[] }> {
  const requests: Received[] = [];
  const server = await startServer((req, res) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (chunk: string) => {
      body += chunk;
    });
    req.on('end', () => {
      requests.push({
        method: req.method ?? '',
        url: req.url ?? '',
        headers: req.headers,
        rawHeaders: req.rawHeaders,
        body,
      });
      res
        .writeHead(status, { 'content-type': 'application/json', 'x-app': 'yes' })
        .end(answer(body));
    });
  });
  servers.push(server);
  return { origin: server.origin, requests };
}

function textRequestSignature(timestamp: string, body: string): string {
  return createHmac('sha256', SECRET).update(`${timestamp}.${body}`).digest('base64');
}

describe('listen --forward-to', () => {
  test('passes the request on unchanged, prints both answers, and answers with the app’s', async () => {
    const target = await app(202, () => '{"saved":1}');
    const receiver = await listen([
      '--provider',
      'textrequest',
      '--secret',
      SECRET,
      '--forward-to',
      `${target.origin}/api/sms?tenant=acme`,
    ]);
    await receiver.waitForOutput(`Forwarding to ${target.origin}/api/sms?tenant=acme\n`);

    const sent = await runCli([
      'send',
      'fixtures/textrequest/message-received.json',
      '--url',
      `${receiver.url}hooks/tr?attempt=2`,
      '--secret',
      SECRET,
    ]);
    // The sender sees what the app answered, not what listen would have.
    expect(sent.code).toBe(0);
    expect(sent.stdout).toBe('202 Accepted\n{"saved":1}\n');

    const [forwarded] = target.requests;
    const file = await readFile('fixtures/textrequest/message-received.json', 'utf8');
    expect(forwarded?.method).toBe('POST');
    expect(forwarded?.url).toBe('/api/sms?tenant=acme&attempt=2');
    expect(forwarded?.body).toBe(file);
    const timestamp = String(forwarded?.headers['x-tr-webhook-timestamp']);
    expect(forwarded?.headers['x-tr-webhook-signature']).toBe(
      textRequestSignature(timestamp, file),
    );
    expect(forwarded?.headers['content-type']).toBe('application/json');
    expect(forwarded?.headers.host).toBe(new URL(target.origin).host);

    await receiver.waitForOutput('message.received  textrequest  +14232074721 → +14239309346');
    await receiver.waitForOutput(
      `  → ${target.origin}/api/sms?tenant=acme&attempt=2  202 Accepted  {"saved":1}  (listen: 200)\n`,
    );
  });

  test('forwards a forged request too, so the app’s own check is seen refusing it', async () => {
    const target = await app(401, () => '{"ok":false}');
    const receiver = await listen(['--secret', SECRET, '--forward-to', target.origin]);
    const sent = await runCli([
      'send',
      'textlink/received',
      '--url',
      receiver.url,
      '--secret',
      'not-the-secret',
    ]);
    expect(sent.code).toBe(1);
    expect(sent.stdout).toBe('401 Unauthorized\n{"ok":false}\n');
    expect(target.requests[0]?.body).toContain('"secret":"not-the-secret"');
    await expect.poll(() => receiver.stderr()).toContain('401 unauthorized  POST /  textlink');
    await receiver.waitForOutput(
      `  → ${target.origin}/  401 Unauthorized  {"ok":false}  (listen: 401)`,
    );
    expect(receiver.stdout()).not.toContain('message.received');
  });

  test('answers 502 and says why when the app is not running', async () => {
    const target = await app(200, () => '');
    const origin = target.origin;
    await servers.splice(0)[0]?.close();
    const receiver = await listen(['--forward-to', `${origin}/x`]);
    const sent = await runCli(['send', 'textlink/sent', '--url', receiver.url]);
    expect(sent.code).toBe(1);
    expect(sent.stdout).toBe('502 Bad Gateway\n{"ok":false,"error":{"code":"forward_failed"}}\n');
    await receiver.waitForOutput(
      `  → ${origin}/x  not forwarded: ECONNREFUSED, is your app running there?  (listen: 200)`,
    );
  });

  test('never prints credentials of --forward-to, and sends them as basic authentication', async () => {
    const target = await app(200, () => '{"ok":true}');
    const withCredentials = target.origin.replace('http://', 'http://dev:pa55word@');
    const receiver = await listen(['--forward-to', withCredentials]);
    const sent = await runCli(['send', 'textlink/sent', '--url', receiver.url]);
    expect(sent.code).toBe(0);
    expect(target.requests[0]?.headers.authorization).toBe(
      `Basic ${Buffer.from('dev:pa55word').toString('base64')}`,
    );
    await receiver.waitForOutput('(listen: 200)');
    expect(receiver.stdout() + receiver.stderr()).not.toContain('pa55word');
  });
});

describe('listen --record and replay', () => {
  test('records each request with its headers and raw body, one file each', async () => {
    const dir = await tempDir();
    const receiver = await listen(['--secret', SECRET, '--record', join(dir, 'new')]);
    for (const payload of ['fixtures/textrequest/message-sent.json', 'textlink/failed']) {
      expect(
        (await runCli(['send', payload, '--url', `${receiver.url}in?x=1`, '--secret', SECRET]))
          .code,
      ).toBe(0);
    }
    await expect.poll(async () => (await readdir(join(dir, 'new'))).length).toBe(2);
    const files = (await readdir(join(dir, 'new'))).sort();
    expect(files[0]).toMatch(/^\d{4}-\d\d-\d\dT\d\d-\d\d-\d\d\.\d{3}Z-0001\.json$/);
    const first = JSON.parse(await readFile(join(dir, 'new', files[0] ?? ''), 'utf8'));
    expect(first).toMatchObject({
      version: 1,
      method: 'POST',
      url: '/in?x=1',
      provider: 'textrequest',
      body: await readFile('fixtures/textrequest/message-sent.json', 'utf8'),
    });
    const names = (first.headers as [string, string][]).map(([name]) => name.toLowerCase());
    expect(names).toEqual(
      expect.arrayContaining(['x-tr-webhook-signature', 'x-tr-webhook-timestamp', 'content-type']),
    );
    const second = JSON.parse(await readFile(join(dir, 'new', files[1] ?? ''), 'utf8'));
    expect(second.provider).toBe('textlink');
    await receiver.waitForOutput(`  recorded ${join(dir, 'new', files[1] ?? '')}`);
  });

  test('replay re-signs with the current time, so an old recording verifies again', async () => {
    const dir = await tempDir();
    const recorder = await listen(['--record', dir]);
    await runCli([
      'send',
      'fixtures/textrequest/message-received.json',
      '--url',
      `${recorder.url}hooks?token=keep`,
      '--secret',
      SECRET,
    ]);
    await expect.poll(async () => (await readdir(dir)).length).toBe(1);
    // Age the recording by an hour, as if it had been made then.
    const [file] = await readdir(dir);
    const path = join(dir, file ?? '');
    const recording = JSON.parse(await readFile(path, 'utf8'));
    const old = String(Math.floor(Date.now() / 1000) - 3600);
    recording.headers = (recording.headers as [string, string][])
      .map(([name, value]): [string, string] => {
        if (name.toLowerCase() === 'x-tr-webhook-timestamp') return [name, old];
        if (name.toLowerCase() === 'x-tr-webhook-signature')
          return [name, textRequestSignature(old, recording.body)];
        return [name, value];
      })
      .concat([['X-Trace', 'trace-7']]);
    await writeFile(path, JSON.stringify(recording));

    const checker = await listen(['--provider', 'textrequest', '--secret', SECRET]);
    const asRecorded = await runCli(['replay', path, '--url', checker.url]);
    expect(asRecorded.code).toBe(1);
    expect(asRecorded.stdout).toBe(
      '401 Unauthorized\n{"ok":false,"error":{"code":"unauthorized"}}\n',
    );
    expect(asRecorded.stderr).toContain('sent as recorded, with their old signatures');

    const resigned = await runCli(['replay', dir, '--url', checker.url, '--secret', SECRET]);
    expect(resigned.code).toBe(0);
    expect(resigned.stdout).toBe('200 OK\n{"ok":true}\n');
    expect(resigned.stderr).toContain(`POST ${checker.url}?token=*** `);
    expect(resigned.stderr).toContain('as textrequest, re-signed: x-tr-webhook-signature');
    await checker.waitForOutput('message.received  textrequest  +14232074721 → +14239309346');

    // What was sent: the recorded body, headers and query, with a fresh signature.
    const target = await app(200, () => '{"ok":true}');
    const before = Math.floor(Date.now() / 1000);
    expect(
      (await runCli(['replay', path, '--url', `${target.origin}/r`, '--secret', SECRET])).code,
    ).toBe(0);
    const [replayed] = target.requests;
    expect(replayed?.url).toBe('/r?token=keep');
    expect(replayed?.body).toBe(recording.body);
    expect(replayed?.headers['x-trace']).toBe('trace-7');
    const timestamp = String(replayed?.headers['x-tr-webhook-timestamp']);
    expect(Number(timestamp)).toBeGreaterThanOrEqual(before);
    expect(replayed?.headers['x-tr-webhook-signature']).toBe(
      textRequestSignature(timestamp, recording.body),
    );
  });

  test('replay names what is wrong with a file that is no recording', async () => {
    const dir = await tempDir();
    const path = join(dir, 'notes.json');
    await writeFile(path, '{"hello":1}');
    const result = await runCli(['replay', path, '--url', 'http://127.0.0.1:9/']);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(
      `${path} is not a recording of "listen --record": "version" is not 1.`,
    );
    const missing = await runCli(['replay', join(dir, 'nope')]);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('No file or directory named');
  });
});

describe('send', () => {
  test('--repeat sends the same event again, which listen shows with the same key', async () => {
    const receiver = await listen(['--json', '--secret', SECRET]);
    const sent = await runCli([
      'send',
      'textlink',
      '--kind',
      'received',
      '--repeat',
      '3',
      '--url',
      receiver.url,
      '--secret',
      SECRET,
    ]);
    expect(sent.code).toBe(0);
    expect(sent.stdout).toBe('200 OK\n{"ok":true}\n'.repeat(3));
    expect(sent.stderr).toContain('(3/3)');
    expect(sent.stderr).toContain('Sent 3 requests: 3 answered 2xx.');
    await expect.poll(() => receiver.stdout().trim().split('\n').length).toBe(3);
    const keys = receiver
      .stdout()
      .trim()
      .split('\n')
      .map((line) => (JSON.parse(line) as { idempotencyKey: string }).idempotencyKey);
    expect(new Set(keys).size).toBe(1);
  });

  test('--all sends every fixture, and several names send each', async () => {
    const receiver = await listen(['--json']);
    const all = await runCli(['send', '--all', '--url', receiver.url]);
    expect(all.code).toBe(0);
    expect(all.stderr).toContain(
      `Sent ${fixtureNames.length} requests: ${fixtureNames.length} answered 2xx.`,
    );
    for (const name of fixtureNames)
      expect(all.stderr).toContain(`  ${name} as ${name.split('/')[0]}, `);
    await expect.poll(() => receiver.stdout().trim().split('\n').length).toBe(fixtureNames.length);

    const two = await runCli(['send', 'textlink/sent', 'telmetrics', '--url', receiver.url]);
    expect(two.code).toBe(0);
    expect(two.stdout).toBe('200 OK\n{"ok":true}\n200 OK\n{"ok":true}\n');
  });

  test('sends to where listen listens when --url is absent', async () => {
    const result = await runCli(['send', 'textlink/sent']);
    expect(result.stderr).toContain('POST http://127.0.0.1:4848/  textlink/sent as textlink');
  });

  test('masks the secret only where it stands on its own, never inside other words', async () => {
    const echo = await app(200, (body) => `{"ok":true,"echo":${body}}`);
    const result = await runCli(['send', 'textlink/sent', '--url', echo.origin, '--secret', 'k']);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^200 OK\n\{"ok":true,"echo":\{/);
    expect(result.stdout).toContain('"secret":"***"');
    expect(result.stdout).not.toContain('"secret":"k"');
    expect(result.stdout).not.toContain('o***');

    const plain = await app(400, () => `token=${SECRET}; looked up ${SECRET}x and ok`);
    const text = await runCli(['send', 'textlink/sent', '--url', plain.origin, '--secret', SECRET]);
    expect(text.stdout).toBe(`400 Bad Request\ntoken=***; looked up ${SECRET}x and ok\n`);
  });

  test('user:pass@ in --url becomes basic authentication, never printed, with no stack trace', async () => {
    const target = await app(200, () => '{"ok":true}');
    const url = `${target.origin.replace('http://', 'http://user:s3cr3tpass@')}/hooks`;
    const result = await runCli(['send', 'textlink/sent', '--url', url]);
    expect(result.code).toBe(0);
    expect(target.requests[0]?.headers.authorization).toBe(
      `Basic ${Buffer.from('user:s3cr3tpass').toString('base64')}`,
    );
    expect(result.stderr).toContain(
      `POST ${target.origin}/hooks  textlink/sent as textlink, no secret, basic authentication`,
    );
    expect(result.stdout + result.stderr).not.toContain('s3cr3tpass');
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });
});

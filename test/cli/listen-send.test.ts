import { createHmac } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import { afterEach, describe, expect, test } from 'vitest';
import { startServer, type TestServer } from '../support/server.js';
import { type ListenProcess, runCli, startListen } from './run-cli.js';

const SECRET = 'cli-secret-7f3a9c';

const running: ListenProcess[] = [];
const servers: TestServer[] = [];

afterEach(async () => {
  await Promise.all(running.splice(0).map((listen) => listen.stop('SIGKILL')));
  await Promise.all(servers.splice(0).map((server) => server.close()));
});

async function listen(
  args: readonly string[],
  env?: Readonly<Record<string, string>>,
): Promise<ListenProcess> {
  const process = await startListen(['--port', '0', ...args], env === undefined ? {} : { env });
  running.push(process);
  return process;
}

interface Recorded {
  readonly url: string;
  readonly headers: IncomingHttpHeaders;
  readonly body: string;
}

/** A server that records each request and answers with `status` and `answer(body)`. */
async function recordingServer(
  status: number,
  answer: (body: string) => string,
): Promise<{ readonly origin: string; readonly requests: Recorded[] }> {
  const requests: Recorded[] = [];
  const server = await startServer((req, res) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (chunk: string) => {
      body += chunk;
    });
    req.on('end', () => {
      requests.push({ url: req.url ?? '', headers: req.headers, body });
      res.writeHead(status, { 'content-type': 'application/json' }).end(answer(body));
    });
  });
  servers.push(server);
  return { origin: server.origin, requests };
}

describe('sms-webhooks listen + send, end to end on 127.0.0.1', () => {
  test('prints the URL first, then every verified event that send delivers', async () => {
    const receiver = await listen(['--secret', SECRET]);
    expect(receiver.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
    expect(receiver.stdout().startsWith(`Listening on ${receiver.url}\n`)).toBe(true);

    const sent = await runCli([
      'send',
      'textlink/received',
      '--url',
      receiver.url,
      '--secret',
      SECRET,
    ]);
    expect(sent.code).toBe(0);
    expect(sent.stdout).toBe('200 OK\n{"ok":true}\n');
    await receiver.waitForOutput(
      'message.received  textlink  +381690156360 → ?  Aleksandar Spremo  "General Kenobi"',
    );

    for (const payload of ['textrequest', 'telmetrics']) {
      const result = await runCli(['send', payload, '--url', `${receiver.url}hooks/${payload}`], {
        env: { SMS_WEBHOOKS_SECRET: SECRET },
      });
      expect(result.code).toBe(0);
    }
    await receiver.waitForOutput('message.received  textrequest  +14232074721 → +14239309346');
    await receiver.waitForOutput('conversation.started  telmetrics  +19055802958 → +12242455621');

    const contact = await runCli([
      'send',
      'textrequest',
      '--kind',
      'contact_created',
      '--url',
      receiver.url,
      '--secret',
      SECRET,
    ]);
    expect(contact.code).toBe(0);
    await receiver.waitForOutput('contact.created  textrequest  +19143334444  James Hoffa');
    expect(receiver.stdout()).not.toContain('\u001b');
    expect(receiver.stdout() + receiver.stderr()).not.toContain(SECRET);
  });

  test('a request with the wrong secret: send exits 1 with the 401, listen reports the refusal', async () => {
    const receiver = await listen(['--provider', 'textrequest', '--secret', SECRET]);
    const result = await runCli([
      'send',
      'textrequest/message-sent',
      '--url',
      receiver.url,
      '--secret',
      'not-the-secret',
    ]);
    expect(result.code).toBe(1);
    expect(result.stdout).toBe('401 Unauthorized\n{"ok":false,"error":{"code":"unauthorized"}}\n');
    await expect.poll(() => receiver.stderr()).toContain('401 unauthorized  POST /  textrequest');
    expect(receiver.stdout()).not.toContain('message.sent');
  });

  test('an invalid payload: send exits 1 with the 400, listen prints each failing field', async () => {
    const receiver = await listen([]);
    const body = JSON.stringify({
      ContactId: 'c-3998552',
      LocationPhoneNumber: '14239309346',
      ContactPhoneNumber: '19143334444',
      ContactFriendlyName: null,
    });
    const result = await runCli(['send', '-', '--provider', 'textrequest', '--url', receiver.url], {
      input: body,
    });
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(
      /^400 Bad Request\n\{"ok":false,"error":\{"code":"invalid_payload"/,
    );
    await expect
      .poll(() => receiver.stderr())
      .toContain('  ContactId: expected number, received string');
    expect(receiver.stderr()).toContain('requests are accepted unverified');
  });

  test('a payload that differs from the documents: send exits 0, listen warns of the drift', async () => {
    const receiver = await listen(['--provider', 'textrequest']);
    const body = JSON.stringify({
      ContactId: '3998552',
      LocationPhoneNumber: null,
      ContactPhoneNumber: '19143334444',
    });
    const result = await runCli(['send', '-', '--provider', 'textrequest', '--url', receiver.url], {
      input: body,
    });
    expect(result.code).toBe(0);
    await receiver.waitForOutput('contact.created  textrequest  +19143334444');
    await expect
      .poll(() => receiver.stderr())
      .toContain('warning: textrequest coerced at ContactId: expected number, received string');
    expect(receiver.stderr()).toContain(
      'warning: textrequest unexpected type at LocationPhoneNumber: expected string, received null',
    );
    expect(receiver.stderr()).toContain(
      'warning: textrequest missing at ContactFriendlyName: expected string | null, received absent',
    );
  });

  test('--json prints one JSON event per line on stdout, status lines on stderr', async () => {
    const receiver = await listen([
      '--json',
      '--provider',
      'textlink',
      '--kind',
      'failed',
      '--secret',
      SECRET,
    ]);
    expect(receiver.stderr()).toContain(`Listening on ${receiver.url}`);
    expect(receiver.stdout()).toBe('');
    for (let index = 0; index < 2; index++) {
      const result = await runCli([
        'send',
        'textlink',
        '--kind',
        'failed',
        '--url',
        receiver.url,
        '--secret',
        SECRET,
      ]);
      expect(result.code).toBe(0);
    }
    await expect.poll(() => receiver.stdout().split('\n').length).toBe(3);
    const events = receiver
      .stdout()
      .trimEnd()
      .split('\n')
      .map((line) => JSON.parse(line) as { type: string; idempotencyKey: string; raw: object });
    expect(events.map((event) => event.type)).toEqual(['message.failed', 'message.failed']);
    // Generated payloads carry fresh ids: two sends are two events.
    expect(events[0]?.idempotencyKey).not.toBe(events[1]?.idempotencyKey);
    expect(events[0]?.raw).not.toHaveProperty('secret');
  });

  test('colours with FORCE_COLOR, and NO_COLOR turns colour off again', async () => {
    const coloured = await listen([], { FORCE_COLOR: '1' });
    await runCli(['send', 'textlink/sent', '--url', coloured.url]);
    await coloured.waitForOutput('message.sent');
    expect(coloured.stdout()).toContain('\u001b[1m\u001b[36mmessage.sent\u001b[39m\u001b[22m');

    const plain = await listen([], { FORCE_COLOR: '1', NO_COLOR: '1' });
    await runCli(['send', 'textlink/sent', '--url', plain.url]);
    await plain.waitForOutput('message.sent');
    expect(plain.stdout()).not.toContain('\u001b');
  });

  test('SIGTERM and SIGINT stop it cleanly with exit 0', async () => {
    const first = await listen([]);
    expect(await first.stop('SIGTERM')).toBe(0);
    expect(first.stdout()).toMatch(/Stopped\.\n$/);
    const second = await listen([]);
    expect(await second.stop('SIGINT')).toBe(0);
  });

  test('a port in use: exit 1 with the reason', async () => {
    const taken = await listen([]);
    const port = new URL(taken.url).port;
    const result = await runCli(['listen', '--port', port]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`Cannot listen on 127.0.0.1:${port}: port ${port} is in use`);
  });
});

describe('sms-webhooks send', () => {
  test('exits 1 when the server answers 401, and never prints the secret even when echoed', async () => {
    const server = await recordingServer(401, (body) => body);
    const result = await runCli([
      'send',
      'textlink/sent',
      '--url',
      `${server.origin}/hook`,
      '--secret',
      SECRET,
    ]);
    expect(result.code).toBe(1);
    expect(result.stdout.split('\n')[0]).toBe('401 Unauthorized');
    expect(server.requests[0]?.body).toContain(SECRET);
    expect(result.stdout + result.stderr).not.toContain(SECRET);
    expect(result.stdout).toContain('"secret":"***"');
  });

  test('signs a Text Request body as Text Request does, over the exact bytes of the file', async () => {
    const server = await recordingServer(204, () => '');
    const before = Math.floor(Date.now() / 1000);
    const result = await runCli([
      'send',
      'fixtures/textrequest/message-sent.json',
      '--url',
      `${server.origin}/tr?x=1`,
      '--secret',
      SECRET,
    ]);
    expect(result.code).toBe(0);
    expect(result.stdout).toBe('204 No Content\n');
    const [request] = server.requests;
    const timestamp = String(request?.headers['x-tr-webhook-timestamp']);
    expect(Number(timestamp)).toBeGreaterThanOrEqual(before);
    expect(Number(timestamp)).toBeLessThanOrEqual(Math.floor(Date.now() / 1000));
    const expected = createHmac('sha256', SECRET)
      .update(`${timestamp}.${request?.body}`)
      .digest('base64');
    expect(request?.headers['x-tr-webhook-signature']).toBe(expected);
    expect(request?.url).toBe('/tr?x=1');
    expect(request?.headers['content-type']).toBe('application/json');
    const { readFileSync } = await import('node:fs');
    expect(request?.body).toBe(readFileSync('fixtures/textrequest/message-sent.json', 'utf8'));
  });

  test('signs Telmetrics with ms-signature, or puts the token in the URL, never printing it', async () => {
    const server = await recordingServer(200, () => '{"ok":true}');
    const signed = await runCli([
      'send',
      'telmetrics/sms-conversation-start',
      '--url',
      server.origin,
      '--secret',
      SECRET,
    ]);
    const token = await runCli([
      'send',
      'telmetrics',
      '--scheme',
      'url-token',
      '--url',
      `${server.origin}/t`,
      '--secret',
      SECRET,
    ]);
    expect(signed.code).toBe(0);
    expect(token.code).toBe(0);
    const [first, second] = server.requests;
    expect(first?.headers['ms-signature']).toBe(
      `sha256=${createHmac('sha256', SECRET)
        .update(first?.body ?? '')
        .digest('hex')}`,
    );
    expect(new URL(second?.url ?? '', server.origin).searchParams.get('token')).toBe(SECRET);
    expect(second?.headers['ms-signature']).toBeUndefined();
    expect(token.stderr).toContain('token=***');
    expect(signed.stdout + signed.stderr + token.stdout + token.stderr).not.toContain(SECRET);
  });

  test('exits 1 when nothing listens', async () => {
    const server = await recordingServer(200, () => '');
    const origin = server.origin;
    await servers.splice(0)[0]?.close();
    const result = await runCli(['send', 'textlink/sent', '--url', origin]);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/sms-webhooks send: The request failed: .*ECONNREFUSED/);
  });

  test('a file of no known provider needs --provider (exit 2)', async () => {
    const result = await runCli(['send', '-', '--url', 'http://127.0.0.1:9/'], {
      input: '{"a":1}',
    });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(
      'Cannot tell which provider sends standard input; pass --provider',
    );
  });
});

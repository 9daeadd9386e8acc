import { afterEach, describe, expect, test } from 'vitest';
import { fixtureJson, fixtureText } from '../support/fixtures.js';
import { send } from '../support/http.js';
import { signTelmetrics, signTextRequest, withTextLinkSecret } from '../support/sign.js';
import { type ListenProcess, startListen } from './run-cli.js';

const SECRET = 'cli-reason-secret-0b7e';

const running: ListenProcess[] = [];

afterEach(async () => {
  await Promise.all(running.splice(0).map((listen) => listen.stop('SIGKILL')));
});

async function listen(args: readonly string[]): Promise<ListenProcess> {
  const process = await startListen(['--port', '0', ...args]);
  running.push(process);
  return process;
}

const textRequestBody = fixtureText('textrequest/message-sent');
const telmetricsBody = fixtureText('telmetrics/sms-conversation-start');

describe('sms-webhooks listen prints why it refused a request', () => {
  test('Text Request: a missing header, an old timestamp, a wrong key, each on its own line', async () => {
    const receiver = await listen(['--provider', 'textrequest', '--secret', SECRET]);
    const attempts = [
      { headers: {}, reason: 'missing_signature', says: 'x-tr-webhook-signature header' },
      {
        headers: signTextRequest(textRequestBody, SECRET, Math.floor(Date.now() / 1000) - 3600),
        reason: 'timestamp_out_of_tolerance',
        says: 'more than 300 seconds in the past',
      },
      {
        headers: signTextRequest(textRequestBody, 'another-api-key'),
        reason: 'signature_mismatch',
        says: 'matches none of the configured API keys',
      },
    ];
    for (const [index, attempt] of attempts.entries()) {
      const response = await send(`${receiver.url}hooks/${index}`, {
        body: textRequestBody,
        headers: attempt.headers,
      });
      expect(response.status).toBe(401);
      expect(response.text).toBe('{"ok":false,"error":{"code":"unauthorized"}}');
      await expect
        .poll(() => receiver.stderr())
        .toContain(`401 unauthorized  POST /hooks/${index}  textrequest\n  ${attempt.reason}: `);
      const line = receiver
        .stderr()
        .split('\n')
        .find((text) => text.startsWith(`  ${attempt.reason}: `));
      expect(line).toContain(attempt.says);
    }
    expect(receiver.stdout()).not.toContain('message.sent');
    expect(receiver.stdout() + receiver.stderr()).not.toContain(SECRET);
  });

  test('TextLink without the body secret, and Telmetrics with a malformed ms-signature', async () => {
    const receiver = await listen(['--secret', SECRET]);
    const tagChange = withTextLinkSecret(fixtureJson('textlink/tag-changed'), undefined);
    expect((await send(`${receiver.url}textlink`, { body: tagChange })).status).toBe(401);
    await expect
      .poll(() => receiver.stderr())
      .toContain(
        "401 unauthorized  POST /textlink  textlink\n  missing_secret: The request failed TextLink's body-secret check. The body has no `secret` field",
      );

    const signature = signTelmetrics(telmetricsBody, SECRET)['ms-signature'] as string;
    const truncated = { 'ms-signature': signature.slice(0, -1) };
    const response = await send(`${receiver.url}telmetrics`, {
      body: telmetricsBody,
      headers: truncated,
    });
    expect(response.status).toBe(401);
    await expect
      .poll(() => receiver.stderr())
      .toContain('401 unauthorized  POST /telmetrics  telmetrics\n  malformed_signature: ');
    expect(receiver.stderr()).not.toContain(SECRET);
    expect(receiver.stderr()).not.toContain('Aleksandar Spremo');
  });
});

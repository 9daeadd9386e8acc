import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixtureJson, fixtureText } from '../support/fixtures.js';
import { send } from '../support/http.js';
import { freePort, stopProcessGroup } from '../support/process.js';
import { signTelmetrics, signTextRequest, withTextLinkSecret } from '../support/sign.js';

// examples/express/server.mjs run as its README says: plain node from the repository's install,
// importing `sms-webhooks/node` from the built dist/.
const root = fileURLToPath(new URL('../../', import.meta.url));
const serverFile = fileURLToPath(new URL('../../examples/express/server.mjs', import.meta.url));

const secrets = {
  TEXT_REQUEST_API_KEY: `tr-${randomBytes(12).toString('hex')}`,
  TEXTLINK_WEBHOOK_SECRET: `tl-${randomBytes(12).toString('hex')}`,
  TELMETRICS_WEBHOOK_SECRET: `tm-${randomBytes(12).toString('hex')}`,
};

let server: ChildProcess | undefined;
let output = '';
let origin = '';

/** Waits until the server has printed `text`, failing with everything it printed otherwise. */
async function waitForOutput(text: string, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!output.includes(text)) {
    if (server?.exitCode !== null || server.signalCode !== null) {
      throw new Error(`the example server exited:\n${output}`);
    }
    if (Date.now() > deadline) throw new Error(`"${text}" never appeared in:\n${output}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

beforeAll(async () => {
  const port = await freePort();
  origin = `http://127.0.0.1:${port}`;
  server = spawn(process.execPath, [serverFile], {
    cwd: root,
    detached: true,
    env: { ...process.env, HOST: '127.0.0.1', PORT: String(port), ...secrets },
  });
  server.stdout?.on('data', (chunk: Buffer) => {
    output += chunk.toString();
  });
  server.stderr?.on('data', (chunk: Buffer) => {
    output += chunk.toString();
  });
  await waitForOutput(`Listening on ${origin}`, 30_000);
}, 60_000);

afterAll(async () => {
  if (server) await stopProcessGroup(server);
});

describe('examples/express/server.mjs', () => {
  it('accepts a signed Text Request message and handles its event', async () => {
    const body = fixtureText('textrequest/message-received');
    const response = await send(`${origin}/hooks/textrequest`, {
      body,
      headers: signTextRequest(body, secrets.TEXT_REQUEST_API_KEY),
    });

    expect(response.status).toBe(200);
    expect(response.json).toEqual({ ok: true });
    await waitForOutput(
      '[textrequest] message.received +14232074721 → +14239309346 "This is an outbound message."',
    );
  });

  it('routes each TextLink webhook by its URL', async () => {
    const body = withTextLinkSecret(
      fixtureJson('textlink/failed'),
      secrets.TEXTLINK_WEBHOOK_SECRET,
    );
    const response = await send(`${origin}/hooks/textlink/failed`, { body });

    expect(response.status).toBe(200);
    await waitForOutput('[textlink] message.failed');
  });

  it('accepts a Telmetrics delivery signed with ms-signature', async () => {
    const body = fixtureText('telmetrics/sms-conversation-start');
    const response = await send(`${origin}/hooks/telmetrics`, {
      body,
      headers: signTelmetrics(body, secrets.TELMETRICS_WEBHOOK_SECRET),
    });

    expect(response.status).toBe(200);
    await waitForOutput('[telmetrics] conversation.started +19055802958 → +12242455621');
  });

  it("answers Telmetrics' GET ?echo= registration check with the value", async () => {
    const response = await send(`${origin}/hooks/telmetrics?echo=a91f3c`, { method: 'GET' });
    expect(response.status).toBe(200);
    expect(response.text).toBe('a91f3c');
  });

  it('refuses a forged request with 401 and logs the refusal without the secret', async () => {
    const body = fixtureText('textrequest/message-received');
    const response = await send(`${origin}/hooks/textrequest`, {
      body,
      headers: signTextRequest(body, 'a-guessed-key'),
    });

    expect(response.status).toBe(401);
    await waitForOutput('POST /hooks/textrequest answered 401 unauthorized');
    for (const secret of Object.values(secrets)) expect(output).not.toContain(secret);
  });
});

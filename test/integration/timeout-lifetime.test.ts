import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { fixtureJson } from '../support/fixtures.js';
import { withTextLinkSecret } from '../support/sign.js';

const run = promisify(execFile);
const root = fileURLToPath(new URL('../..', import.meta.url));

/** Runs an ES module script in a fresh Node process in the package root; returns its output and time. */
async function script(source: string): Promise<{ stdout: string; ms: number }> {
  const started = performance.now();
  const { stdout } = await run(process.execPath, ['--input-type=module', '-e', source], {
    cwd: root,
    timeout: 30_000,
  });
  return { stdout: stdout.trim(), ms: performance.now() - started };
}

// TextLink's received sample with the secret TextLink adds, as a script builds its request.
const body = withTextLinkSecret(fixtureJson('textlink/received'), 's');
const request = `new Request('http://localhost/hooks/sms', {
  method: 'POST',
  headers: { 'content-type': 'application/json' },
  body: ${JSON.stringify(body)},
})`;

// What `timeoutMs` leaves behind, seen as a user's process sees it: a handler with nothing pending
// must not keep the process alive, and one with a request pending must, until it answers 503.
describe('the request timeout and the process', () => {
  it('lets a process exit as soon as its requests are answered, long before timeoutMs', async () => {
    const { stdout, ms } = await script(`
      import { createFetchHandler } from './dist/fetch.js';
      const handler = createFetchHandler({ provider: 'textlink', kind: 'received', secret: 's', timeoutMs: 20000, onEvent() {} });
      const answers = [];
      for (let i = 0; i < 3; i++) answers.push((await handler(${request})).status);
      await Promise.all([handler(${request}), handler(${request})]);
      console.log(answers.join(','));
    `);
    expect(stdout).toBe('200,200,200');
    expect(ms).toBeLessThan(15_000);
  });

  it('keeps a process alive while a request is pending, and answers it 503 at timeoutMs', async () => {
    const { stdout, ms } = await script(`
      import { createFetchHandler } from './dist/fetch.js';
      let calls = 0;
      const handler = createFetchHandler({
        provider: 'textlink', kind: 'received', secret: 's', timeoutMs: 300,
        onEvent: () => (++calls === 2 ? new Promise(() => {}) : undefined),
      });
      console.log((await handler(${request})).status);
      const started = performance.now();
      const response = await handler(${request});
      console.log(response.status, response.headers.get('retry-after'), performance.now() - started >= 300);
    `);
    expect(stdout).toBe('200\n503 1 true');
    expect(ms).toBeGreaterThanOrEqual(300);
  });
});

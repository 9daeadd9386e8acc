import { afterEach, describe, expect, it, vi } from 'vitest';
import { fixtureJson } from '../../../test/support/fixtures.js';
import { withTextLinkSecret } from '../../../test/support/sign.js';
import { createFetchHandler } from '../fetch/index.js';
import { createRequestClock, Deadlines } from './deadlines.js';

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Records when each named request expired, in ms after the test started. */
function recorder() {
  const started = performance.now();
  const expired: { name: string; after: number }[] = [];
  return {
    expired,
    started,
    expire: (name: string) => () => expired.push({ name, after: performance.now() - started }),
  };
}

describe('Deadlines', () => {
  it('expires each pending request timeoutMs after its own start, oldest first, never early', async () => {
    const deadlines = new Deadlines(60);
    const { expired, expire, started } = recorder();
    deadlines.add(expire('a'));
    await sleep(30);
    // Read, not assumed: a timer may fire up to a millisecond before performance.now() says so.
    const bAt = performance.now() - started;
    deadlines.add(expire('b'));
    // Waited for rather than slept on: a busy machine may run timers late, never early.
    await vi.waitFor(() => expect(expired).toHaveLength(2), { timeout: 5000 });
    expect(expired.map((entry) => entry.name)).toEqual(['a', 'b']);
    expect(expired[0]?.after).toBeGreaterThanOrEqual(60);
    // b started about 30 ms after a, so its 60 ms are its own, not a's.
    expect(bAt).toBeGreaterThan(20);
    expect(expired[1]?.after).toBeGreaterThanOrEqual(bAt + 60);
  });

  it('never expires a settled request, wherever it is in the queue', async () => {
    const deadlines = new Deadlines(40);
    const { expired, expire } = recorder();
    const a = deadlines.add(expire('a'));
    const b = deadlines.add(expire('b'));
    deadlines.add(expire('c'));
    const d = deadlines.add(expire('d'));
    deadlines.settle(b); // the middle
    deadlines.settle(a); // the head
    deadlines.settle(d); // the tail
    deadlines.settle(d); // twice does nothing
    await vi.waitFor(() => expect(expired).not.toHaveLength(0), { timeout: 5000 });
    // The others were due no later than c; a sweep that expired c has passed them.
    await sleep(20);
    expect(expired.map((entry) => entry.name)).toEqual(['c']);
    deadlines.settle(a); // after expiry, nothing either
  });

  it('expires exactly the requests still pending among many, each once, in start order', async () => {
    const deadlines = new Deadlines(50);
    const { expired, expire } = recorder();
    const entries = Array.from({ length: 2000 }, (_, index) => ({
      name: String(index),
      deadline: deadlines.add(expire(String(index))),
    }));
    const pending = entries.filter((_, index) => (index * 7919) % 3 !== 0);
    for (const entry of entries) if (!pending.includes(entry)) deadlines.settle(entry.deadline);
    await vi.waitFor(() => expect(expired).toHaveLength(pending.length), { timeout: 5000 });
    expect(expired.map((entry) => entry.name)).toEqual(pending.map((entry) => entry.name));
  });

  it('keeps expiring after a quiet spell and after the queue emptied and filled again', async () => {
    const deadlines = new Deadlines(30);
    const { expired, expire, started } = recorder();
    deadlines.settle(deadlines.add(expire('settled')));
    await sleep(60); // the timer set for the first request fires with nothing pending
    const laterAt = performance.now() - started;
    deadlines.add(expire('later'));
    await sleep(10);
    deadlines.settle(deadlines.add(expire('settled too')));
    await vi.waitFor(() => expect(expired).not.toHaveLength(0), { timeout: 5000 });
    await sleep(40);
    expect(expired.map((entry) => entry.name)).toEqual(['later']);
    expect(expired[0]?.after).toBeGreaterThanOrEqual(laterAt + 30);
  });
});

describe('createRequestClock', () => {
  it('on Node, runs expire once timeoutMs after start unless stopped', async () => {
    const clock = createRequestClock(40);
    const { expired, expire } = recorder();
    const stopped = clock.start(expire('stopped'));
    clock.start(expire('kept'));
    clock.stop(stopped);
    await vi.waitFor(() => expect(expired).not.toHaveLength(0), { timeout: 5000 });
    await sleep(20);
    expect(expired.map((entry) => entry.name)).toEqual(['kept']);
    expect(expired[0]?.after).toBeGreaterThanOrEqual(40);
  });
});

describe('request timeouts under fake timers', () => {
  // TextLink's received sample, with the secret TextLink adds and the text a test picks.
  const textLinkRequest = (text: string) =>
    new Request('http://localhost/hooks/sms', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: withTextLinkSecret({ ...fixtureJson('textlink/received'), text }, 's'),
    });

  afterEach(() => {
    vi.useRealTimers();
  });

  // A user's test of its own timeout handling fakes some timers and advances the fake clock; with
  // or without `performance` and `Date` faked, each pending request times out at its own deadline.
  it.each([
    ['the default fakes', undefined],
    ['setTimeout alone', ['setTimeout', 'clearTimeout']],
    ['setTimeout and Date', ['setTimeout', 'clearTimeout', 'Date']],
  ] as const)('answers 503 once the fake clock passes timeoutMs, with %s', async (_, toFake) => {
    // A handler that has served a request under real timers first, as in a long test file.
    const handler = createFetchHandler({
      provider: 'textlink',
      kind: 'received',
      secret: 's',
      timeoutMs: 10_000,
      onEvent: (event) =>
        event.type === 'message.received' && event.text === 'Hi'
          ? new Promise(() => {})
          : undefined,
    });
    expect((await handler(textLinkRequest('warm'))).status).toBe(200);
    vi.useFakeTimers(toFake === undefined ? undefined : { toFake: [...toFake] });
    const first = handler(textLinkRequest('Hi'));
    await vi.advanceTimersByTimeAsync(5_000);
    const second = handler(textLinkRequest('Hi'));
    const settled: Record<string, number> = {};
    void first.then((response) => (settled.first = response.status));
    void second.then((response) => (settled.second = response.status));
    await vi.advanceTimersByTimeAsync(4_999);
    expect(settled).toEqual({});
    await vi.advanceTimersByTimeAsync(1);
    expect(settled).toEqual({ first: 503 });
    await vi.advanceTimersByTimeAsync(5_000);
    expect(settled).toEqual({ first: 503, second: 503 });
  });
});

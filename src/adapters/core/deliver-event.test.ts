import { afterEach, describe, expect, it, vi } from 'vitest';
import telmetricsStart from '../../../fixtures/telmetrics/sms-conversation-start.json' with {
  type: 'json',
};
import textLinkReceived from '../../../fixtures/textlink/received.json' with { type: 'json' };
import type { SmsEvent } from '../../events.js';
import { memoryStore } from '../../stores/memory.js';
import type { IdempotencyStore } from '../../stores/types.js';
import { createFetchHandler } from '../fetch/index.js';
import type { SmsWebhookErrorContext, SmsWebhookHandlerOptions } from './options.js';

const url = 'https://app.example.com/hooks/sms';

function post(body: unknown): Request {
  return new Request(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
}

// One Telmetrics envelope with three notifications: keys telmetrics:<Id>:0, :1 and :2.
const notification = telmetricsStart.Notifications[0];
const envelope = { ...telmetricsStart, Notifications: [notification, notification, notification] };

interface Recorder {
  readonly calls: string[];
  readonly reports: { error: unknown; context: SmsWebhookErrorContext }[];
}

function handlerWith(
  options: Omit<SmsWebhookHandlerOptions<'telmetrics'>, 'onEvent' | 'provider'> & {
    onEvent?: (event: SmsEvent, signal: AbortSignal) => unknown;
  },
): Recorder & { handle: (request: Request) => Promise<Response> } {
  const calls: string[] = [];
  const reports: Recorder['reports'] = [];
  const { onEvent, ...rest } = options;
  const handle = createFetchHandler({
    provider: 'telmetrics',
    ...rest,
    onEvent: (event, context) => {
      calls.push(event.idempotencyKey);
      return onEvent?.(event, context.signal);
    },
    onError: (error, context) => void reports.push({ error, context }),
  });
  return { handle, calls, reports };
}

const never = new Promise<never>(() => {});

afterEach(() => {
  vi.useRealTimers();
});

describe('exactly once with a store', () => {
  it('answers 200 to a redelivery without calling onEvent again', async () => {
    const { handle, calls } = handlerWith({ store: memoryStore() });
    const first = await handle(post(telmetricsStart));
    const again = await handle(post({ ...telmetricsStart, Attempt: 2 }));
    expect([first.status, again.status]).toEqual([200, 200]);
    expect(await again.json()).toEqual({ ok: true });
    expect(calls).toEqual([`telmetrics:${telmetricsStart.Id}:0`]);
  });

  it('handles an envelope in order and, after a failure, resumes where it stopped', async () => {
    let failures = 1;
    const { handle, calls } = handlerWith({
      store: memoryStore(),
      onEvent: (event) => {
        if (event.idempotencyKey.endsWith(':1') && failures-- > 0) throw new Error('db down');
      },
    });
    const failed = await handle(post(envelope));
    expect(failed.status).toBe(500);
    const resumed = await handle(post(envelope));
    expect(resumed.status).toBe(200);
    const key = (index: number): string => `telmetrics:${telmetricsStart.Id}:${index}`;
    expect(calls).toEqual([key(0), key(1), key(1), key(2)]);
  });

  it('answers 503 in_progress with Retry-After while another attempt holds the lease', async () => {
    let finish: () => void = () => {};
    const { handle, calls, reports } = handlerWith({
      store: memoryStore(),
      leaseMs: 45_000,
      onEvent: () => new Promise<void>((resolve) => (finish = resolve)),
    });
    const first = handle(post(telmetricsStart));
    await vi.waitFor(() => expect(calls).toHaveLength(1));
    const second = await handle(post(telmetricsStart));
    expect(second.status).toBe(503);
    expect(Number(second.headers.get('retry-after'))).toBeGreaterThan(40);
    expect(Number(second.headers.get('retry-after'))).toBeLessThanOrEqual(45);
    expect(await second.json()).toEqual({ ok: false, error: { code: 'in_progress' } });
    expect(reports.map((report) => report.context.code)).toEqual(['in_progress']);
    finish();
    expect((await first).status).toBe(200);
    expect((await handle(post(telmetricsStart))).status).toBe(200);
    expect(calls).toHaveLength(1);
  });

  it('fails closed when the store fails: 503 store_unavailable, onError told, onEvent not called', async () => {
    const broken: IdempotencyStore = {
      claim: () => Promise.reject(new Error('ECONNREFUSED 127.0.0.1:6379')),
      complete: () => Promise.resolve(),
      release: () => Promise.resolve(),
    };
    const { handle, calls, reports } = handlerWith({ store: broken });
    const response = await handle(post(telmetricsStart));
    expect(response.status).toBe(503);
    expect(response.headers.get('retry-after')).toBe('10');
    expect(await response.json()).toEqual({ ok: false, error: { code: 'store_unavailable' } });
    expect(calls).toEqual([]);
    expect(reports).toHaveLength(1);
    expect(reports[0]?.context).toMatchObject({ status: 503, code: 'store_unavailable' });
    expect((reports[0]?.error as Error | undefined)?.cause).toEqual(
      new Error('ECONNREFUSED 127.0.0.1:6379'),
    );
  });

  it('answers 503 store_unavailable when the event cannot be marked done', async () => {
    const store = memoryStore();
    const { handle, reports } = handlerWith({
      store: { ...store, complete: () => Promise.reject(new Error('read-only replica')) },
    });
    expect((await handle(post(telmetricsStart))).status).toBe(503);
    expect(reports[0]?.context.code).toBe('store_unavailable');
  });

  it('treats a claim result without a known status as a store failure', async () => {
    const odd = { ...memoryStore(), claim: async () => ({ status: 'maybe' }) } as never;
    const { handle, calls } = handlerWith({ store: odd });
    expect((await handle(post(telmetricsStart))).status).toBe(503);
    expect(calls).toEqual([]);
  });
});

describe('timeoutMs', () => {
  it('answers 503 timeout, reports it and aborts the signal when onEvent never settles', async () => {
    let signal: AbortSignal | undefined;
    const { handle, reports } = handlerWith({
      timeoutMs: 50,
      onEvent: (_, given) => {
        signal = given;
        return never;
      },
    });
    const response = await handle(post(telmetricsStart));
    expect(response.status).toBe(503);
    expect(response.headers.get('retry-after')).toBe('1');
    expect(await response.json()).toEqual({ ok: false, error: { code: 'timeout' } });
    expect(reports.map((report) => report.context)).toEqual([
      { status: 503, code: 'timeout', provider: 'telmetrics', method: 'POST', path: '/hooks/sms' },
    ]);
    expect(signal?.aborted).toBe(true);
    expect((signal?.reason as DOMException | undefined)?.name).toBe('TimeoutError');
    expect(reports[0]?.error).toBe(signal?.reason);
  });

  it('covers the secret resolver and verify, not only onEvent', async () => {
    const slowSecret = handlerWith({ timeoutMs: 50, secret: () => never });
    const slowVerify = handlerWith({ timeoutMs: 50, verify: () => never });
    for (const { handle, calls, reports } of [slowSecret, slowVerify]) {
      expect((await handle(post(telmetricsStart))).status).toBe(503);
      expect(reports.map((report) => report.context.code)).toEqual(['timeout']);
      expect(calls).toEqual([]);
    }
  });

  it('marks the event done when onEvent succeeds after the timeout', async () => {
    let finish: () => void = () => {};
    const { handle, calls } = handlerWith({
      store: memoryStore(),
      timeoutMs: 50,
      onEvent: () => new Promise<void>((resolve) => (finish = resolve)),
    });
    expect((await handle(post(telmetricsStart))).status).toBe(503);
    // Still running: a redelivery now must not start it a second time.
    expect((await handle(post(telmetricsStart))).status).toBe(503);
    finish();
    await vi.waitFor(async () => expect((await handle(post(telmetricsStart))).status).toBe(200));
    expect(calls).toHaveLength(1);
  });

  it('releases the event when onEvent fails after the timeout, so the redelivery runs it', async () => {
    let fail: (error: Error) => void = () => {};
    let attempt = 0;
    const { handle, calls } = handlerWith({
      store: memoryStore(),
      timeoutMs: 50,
      onEvent: () =>
        ++attempt === 1 ? new Promise<void>((_, reject) => (fail = reject)) : undefined,
    });
    expect((await handle(post(telmetricsStart))).status).toBe(503);
    fail(new Error('late failure'));
    await vi.waitFor(async () => expect((await handle(post(telmetricsStart))).status).toBe(200));
    expect(calls).toHaveLength(2);
  });

  it('does not start the next events of an envelope after the timeout', async () => {
    let finish: () => void = () => {};
    const { handle, calls } = handlerWith({
      store: memoryStore(),
      timeoutMs: 50,
      onEvent: (event) =>
        event.idempotencyKey.endsWith(':0')
          ? new Promise<void>((resolve) => (finish = resolve))
          : undefined,
    });
    expect((await handle(post(envelope))).status).toBe(503);
    finish();
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(calls).toHaveLength(1);
    expect((await handle(post(envelope))).status).toBe(200);
    expect(calls.map((key) => key.slice(-2))).toEqual([':0', ':1', ':2']);
  });
});

describe('content-fingerprint keys (TextLink received texts carry no id)', () => {
  function textLinkHandler(options: Partial<SmsWebhookHandlerOptions<'textlink'>> = {}) {
    const texts: SmsEvent[] = [];
    const handle = createFetchHandler({
      provider: 'textlink',
      kind: 'received',
      store: memoryStore(),
      ...options,
      onEvent: (event) => void texts.push(event),
    });
    return { handle, texts };
  }

  it('lets two identical texts a minute apart both reach onEvent (default window)', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    const { handle, texts } = textLinkHandler();
    expect((await handle(post(textLinkReceived))).status).toBe(200);
    vi.setSystemTime(Date.now() + 60_000);
    expect((await handle(post(textLinkReceived))).status).toBe(200);
    expect(texts).toHaveLength(2);
    expect(texts[0]?.idempotencyKey).toBe(texts[1]?.idempotencyKey);
  });

  it('takes the same text again within the window for a redelivery', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    const { handle, texts } = textLinkHandler();
    await handle(post(textLinkReceived));
    vi.setSystemTime(Date.now() + 9_000);
    expect((await handle(post(textLinkReceived))).status).toBe(200);
    expect(texts).toHaveLength(1);
  });

  it('keeps a key built on a provider id for the whole retention', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    const { handle, calls } = handlerWith({ store: memoryStore() });
    await handle(post(telmetricsStart));
    vi.setSystemTime(Date.now() + 6 * 24 * 60 * 60 * 1000);
    expect((await handle(post(telmetricsStart))).status).toBe(200);
    vi.setSystemTime(Date.now() + 2 * 24 * 60 * 60 * 1000);
    await handle(post(telmetricsStart));
    expect(calls).toHaveLength(2);
  });

  it('with fingerprintWindowMs 0 lets every identical text through, even at once', async () => {
    const { handle, texts } = textLinkHandler({ fingerprintWindowMs: 0 });
    const answers = await Promise.all([
      handle(post(textLinkReceived)),
      handle(post(textLinkReceived)),
    ]);
    expect(answers.map((answer) => answer.status)).toEqual([200, 200]);
    expect(texts).toHaveLength(2);
  });
});

describe('option checks', () => {
  it('refuses wrong store and timing options when the handler is created', () => {
    const create = (options: Partial<SmsWebhookHandlerOptions>) => () =>
      createFetchHandler({ onEvent() {}, ...options });
    expect(create({ store: {} as never })).toThrow(/`store` must be an idempotency store/);
    expect(create({ timeoutMs: 0 })).toThrow(/`timeoutMs` must be a whole number/);
    expect(create({ timeoutMs: 2 ** 31 })).toThrow(/`timeoutMs`/);
    expect(create({ timeoutMs: 1000, leaseMs: 999 })).toThrow(/`leaseMs` must be .* from 1000/);
    expect(create({ retentionMs: -1 })).toThrow(/`retentionMs`/);
    expect(create({ fingerprintWindowMs: 1.5 })).toThrow(/`fingerprintWindowMs`/);
    expect(create({ store: memoryStore(), timeoutMs: 1000, leaseMs: 1000 })).not.toThrow();
  });
});

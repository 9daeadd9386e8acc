import { createHmac } from 'node:crypto';
import { describe, expect, it, vi } from 'vitest';
import { verifyTelmetricsSignature } from './telmetrics/verify.js';
import { verifyTextRequestSignature } from './textrequest/verify.js';

// What Bun, Deno, Workers and browser-like runtimes load behind `#hmac`: the Web Crypto file, whose
// digest arrives as a promise (Node's file answers at once). The verifiers must give the same
// answers with either.
vi.mock('#hmac', () => import('../verify/hmac.js'));

const body = '{"Id":"0bdacf54acd6480086b9f9b6c1baa50b","Notifications":[]}';

describe('verification with the Web Crypto HMAC', () => {
  it('the HMAC behind `#hmac` here is the Web Crypto one, which answers with a promise', async () => {
    const { hmacSha256 } = await import('#hmac');
    expect(hmacSha256('key', ['body'], 'hex')).toBeInstanceOf(Promise);
  });

  it('Telmetrics: accepts a correct signature and rejects a wrong one or a tampered body', async () => {
    const signature = `sha256=${createHmac('sha256', 'tm-secret').update(body).digest('hex')}`;
    expect(await verifyTelmetricsSignature({ body, signature, secret: 'tm-secret' })).toBe(true);
    expect(await verifyTelmetricsSignature({ body, signature, secret: 'other' })).toBe(false);
    expect(
      await verifyTelmetricsSignature({ body: `${body} `, signature, secret: 'tm-secret' }),
    ).toBe(false);
    expect(await verifyTelmetricsSignature({ body, signature, secret: ['old', 'tm-secret'] })).toBe(
      true,
    );
  });

  it('Text Request: accepts a correct signature and rejects a wrong one or a tampered body', async () => {
    const now = 1_619_448_468_000;
    const timestamp = String(now / 1000);
    const signature = createHmac('sha256', 'tr-key')
      .update(`${timestamp}.`)
      .update(body)
      .digest('base64');
    const check = (overrides: Partial<Parameters<typeof verifyTextRequestSignature>[0]>) =>
      verifyTextRequestSignature({
        body,
        signature,
        timestamp,
        apiKey: 'tr-key',
        now,
        ...overrides,
      });
    expect(await check({})).toBe(true);
    expect(await check({ apiKey: 'other' })).toBe(false);
    expect(await check({ body: `${body} ` })).toBe(false);
    expect(await check({ apiKey: ['old', 'tr-key'] })).toBe(true);
  });
});

import { createHmac } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { verifyTextRequestSignature, verifyTextRequestSignatureDetailed } from './verify.js';

const API_KEY = 'tr-detailed-key-12ef';
const NOW_SECONDS = 1_619_448_468;
const body = '{"conversation":{"message":"This is an outbound message."}}';

function sign(timestamp: number | string, key = API_KEY): string {
  return createHmac('sha256', key).update(`${timestamp}.${body}`).digest('base64');
}

describe('verifyTextRequestSignatureDetailed', () => {
  const signed = { signature: sign(NOW_SECONDS), timestamp: String(NOW_SECONDS) };
  it.each([
    ['a signature made now', signed, {}, undefined],
    ['no API key configured', signed, { apiKey: ['', ''] }, 'no_secret'],
    ['no signature header', { ...signed, signature: null }, {}, 'missing_signature'],
    ['a blank signature header', { ...signed, signature: ' ' }, {}, 'missing_signature'],
    ['no timestamp header', { ...signed, timestamp: undefined }, {}, 'missing_timestamp'],
    [
      'a timestamp in milliseconds with a dot',
      { ...signed, timestamp: '1619448468.5' },
      {},
      'malformed_timestamp',
    ],
    [
      'a timestamp 301 seconds old',
      signed,
      { now: (NOW_SECONDS + 301) * 1000 },
      'timestamp_out_of_tolerance',
    ],
    [
      'a timestamp 301 seconds ahead',
      signed,
      { now: (NOW_SECONDS - 301) * 1000 },
      'timestamp_out_of_tolerance',
    ],
    [
      'a timestamp just within a custom tolerance',
      signed,
      { now: (NOW_SECONDS + 60) * 1000, toleranceSeconds: 60 },
      undefined,
    ],
    ['a hex signature', { ...signed, signature: 'ab'.repeat(32) }, {}, 'malformed_signature'],
    [
      'a signature by another key',
      { ...signed, signature: sign(NOW_SECONDS, 'other') },
      {},
      'signature_mismatch',
    ],
    [
      'a signature over another timestamp',
      { ...signed, signature: sign(NOW_SECONDS - 1) },
      {},
      'signature_mismatch',
    ],
  ] as const)('%s', async (_, headers, overrides, reason) => {
    const options = {
      body,
      apiKey: API_KEY,
      now: NOW_SECONDS * 1000,
      ...headers,
      ...overrides,
    };
    const result = await verifyTextRequestSignatureDetailed(options);
    if (reason === undefined) expect(result).toEqual({ ok: true });
    else expect(result).toMatchObject({ ok: false, reason });
    expect(await verifyTextRequestSignature(options)).toBe(result.ok);
  });

  it.each([
    ['no API key', signed, { apiKey: [] }, 'no_secret', 'No API key is configured.'],
    [
      'no signature header',
      { ...signed, signature: undefined },
      {},
      'missing_signature',
      'The x-tr-webhook-signature header is missing or blank.',
    ],
    [
      'a blank timestamp header',
      { ...signed, timestamp: ' ' },
      {},
      'missing_timestamp',
      'The x-tr-webhook-timestamp header is missing or blank.',
    ],
    [
      'a timestamp with a fraction',
      { ...signed, timestamp: '1619448468.5' },
      {},
      'malformed_timestamp',
      'The x-tr-webhook-timestamp header is not a whole number of Unix seconds.',
    ],
    [
      'a timestamp an hour ahead',
      signed,
      { now: (NOW_SECONDS - 3600) * 1000, toleranceSeconds: 120 },
      'timestamp_out_of_tolerance',
      'The x-tr-webhook-timestamp header is more than 120 seconds in the future; check both clocks, or the tolerance.',
    ],
    [
      'a hex signature',
      { ...signed, signature: 'ab'.repeat(32) },
      {},
      'malformed_signature',
      'The x-tr-webhook-signature header is not the Base64 of an HMAC-SHA256.',
    ],
    [
      'a signature by another key',
      { ...signed, signature: sign(NOW_SECONDS, 'other') },
      {},
      'signature_mismatch',
      'The x-tr-webhook-signature header matches none of the configured API keys for this body and timestamp.',
    ],
  ] as const)('explains %s in its message', async (_, headers, overrides, reason, message) => {
    const result = await verifyTextRequestSignatureDetailed({
      body,
      apiKey: API_KEY,
      now: NOW_SECONDS * 1000,
      ...headers,
      ...overrides,
    });
    expect(result).toEqual({ ok: false, reason, message });
  });

  it('refuses a signature with anything before or after its Base64 as malformed', async () => {
    // e.g. a proxy that prefixes the algorithm, or a header joined with another value.
    for (const signature of [
      `sha256=${sign(NOW_SECONDS)}`,
      `${sign(NOW_SECONDS)}, x`,
      `x${sign(NOW_SECONDS)}`,
    ]) {
      const result = await verifyTextRequestSignatureDetailed({
        body,
        apiKey: API_KEY,
        now: NOW_SECONDS * 1000,
        timestamp: String(NOW_SECONDS),
        signature,
      });
      expect(result).toMatchObject({ ok: false, reason: 'malformed_signature' });
    }
  });

  it('says which way the clock is off, without the timestamp itself', async () => {
    const late = await verifyTextRequestSignatureDetailed({
      body,
      apiKey: API_KEY,
      signature: sign(NOW_SECONDS),
      timestamp: String(NOW_SECONDS),
      now: (NOW_SECONDS + 3600) * 1000,
      toleranceSeconds: 120,
    });
    expect(late.ok || late.message).toBe(
      'The x-tr-webhook-timestamp header is more than 120 seconds in the past; check both clocks, or the tolerance.',
    );
    expect(late.ok || late.message).not.toContain(String(NOW_SECONDS));
  });

  it('still throws for a tolerance that is not a number of seconds', async () => {
    await expect(
      verifyTextRequestSignatureDetailed({
        body,
        apiKey: API_KEY,
        signature: 'x',
        timestamp: '1',
        toleranceSeconds: -1,
      }),
    ).rejects.toThrow(RangeError);
  });

  it('never puts the key, the headers or the body in its message', async () => {
    // '§' appears in no message, so a value found in one can only have been copied there.
    const value = fc.string({ minLength: 4 }).map((text) => `§${text}`);
    await fc.assert(
      fc.asyncProperty(
        value,
        value,
        fc.oneof(value, fc.integer({ min: 100_000, max: 2_000_000_000 }).map(String)),
        async (key, signature, timestamp) => {
          const result = await verifyTextRequestSignatureDetailed({
            body,
            apiKey: key,
            signature,
            timestamp,
            now: NOW_SECONDS * 1000,
          });
          expect(result.ok).toBe(false);
          for (const sent of [key, signature.trim(), timestamp.trim(), 'outbound message']) {
            expect(result.ok || result.message).not.toContain(sent);
          }
        },
      ),
    );
  });
});

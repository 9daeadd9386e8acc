import { createHmac } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { isSmsWebhookError } from '../../errors/SmsWebhookError.js';
import type { SmsWebhookRequest } from '../types.js';
import { textRequestProvider } from './index.js';
import {
  TEXT_REQUEST_SIGNATURE_HEADER,
  TEXT_REQUEST_TIMESTAMP_HEADER,
  verifyTextRequestRequest,
  verifyTextRequestSignature,
} from './verify.js';

const API_KEY = 'tr-api-key-0f3e9a';
const OLD_API_KEY = 'tr-api-key-previous-77c1';
const NOW_SECONDS = 1_619_448_468;
const NOW = NOW_SECONDS * 1000;
const bodyBytes = new Uint8Array(
  readFileSync(new URL('../../../fixtures/textrequest/message-sent.json', import.meta.url)),
);
const bodyText = new TextDecoder().decode(bodyBytes);

/** Signs bytes the way Text Request does: Base64(HMAC-SHA256(api key, "{timestamp}.{raw body}")). */
function sign(body: string | Uint8Array, timestamp: number | string, apiKey = API_KEY): string {
  return createHmac('sha256', apiKey).update(`${timestamp}.`).update(body).digest('base64');
}

/** A correctly signed check, with any option replaced. */
function check(
  overrides: Partial<Parameters<typeof verifyTextRequestSignature>[0]> = {},
): Promise<boolean> {
  return verifyTextRequestSignature({
    body: bodyBytes,
    signature: sign(bodyBytes, NOW_SECONDS),
    timestamp: String(NOW_SECONDS),
    apiKey: API_KEY,
    now: NOW,
    ...overrides,
  });
}

describe('verifyTextRequestSignature', () => {
  it('accepts a correct signature over the raw bytes or the same text', async () => {
    expect(await check()).toBe(true);
    expect(await check({ body: bodyText })).toBe(true);
  });

  it('rejects a signature made with another key', async () => {
    expect(await check({ signature: sign(bodyBytes, NOW_SECONDS, 'someone-else') })).toBe(false);
    expect(await check({ apiKey: 'someone-else' })).toBe(false);
  });

  it('rejects a missing, blank or malformed signature or timestamp', async () => {
    for (const signature of [null, undefined, '', '   ']) {
      expect(await check({ signature })).toBe(false);
    }
    for (const timestamp of [
      null,
      undefined,
      '',
      ' ',
      'abc',
      '-1',
      '1619448468.0',
      '1e9',
      '0x6087',
    ]) {
      expect(await check({ timestamp, signature: sign(bodyBytes, timestamp ?? '') })).toBe(false);
    }
  });

  it('rejects a body changed in any way, even whitespace', async () => {
    const tampered = new Uint8Array(bodyBytes);
    tampered[tampered.indexOf(0x53 /* S */)] = 0x52 /* R */;
    expect(await check({ body: tampered })).toBe(false);
    expect(await check({ body: JSON.stringify(JSON.parse(bodyText)) })).toBe(false);
    expect(await check({ body: `${bodyText}\n` })).toBe(false);
  });

  it('trims the signature and timestamp as headers may arrive padded', async () => {
    const signature = ` ${sign(bodyBytes, NOW_SECONDS)}\t`;
    expect(await check({ signature })).toBe(true);
    expect(await check({ timestamp: ` ${NOW_SECONDS} ` })).toBe(true);
  });

  it('never matches an empty key or a key that is not a string', async () => {
    expect(await check({ signature: sign(bodyBytes, NOW_SECONDS, ''), apiKey: '' })).toBe(false);
    expect(await check({ signature: sign(bodyBytes, NOW_SECONDS, ''), apiKey: [''] })).toBe(false);
    const numeric = [123 as unknown as string];
    expect(await check({ signature: sign(bodyBytes, NOW_SECONDS, '123'), apiKey: numeric })).toBe(
      false,
    );
    expect(
      await check({ signature: sign(bodyBytes, NOW_SECONDS, '123'), apiKey: [...numeric, '123'] }),
    ).toBe(true);
  });

  it('rejects a signature moved to another timestamp', async () => {
    expect(await check({ timestamp: String(NOW_SECONDS + 1) })).toBe(false);
  });

  it('accepts timestamps up to 300 seconds old or ahead, and no further', async () => {
    const at = (offsetSeconds: number) =>
      check({
        timestamp: String(NOW_SECONDS + offsetSeconds),
        signature: sign(bodyBytes, NOW_SECONDS + offsetSeconds),
      });
    expect(await at(-300)).toBe(true);
    expect(await at(-301)).toBe(false);
    expect(await at(300)).toBe(true);
    expect(await at(301)).toBe(false);
    expect(await at(-86_400)).toBe(false);
  });

  it('honours a custom tolerance, including none at all', async () => {
    const signedAt = NOW_SECONDS - 90;
    const options = { timestamp: String(signedAt), signature: sign(bodyBytes, signedAt) };
    expect(await check({ ...options, toleranceSeconds: 60 })).toBe(false);
    expect(await check({ ...options, toleranceSeconds: 90 })).toBe(true);
    expect(await check({ ...options, toleranceSeconds: 0 })).toBe(false);
    expect(await check({ ...options, toleranceSeconds: Number.POSITIVE_INFINITY })).toBe(true);
  });

  it('measures the tolerance from the whole signed second, so 0 accepts that second only', async () => {
    const zero = { toleranceSeconds: 0 };
    const signedSecond = NOW_SECONDS * 1000;
    expect(await check({ ...zero, now: signedSecond })).toBe(true);
    expect(await check({ ...zero, now: signedSecond + 999 })).toBe(true);
    expect(await check({ ...zero, now: signedSecond + 1000 })).toBe(false);
    expect(await check({ ...zero, now: signedSecond - 1 })).toBe(false);
    const one = { toleranceSeconds: 1 };
    expect(await check({ ...one, now: signedSecond + 1999 })).toBe(true);
    expect(await check({ ...one, now: signedSecond + 2000 })).toBe(false);
    expect(await check({ ...one, now: signedSecond - 1000 })).toBe(true);
    expect(await check({ ...one, now: signedSecond - 1001 })).toBe(false);
    const current = Math.floor(Date.now() / 1000);
    expect(
      await verifyTextRequestSignature({
        body: bodyBytes,
        signature: sign(bodyBytes, current),
        timestamp: String(current),
        apiKey: API_KEY,
        toleranceSeconds: 1,
      }),
    ).toBe(true);
  });

  it('refuses a negative or non-numeric tolerance', async () => {
    const message = 'toleranceSeconds must be a number of seconds, 0 or more.';
    await expect(check({ toleranceSeconds: -1 })).rejects.toThrow(new RangeError(message));
    await expect(check({ toleranceSeconds: Number.NaN })).rejects.toThrow(RangeError);
    await expect(check({ toleranceSeconds: '60' as unknown as number })).rejects.toThrow(
      RangeError,
    );
  });

  it('takes now as a Date or epoch milliseconds, and the clock by default', async () => {
    expect(await check({ now: new Date(NOW + 120_000) })).toBe(true);
    expect(await check({ now: new Date(NOW + 600_000) })).toBe(false);
    expect(await check({ now: NOW - 600_000 })).toBe(false);
    const current = Math.floor(Date.now() / 1000);
    const { now: _, ...withoutNow } = {
      body: bodyBytes,
      signature: sign(bodyBytes, current),
      timestamp: String(current),
      apiKey: API_KEY,
      now: undefined,
    };
    expect(await verifyTextRequestSignature(withoutNow)).toBe(true);
    expect(await check({ now: undefined })).toBe(false);
  });

  it('accepts any of several keys during rotation', async () => {
    expect(await check({ apiKey: [OLD_API_KEY, API_KEY] })).toBe(true);
    expect(await check({ apiKey: [API_KEY, OLD_API_KEY] })).toBe(true);
    expect(
      await check({
        signature: sign(bodyBytes, NOW_SECONDS, OLD_API_KEY),
        apiKey: [API_KEY, OLD_API_KEY],
      }),
    ).toBe(true);
    expect(await check({ apiKey: ['first-wrong', 'second-wrong'] })).toBe(false);
    expect(await check({ apiKey: [] })).toBe(false);
  });

  it('never matches an empty key', async () => {
    expect(await check({ apiKey: '', signature: sign(bodyBytes, NOW_SECONDS, '') })).toBe(false);
    expect(await check({ apiKey: ['', API_KEY] })).toBe(true);
  });

  it('signs non-ASCII bodies over their bytes, without decoding them again', async () => {
    const text = '{"conversation":{"message":"Café ☕ — ¿listo? 👍","consumerFriendlyName":"Zoë"}}';
    const utf8Bytes = new TextEncoder().encode(text);
    expect(await check({ body: utf8Bytes, signature: sign(utf8Bytes, NOW_SECONDS) })).toBe(true);
    expect(await check({ body: text, signature: sign(utf8Bytes, NOW_SECONDS) })).toBe(true);
    // Bytes that are not UTF-8 (Latin-1 "é") still verify, because they are hashed as they came.
    const latin1 = new Uint8Array([
      ...new TextEncoder().encode('{"message":"caf'),
      0xe9,
      ...new TextEncoder().encode('"}'),
    ]);
    expect(await check({ body: latin1, signature: sign(latin1, NOW_SECONDS) })).toBe(true);
    expect(
      await check({ body: new TextDecoder().decode(latin1), signature: sign(latin1, NOW_SECONDS) }),
    ).toBe(false);
  });
});

/** A request as the HTTP handlers hand it to a provider, built from real Headers. */
function request(
  headers: Record<string, string>,
  rawBody: Uint8Array | null = bodyBytes,
): SmsWebhookRequest {
  return {
    method: 'POST',
    url: 'https://hooks.example.com/textrequest',
    headers: new Headers({ 'content-type': 'application/json', ...headers }),
    rawBody,
    body: JSON.parse(bodyText),
  };
}

const signedHeaders = {
  [TEXT_REQUEST_SIGNATURE_HEADER]: sign(bodyBytes, NOW_SECONDS),
  [TEXT_REQUEST_TIMESTAMP_HEADER]: String(NOW_SECONDS),
};

describe('textRequestProvider.verify', () => {
  it('offers hmac-sha256 as its only scheme', () => {
    expect(textRequestProvider.verificationSchemes).toEqual(['hmac-sha256']);
  });

  it('reads the signature and timestamp headers, whatever their case', async () => {
    const options = { now: () => NOW };
    expect(await textRequestProvider.verify(request(signedHeaders), [API_KEY], options)).toEqual({
      ok: true,
    });
    const upper = {
      'X-TR-Webhook-Signature': signedHeaders[TEXT_REQUEST_SIGNATURE_HEADER],
      'X-TR-Webhook-Timestamp': signedHeaders[TEXT_REQUEST_TIMESTAMP_HEADER],
    };
    expect(
      await textRequestProvider.verify(request(upper), [API_KEY], {
        ...options,
        scheme: 'hmac-sha256',
      }),
    ).toEqual({ ok: true });
  });

  it('rejects a wrong key, a tampered body and missing headers', async () => {
    const options = { now: () => NOW };
    expect(
      await textRequestProvider.verify(request(signedHeaders), ['wrong-key'], options),
    ).toMatchObject({ ok: false, reason: 'signature_mismatch' });
    const tampered = new TextEncoder().encode(bodyText.replace('"S"', '"R"'));
    expect(
      await textRequestProvider.verify(request(signedHeaders, tampered), [API_KEY], options),
    ).toMatchObject({ ok: false, reason: 'signature_mismatch' });
    expect(await textRequestProvider.verify(request({}), [API_KEY], options)).toMatchObject({
      ok: false,
      reason: 'missing_signature',
    });
    const { [TEXT_REQUEST_TIMESTAMP_HEADER]: _, ...signatureOnly } = signedHeaders;
    expect(
      await textRequestProvider.verify(request(signatureOnly), [API_KEY], options),
    ).toMatchObject({ ok: false, reason: 'missing_timestamp' });
  });

  it('accepts the current or the previous key', async () => {
    const options = { now: () => NOW };
    expect(
      await textRequestProvider.verify(request(signedHeaders), [OLD_API_KEY, API_KEY], options),
    ).toEqual({ ok: true });
    expect(
      await textRequestProvider.verify(request(signedHeaders), [OLD_API_KEY], options),
    ).toMatchObject({ ok: false, reason: 'signature_mismatch' });
    expect(await textRequestProvider.verify(request(signedHeaders), [], options)).toMatchObject({
      ok: false,
      reason: 'no_secret',
    });
  });

  it('answers verifyTextRequestRequest with true or false alone', async () => {
    const options = { now: () => NOW };
    expect(await verifyTextRequestRequest(request(signedHeaders), [API_KEY], options)).toBe(true);
    expect(await verifyTextRequestRequest(request(signedHeaders), ['wrong-key'], options)).toBe(
      false,
    );
  });

  it('honours toleranceSeconds and now', async () => {
    const later = () => NOW + 200_000;
    expect(
      await textRequestProvider.verify(request(signedHeaders), [API_KEY], { now: later }),
    ).toEqual({ ok: true });
    expect(
      await textRequestProvider.verify(request(signedHeaders), [API_KEY], {
        now: later,
        toleranceSeconds: 100,
      }),
    ).toMatchObject({ ok: false, reason: 'timestamp_out_of_tolerance' });
    expect(
      await textRequestProvider.verify(request(signedHeaders), [API_KEY], {
        now: () => NOW + 400_000,
      }),
    ).toMatchObject({ ok: false, reason: 'timestamp_out_of_tolerance' });
  });

  it('uses the current time when no clock is given', async () => {
    expect(await textRequestProvider.verify(request(signedHeaders), [API_KEY])).toMatchObject({
      ok: false,
      reason: 'timestamp_out_of_tolerance',
    });
    const current = Math.floor(Date.now() / 1000);
    const fresh = {
      [TEXT_REQUEST_SIGNATURE_HEADER]: sign(bodyBytes, current),
      [TEXT_REQUEST_TIMESTAMP_HEADER]: String(current),
    };
    expect(await textRequestProvider.verify(request(fresh), [API_KEY])).toEqual({ ok: true });
  });

  it('explains how to keep the raw body when a parser consumed it, without revealing the key', async () => {
    const error = await textRequestProvider
      .verify(request(signedHeaders, null), [API_KEY], { now: () => NOW })
      .then(
        () => undefined,
        (caught: unknown) => caught,
      );
    expect(isSmsWebhookError(error)).toBe(true);
    expect(error).toMatchObject({ code: 'raw_body_unavailable', provider: 'textrequest' });
    expect((error as Error).message).toMatch(
      /^Text Request signs the raw request body, but it was already parsed, so the signature cannot be checked\. .*express\.raw\(/,
    );
    expect(
      JSON.stringify({ ...(error as object), message: (error as Error).message }),
    ).not.toContain(API_KEY);
  });

  it('refuses a scheme Text Request does not have', async () => {
    await expect(
      textRequestProvider.verify(request(signedHeaders), [API_KEY], { scheme: 'body-secret' }),
    ).rejects.toThrow(new TypeError("Text Request has one verification scheme, 'hmac-sha256'."));
  });
});

import { createHmac } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  verifyTelmetricsSignature,
  verifyTelmetricsSignatureDetailed,
  verifyTelmetricsUrlToken,
  verifyTelmetricsUrlTokenDetailed,
} from './verify.js';

const SECRET = 'tm-detailed-secret-90c4';
const body = '{"Id":"0bdacf54acd6480086b9f9b6c1baa50b","Notifications":[]}';
const signature = `sha256=${createHmac('sha256', SECRET).update(body).digest('hex')}`;

describe('verifyTelmetricsSignatureDetailed', () => {
  it.each([
    ['the signature of the body', signature, SECRET, undefined],
    [
      'the signature in upper case',
      signature.toUpperCase().replace('SHA256', 'sha256'),
      SECRET,
      undefined,
    ],
    ['no secret configured', signature, [''], 'no_secret'],
    ['no header', null, SECRET, 'missing_signature'],
    ['a blank header', '  ', SECRET, 'missing_signature'],
    [
      'a sha1 header',
      'sha1=0123456789abcdef0123456789abcdef01234567',
      SECRET,
      'malformed_signature',
    ],
    ['a truncated signature', signature.slice(0, -2), SECRET, 'malformed_signature'],
    ['the signature for another secret', signature, 'other', 'signature_mismatch'],
  ] as const)('%s', async (_, header, secret, reason) => {
    const options = { body, signature: header, secret };
    const result = await verifyTelmetricsSignatureDetailed(options);
    if (reason === undefined) expect(result).toEqual({ ok: true });
    else expect(result).toMatchObject({ ok: false, reason });
    expect(await verifyTelmetricsSignature(options)).toBe(result.ok);
  });

  it.each([
    [
      'no header',
      null,
      'missing_signature',
      'The ms-signature header is missing or blank; if your deliveries never carry it, use the url-token scheme.',
    ],
    [
      'a sha1 header',
      'sha1=0123456789abcdef0123456789abcdef01234567',
      'malformed_signature',
      'The ms-signature header is not sha256= followed by 64 hex digits.',
    ],
    [
      'the signature of another body',
      `sha256=${createHmac('sha256', SECRET).update('{}').digest('hex')}`,
      'signature_mismatch',
      'The ms-signature header matches none of the configured secrets for this body.',
    ],
  ] as const)('explains %s in its message', async (_, header, reason, message) => {
    const result = await verifyTelmetricsSignatureDetailed({
      body,
      signature: header,
      secret: SECRET,
    });
    expect(result).toEqual({ ok: false, reason, message });
  });
});

describe('verifyTelmetricsUrlTokenDetailed', () => {
  const TOKEN = 'tm-detailed-token-55aa';
  it.each([
    ['the token', `/hooks?token=${TOKEN}`, TOKEN, undefined],
    ['the token in a custom parameter', `/hooks?key=${TOKEN}`, TOKEN, 'missing_secret'],
    ['no token configured', `/hooks?token=${TOKEN}`, [], 'no_secret'],
    ['no token in the URL', '/hooks', TOKEN, 'missing_secret'],
    ['an empty token', '/hooks?token=', TOKEN, 'missing_secret'],
    ['the token twice', `/hooks?token=${TOKEN}&token=${TOKEN}`, TOKEN, 'malformed_secret'],
    ['a wrong token', '/hooks?token=guess', TOKEN, 'secret_mismatch'],
  ] as const)('%s', (_, url, secret, reason) => {
    const result = verifyTelmetricsUrlTokenDetailed({ url, secret });
    if (reason === undefined) expect(result).toEqual({ ok: true });
    else expect(result).toMatchObject({ ok: false, reason });
    expect(verifyTelmetricsUrlToken({ url, secret })).toBe(result.ok);
  });

  it.each([
    [
      'no token in the URL',
      '/hooks',
      'missing_secret',
      'The URL has no `key` query parameter, or an empty one.',
    ],
    [
      'an empty token',
      '/hooks?key=',
      'missing_secret',
      'The URL has no `key` query parameter, or an empty one.',
    ],
    [
      'a URL that cannot be parsed',
      'http://[::1',
      'missing_secret',
      'The URL has no `key` query parameter, or an empty one.',
    ],
    [
      'the token twice',
      '/hooks?key=a&key=b',
      'malformed_secret',
      'The URL has the `key` query parameter more than once.',
    ],
    [
      'a wrong token',
      '/hooks?key=guess',
      'secret_mismatch',
      "The URL's `key` query parameter matches none of the configured tokens.",
    ],
  ] as const)('explains %s in its message, naming the parameter', (_, url, reason, message) => {
    const result = verifyTelmetricsUrlTokenDetailed({ url, secret: TOKEN, param: 'key' });
    expect(result).toEqual({ ok: false, reason, message });
  });

  it('names the parameter it read, never its value', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[0-9]{8,20}$/), (sent) => {
        const result = verifyTelmetricsUrlTokenDetailed({
          url: `/hooks?key=${sent}`,
          secret: TOKEN,
          param: 'key',
        });
        expect(result).toMatchObject({ ok: false, reason: 'secret_mismatch' });
        expect(result.ok || result.message).toContain('`key`');
        expect(result.ok || result.message).not.toContain(sent);
      }),
    );
  });
});

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { verifyTextLinkSecret, verifyTextLinkSecretDetailed } from './verify.js';

const SECRET = 'tl-detailed-secret-6a1f';
const sample = { phone_number: '+381690156360', tag: 'Warm', name: 'Aleksandar Spremo' };

describe('verifyTextLinkSecretDetailed', () => {
  it.each([
    ['a matching secret', { ...sample, secret: SECRET }, SECRET, undefined],
    ['the old secret while rotating', { ...sample, secret: 'old' }, ['new', 'old'], undefined],
    ['no secret configured', { ...sample, secret: SECRET }, ['', ''], 'no_secret'],
    ['a body without the secret field', sample, SECRET, 'missing_secret'],
    ['an empty secret field', { ...sample, secret: '' }, SECRET, 'missing_secret'],
    ['a null secret field', { ...sample, secret: null }, SECRET, 'missing_secret'],
    ['an array body', [sample], SECRET, 'missing_secret'],
    ['a body that is not JSON', '{"secret":', SECRET, 'missing_secret'],
    ['a numeric secret field', { ...sample, secret: 6 }, '6', 'malformed_secret'],
    ['a wrong secret', { ...sample, secret: 'guess' }, SECRET, 'secret_mismatch'],
  ] as const)('%s', (_, body, expected, reason) => {
    const result = verifyTextLinkSecretDetailed(body, expected);
    if (reason === undefined) expect(result).toEqual({ ok: true });
    else expect(result).toMatchObject({ ok: false, reason });
    // The boolean function says the same.
    expect(verifyTextLinkSecret(body, expected)).toBe(result.ok);
    expect(verifyTextLinkSecretDetailed(JSON.stringify(body), expected).ok).toBe(result.ok);
  });

  it.each([
    [
      'a body that is not JSON',
      '{"secret":',
      SECRET,
      'missing_secret',
      'The body is not JSON, so it has no `secret` field.',
    ],
    [
      'a JSON null body',
      'null',
      SECRET,
      'missing_secret',
      'The body is not a JSON object, so it has no `secret` field.',
    ],
    [
      'a JSON string body',
      '"secret"',
      SECRET,
      'missing_secret',
      'The body is not a JSON object, so it has no `secret` field.',
    ],
    [
      'a body without the secret field',
      sample,
      SECRET,
      'missing_secret',
      'The body has no `secret` field (or an empty one); TextLink sends it once a webhook secret is set in its dashboard.',
    ],
    [
      'a numeric secret field',
      { ...sample, secret: 6 },
      SECRET,
      'malformed_secret',
      "The body's `secret` field is not a string.",
    ],
    [
      'a wrong secret',
      { ...sample, secret: 'guess' },
      SECRET,
      'secret_mismatch',
      "The body's `secret` field matches none of the configured secrets.",
    ],
    [
      'a list of secrets that throws when read',
      { ...sample, secret: SECRET },
      new Proxy([SECRET], {
        get: () => {
          throw new Error('unreadable');
        },
      }),
      'malformed_secret',
      "The body's `secret` field could not be read.",
    ],
    // With nothing to compare against, the body does not matter: the configuration is what is wrong.
    [
      'no secret configured, whatever the body',
      '{"secret":',
      [],
      'no_secret',
      'No secret is configured, so the request cannot be verified.',
    ],
    [
      'a secret option left undefined',
      { ...sample, secret: SECRET },
      undefined,
      'no_secret',
      'No secret is configured, so the request cannot be verified.',
    ],
  ] as const)('explains %s: its reason and message', (_, body, expected, reason, message) => {
    const result = verifyTextLinkSecretDetailed(body, expected as unknown as string);
    expect(result).toEqual({ ok: false, reason, message });
  });

  it('never puts the secret or a body value in its message', () => {
    // '§' appears in no message, so a value found in one can only have been copied there.
    const value = fc.string({ minLength: 4 }).map((text) => `§${text}`);
    fc.assert(
      fc.property(value, fc.oneof(value, fc.constant(undefined)), value, (secret, sent, text) => {
        const result = verifyTextLinkSecretDetailed({ secret: sent, text }, secret);
        if (result.ok) return;
        for (const shown of [secret, sent, text]) {
          if (shown !== undefined) expect(result.message).not.toContain(shown);
        }
      }),
    );
  });
});

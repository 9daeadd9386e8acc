import { describe, expect, it } from 'vitest';
import { decodeBody } from './decode-body.js';
import { SmsWebhookError } from './errors/SmsWebhookError.js';

/** Runs `fn` and returns what it threw, failing when it does not throw. */
function thrown(fn: () => unknown): SmsWebhookError {
  try {
    fn();
  } catch (error) {
    if (error instanceof SmsWebhookError) return error;
    throw error;
  }
  throw new Error('expected a throw');
}

describe('decodeBody', () => {
  it('parses text and UTF-8 bytes, and returns anything else as it is', () => {
    expect(decodeBody('{"a":[1]}')).toEqual({ a: [1] });
    expect(decodeBody(new TextEncoder().encode('"é"'))).toBe('é');
    const parsed = { a: 1 };
    expect(decodeBody(parsed)).toBe(parsed);
  });

  it('throws invalid_json for text that is not JSON and bytes that are not UTF-8', () => {
    expect(thrown(() => decodeBody('{"a":'))).toMatchObject({
      code: 'invalid_json',
      provider: undefined,
      issues: [{ path: '', message: 'body is not valid JSON' }],
    });
    expect(thrown(() => decodeBody(new Uint8Array([0xc3])))).toMatchObject({
      code: 'invalid_json',
      issues: [{ path: '', message: 'body is not valid UTF-8' }],
    });
  });

  it('names the provider it is given in the error', () => {
    expect(thrown(() => decodeBody('nope', 'textrequest')).provider).toBe('textrequest');
    expect(thrown(() => decodeBody(new Uint8Array([0xff]), 'textlink')).provider).toBe('textlink');
  });
});

import { describe, expect, it } from 'vitest';
import { thrown } from '../test/support/thrown.js';
import { claimBlankFree, decodeBody, MAX_BODY_DEPTH } from './decode-body.js';
import { safeParseSmsWebhook } from './parse.js';

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

  it(`accepts bodies nested ${MAX_BODY_DEPTH} deep, as text, bytes and parsed values`, () => {
    expect(MAX_BODY_DEPTH).toBe(64);
    const text = `${'['.repeat(MAX_BODY_DEPTH)}1${']'.repeat(MAX_BODY_DEPTH)}`;
    expect(JSON.stringify(decodeBody(text))).toBe(text);
    expect(JSON.stringify(decodeBody(new TextEncoder().encode(text)))).toBe(text);
    const parsed = JSON.parse(text);
    expect(decodeBody(parsed)).toBe(parsed);
  });

  it(`refuses bodies nested ${MAX_BODY_DEPTH + 1} deep or more as invalid_json naming the limit`, () => {
    const expected = {
      code: 'invalid_json',
      provider: 'textlink',
      issues: [{ path: '', message: 'body is nested deeper than 64' }],
    };
    const arrays = `${'['.repeat(MAX_BODY_DEPTH + 1)}${']'.repeat(MAX_BODY_DEPTH + 1)}`;
    const objects = `${'{"a":'.repeat(MAX_BODY_DEPTH)}{}${'}'.repeat(MAX_BODY_DEPTH)}`;
    for (const body of [arrays, objects, new TextEncoder().encode(objects), JSON.parse(objects)]) {
      const error = thrown(() => decodeBody(body, 'textlink'));
      expect(error).toMatchObject(expected);
      expect(error.message).toContain('64');
    }
    // Deep enough to overflow the engine's parser: the same answer, not a stack overflow.
    const huge = `{"x":${'['.repeat(200_000)}${']'.repeat(200_000)}}`;
    expect(thrown(() => decodeBody(huge, 'textlink'))).toMatchObject(expected);
  });

  it('refuses a field nested too deep anywhere, not only along the first branch', () => {
    let deep: unknown = 'leaf';
    for (let depth = 0; depth < MAX_BODY_DEPTH; depth++) deep = { deeper: deep };
    const body = { phone_number: '+15551234567', extra: [1, { fine: true }], last: deep };
    expect(thrown(() => decodeBody(body)).code).toBe('invalid_json');
    expect(thrown(() => decodeBody(JSON.stringify(body))).code).toBe('invalid_json');
  });

  it('refuses a parsed value with a cycle, which no JSON text can express', () => {
    const cyclic: Record<string, unknown> = { phone_number: '+15551234567' };
    cyclic.self = cyclic;
    expect(thrown(() => decodeBody(cyclic)).code).toBe('invalid_json');
  });

  it('accepts a parsed value that shares one object many times without walking it again', () => {
    let shared: unknown = { leaf: true };
    // 60 levels of two references each: 2^60 paths if every path were walked.
    for (let depth = 0; depth < 60; depth++) shared = { left: shared, right: shared };
    expect(decodeBody(shared)).toBe(shared);
    let tooDeep: unknown = { leaf: true };
    for (let depth = 0; depth < MAX_BODY_DEPTH; depth++)
      tooDeep = { left: tooDeep, right: tooDeep };
    expect(thrown(() => decodeBody(tooDeep)).code).toBe('invalid_json');
  });

  it('does not count nesting inside strings', () => {
    const text = JSON.stringify({ text: '['.repeat(10_000) });
    expect(decodeBody(text)).toEqual({ text: '['.repeat(10_000) });
  });
});

// Every UTF-16 code unit that `trim` removes: a string of only these is blank.
const blankCharacters = Array.from({ length: 0x10000 }, (_, code) =>
  String.fromCharCode(code),
).filter((character) => character.trim() === '');
/** JSON text with `value` as a string, written raw or as a `\uXXXX` escape. */
const texts = (value: string): string[] => [
  JSON.stringify({ phone_number: value, text: 'hi' }),
  `{"phone_number":"${[...value].map((c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`).join('')}","text":"hi"}`,
];

describe('claimBlankFree', () => {
  it('is true once for parsed text in which no string is empty or whitespace only', () => {
    const value = decodeBody('{"phone_number":"+15551234567","text":"a b ","n":[1,"x"]}') as object;
    expect(claimBlankFree(value)).toBe(true);
    expect(claimBlankFree(value)).toBe(false);
  });

  it('is false for text holding an empty string or one of any whitespace, raw or escaped', () => {
    expect(blankCharacters.length).toBeGreaterThan(20);
    for (const value of ['', ...blankCharacters, ' \t\n\u00a0']) {
      for (const text of texts(value)) {
        expect(claimBlankFree(decodeBody(text) as object), JSON.stringify(text)).toBe(false);
      }
    }
  });

  it('is false for a value that was not parsed from text here', () => {
    expect(claimBlankFree(decodeBody({ phone_number: '+15551234567' }) as object)).toBe(false);
  });

  it('leaves every blank identifying value refused, however its text writes it', () => {
    for (const value of ['', ...blankCharacters]) {
      for (const text of texts(value)) {
        const result = safeParseSmsWebhook(text, { provider: 'textlink', kind: 'received' });
        expect(result.success, JSON.stringify(text)).toBe(false);
        if (!result.success) {
          expect(result.error.code).toBe('invalid_payload');
          expect(result.error.issues.map((issue) => issue.path)).toEqual(['phone_number']);
        }
      }
    }
  });
});

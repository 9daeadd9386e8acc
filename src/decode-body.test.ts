import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { thrown } from '../test/support/thrown.js';
import {
  claimParsedJson,
  decodeBody,
  decodeJsonBody,
  MAX_BODY_DEPTH,
  readDecoded,
} from './decode-body.js';
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

/** JSON's short escapes of whitespace characters. */
const shortEscapes: Readonly<Record<string, string>> = {
  '\t': '\\t',
  '\n': '\\n',
  '\r': '\\r',
  '\f': '\\f',
};
/** A blank string's JSON text with each character written raw, as a short escape or as `\uXXXX`. */
const blankStringText = fc
  .array(
    fc.tuple(
      fc.constantFrom(...blankCharacters),
      fc.constantFrom('raw', 'short', 'lower', 'upper'),
    ),
    { maxLength: 6 },
  )
  .map(
    (characters) =>
      `"${characters
        .map(([character, form]) => {
          const hex = character.charCodeAt(0).toString(16).padStart(4, '0');
          if (form === 'lower') return `\\u${hex}`;
          if (form === 'upper') return `\\u${hex.toUpperCase()}`;
          if (form === 'short' && shortEscapes[character]) return shortEscapes[character];
          // A control character may not stand raw in JSON text.
          return character < ' ' ? `\\u${hex}` : character;
        })
        .join('')}"`,
  );

describe('decodeJsonBody', () => {
  it('says a value is fresh when it parsed it from text or bytes, and not when it was given one', () => {
    const text = '{"phone_number":"+15551234567"}';
    expect(decodeJsonBody(text)).toMatchObject({
      fresh: true,
      value: { phone_number: '+15551234567' },
    });
    expect(decodeJsonBody(new TextEncoder().encode(text)).fresh).toBe(true);
    const given = { phone_number: '+15551234567' };
    expect(decodeJsonBody(given)).toEqual({ value: given, fresh: false });
    // Text that is a string, a number or null holds no object to reuse.
    for (const scalar of ['"x"', '1', 'null']) expect(decodeJsonBody(scalar).fresh).toBe(false);
  });
});

describe('readDecoded and claimParsedJson', () => {
  it('let the reader claim a fresh body once, only while it reads, and only that body', () => {
    const decoded = decodeJsonBody('{"a":{"b":1}}');
    const value = decoded.value as { a: object };
    expect(claimParsedJson(value)).toBe(false);
    const claims = readDecoded(decoded, (read) => {
      expect(read).toBe(value);
      return [claimParsedJson(value.a), claimParsedJson(value), claimParsedJson(value)];
    });
    expect(claims).toEqual([false, true, false]);
    expect(readDecoded(decoded, () => claimParsedJson(value))).toBe(true);
    expect(claimParsedJson(value)).toBe(false);
  });

  it('let nothing claim a body that was given already parsed', () => {
    const given = { a: 1 };
    expect(readDecoded(decodeJsonBody(given), (read) => claimParsedJson(read as object))).toBe(
      false,
    );
  });

  it('give the outer read its body back after a nested one, and end the claim when read throws', () => {
    const outer = decodeJsonBody('{"outer":true}');
    const inner = decodeJsonBody('{"inner":true}');
    const claimed = readDecoded(outer, (value) => {
      readDecoded(inner, () => undefined);
      return claimParsedJson(value as object);
    });
    expect(claimed).toBe(true);
    expect(() =>
      readDecoded(inner, () => {
        throw new Error('read failed');
      }),
    ).toThrow('read failed');
    expect(claimParsedJson(inner.value as object)).toBe(false);
  });
});

describe('a body parsed from text', () => {
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

  it('refuses a blank identifying value written with raw characters and escapes mixed, compact or indented', () => {
    fc.assert(
      fc.property(blankStringText, fc.constantFrom(0, 2, '\t'), (blank, indent) => {
        const body = { text: 'hi', phone_number: '@', tag: '' };
        const text = JSON.stringify(body, null, indent).replace('"@"', blank);
        expect((JSON.parse(text) as { phone_number: string }).phone_number.trim()).toBe('');
        const result = safeParseSmsWebhook(text, { provider: 'textlink', kind: 'received' });
        expect(result.success).toBe(false);
        if (!result.success) {
          expect(result.error.issues.map((issue) => issue.path)).toEqual(['phone_number']);
        }
      }),
      { numRuns: 2000 },
    );
  });

  it('accepts blank descriptive values next to a usable identifying one, compact or indented', () => {
    for (const indent of [0, 2]) {
      const text = JSON.stringify(
        { phone_number: '+15551234567', text: ' ', tag: '' },
        null,
        indent,
      );
      const result = safeParseSmsWebhook(text, { provider: 'textlink', kind: 'received' });
      expect(result.success).toBe(true);
      if (result.success) expect(result.events[0]).toMatchObject({ from: '+15551234567' });
    }
  });
});

import { describe, expect, it } from 'vitest';
import {
  canonicalJson,
  documentedFields,
  documentedFingerprint,
  fingerprint,
  isFingerprintKey,
} from './fingerprint.js';

describe('fingerprint', () => {
  it('is fp: and 16 hex digits and ignores key order', () => {
    const a = fingerprint({ phone_number: '+381690156360', text: 'Hi', nested: { b: 1, a: 2 } });
    const b = fingerprint({ nested: { a: 2, b: 1 }, text: 'Hi', phone_number: '+381690156360' });
    expect(a).toMatch(/^fp:[0-9a-f]{16}$/);
    expect(a).toBe(b);
  });

  it('differs when any value differs', () => {
    const base = { phone_number: '+381690156360', text: 'Hello there', timestamp: 1748463114559 };
    const seen = new Set([fingerprint(base)]);
    seen.add(fingerprint({ ...base, text: 'Hello there!' }));
    seen.add(fingerprint({ ...base, timestamp: 1748463114560 }));
    seen.add(fingerprint({ ...base, phone_number: '+381690156361' }));
    seen.add(fingerprint({ ...base, extra: null }));
    seen.add(fingerprint([base]));
    expect(seen.size).toBe(6);
  });

  it('gives the same fingerprints as before, so a store still knows a redelivery after an upgrade', () => {
    expect(fingerprint({})).toBe('fp:694861e0e3658372');
    expect(fingerprint([])).toBe('fp:9bbe8f9aee881a04');
    expect(fingerprint(null)).toBe('fp:2177f2c13a395942');
    expect(fingerprint('Yes')).toBe('fp:dab13a58c7a327ce');
    expect(fingerprint({ text: 'Yes' })).toBe('fp:30f666ec99714065');
    expect(fingerprint({ text: 'Hi', phone_number: '+381690156360' })).toBe('fp:45946bf6cbcac971');
    // Either half with leading zeros: each is written as eight digits.
    expect(fingerprint({ text: 'n273' })).toBe('fp:003a042674b1fa11');
    expect(fingerprint({ text: 'n185' })).toBe('fp:bbf4d6220096dc25');
  });

  it('gives the same fingerprints as before for non-ASCII, lone surrogates and long texts', () => {
    expect(fingerprint({ text: 'Café 🎉 ok' })).toBe('fp:387ce4f69534e0b4');
    expect(fingerprint({ text: 'a\ud800b' })).toBe('fp:28781bd638595d9a');
    expect(fingerprint({ text: 'x'.repeat(70_000) })).toBe('fp:436781a8d6e29f8c');
    expect(fingerprint({ text: 'é'.repeat(40_000) })).toBe('fp:df29538bfb153ce0');
    // Longer than the first scratch buffer, then the same with one non-ASCII character after it.
    expect(fingerprint({ text: 'y'.repeat(3000) })).toBe('fp:50b3cf5ef4e84950');
    expect(fingerprint({ text: 'y'.repeat(3000), more: 'é' })).toBe('fp:22997d99e08faddb');
    // A short text after long ones reads only its own bytes from the grown buffer.
    expect(fingerprint({ text: 'Yes' })).toBe('fp:30f666ec99714065');
  });

  it('is the hash of the canonical text, for any JSON value and any UTF-16 text in it', async () => {
    const fc = await import('fast-check');
    // The digest written out over the joined text in one loop, as the keys in stores were made.
    const reference = (text: string): string => {
      let h1 = 0x811c9dc5;
      let h2 = 0x01000193 ^ text.length;
      for (let index = 0; index < text.length; index++) {
        const code = text.charCodeAt(index);
        h1 = Math.imul(h1 ^ code, 0x01000193);
        h2 = Math.imul(h2 ^ code, 0x5bd1e995);
        h2 ^= h2 >>> 15;
      }
      h1 = Math.imul(h1 ^ (h1 >>> 13), 0xc2b2ae35);
      h1 ^= h1 >>> 16;
      h2 = Math.imul(h2 ^ (h2 >>> 13), 0x85ebca6b);
      h2 ^= h2 >>> 16;
      const hex = (word: number) => (word >>> 0).toString(16).padStart(8, '0');
      return `fp:${hex(h1)}${hex(h2)}`;
    };
    // JSON.stringify with every object's keys sorted, written out apart from the library's writers.
    const canonicalTextOf = (value: unknown): string => {
      if (Array.isArray(value)) return `[${value.map(canonicalTextOf).join(',')}]`;
      if (value === null || typeof value !== 'object') return JSON.stringify(value);
      const record = value as Record<string, unknown>;
      const fields = Object.keys(record).sort();
      return `{${fields.map((key) => `${JSON.stringify(key)}:${canonicalTextOf(record[key])}`).join(',')}}`;
    };
    // Any code points, and any UTF-16 code units (lone surrogates too).
    const anyText = fc.oneof(
      fc.string({ unit: 'binary' }),
      fc.string({
        unit: fc.integer({ min: 0, max: 0xffff }).map((code) => String.fromCharCode(code)),
      }),
    );
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 3 }), anyText, (value, text) => {
        const wrapped = { text, value };
        expect(canonicalJson(wrapped)).toBe(canonicalTextOf(wrapped));
        expect(fingerprint(wrapped)).toBe(reference(canonicalTextOf(wrapped)));
      }),
      { numRuns: 1000 },
    );
  });

  it('writes both 32-bit halves as 8 hex digits, leading zeros included', () => {
    // The first half of this one, and the second half of the next, start with a zero digit.
    expect(fingerprint({ text: 'Hi 19' })).toBe('fp:0cdda3f563c69568');
    expect(fingerprint({ text: 'Hi 2' })).toBe('fp:ce9c921503131d70');
    for (let index = 0; index < 200; index++) {
      expect(fingerprint({ text: `Hi ${index}` })).toMatch(/^fp:[0-9a-f]{16}$/);
    }
  });

  it('serializes canonically', () => {
    expect(canonicalJson({ b: [1, { d: 1, c: 'x' }], a: null })).toBe(
      '{"a":null,"b":[1,{"c":"x","d":1}]}',
    );
  });

  it('writes every string, number and literal exactly as JSON.stringify does', () => {
    // Every UTF-16 code unit alone and between other text (controls, quotes, backslashes and lone
    // surrogates are escaped; everything else is written as it is), plus pairs and mixed escapes.
    const strings = [
      '',
      'plain',
      'a"b',
      'a\\b',
      'tab\there',
      'line\u2028sep',
      '\u007f',
      '🎉',
      'é\n"',
    ];
    for (let code = 0; code <= 0xffff; code++) {
      const unit = String.fromCharCode(code);
      strings.push(unit, `x${unit}y`);
    }
    const mismatched = strings.filter((text) => canonicalJson(text) !== JSON.stringify(text));
    expect(mismatched).toEqual([]);
    const keys = strings.slice(0, 2000);
    const record = Object.fromEntries(keys.map((key, index) => [key, index]));
    const sorted = Object.keys(record).sort();
    expect(canonicalJson(record)).toBe(
      `{${sorted.map((key) => `${JSON.stringify(key)}:${record[key]}`).join(',')}}`,
    );
    const numbers = [
      0,
      -0,
      1,
      -1,
      0.1,
      1e21,
      1e-7,
      123456789012345680000,
      5e-324,
      Number.MAX_VALUE,
    ];
    for (const value of [
      ...numbers,
      Number.NaN,
      Number.POSITIVE_INFINITY,
      -Infinity,
      true,
      false,
    ]) {
      expect(canonicalJson(value), String(value)).toBe(JSON.stringify(value));
    }
    expect(() => canonicalJson(1n)).toThrow(TypeError);
  });

  it('writes null for what JSON cannot hold (undefined, functions, symbols), so it always parses', () => {
    expect(canonicalJson(undefined)).toBe('null');
    expect(canonicalJson([undefined, () => 1, 2])).toBe('[null,null,2]');
    expect(canonicalJson({ a: undefined })).toBe('{"a":null}');
    expect(JSON.parse(canonicalJson({ b: [undefined], a: Symbol('s') }))).toEqual({
      a: null,
      b: [null],
    });
  });
});

describe('isFingerprintKey', () => {
  it('tells keys built on a fingerprint from keys built on a provider id', () => {
    expect(isFingerprintKey(`textlink:received:${fingerprint({ text: 'Yes' })}`)).toBe(true);
    expect(isFingerprintKey(fingerprint({}))).toBe(true);
    expect(isFingerprintKey(`textrequest:contact:~${fingerprint({ a: 1 })}`)).toBe(true);
    expect(isFingerprintKey('telmetrics:0bdacf54acd6480086b9f9b6c1baa50b:0')).toBe(false);
    expect(isFingerprintKey('textrequest:message:5f2b9c1e-8d4a-4b7e-9a63-0c1d2e3f4a5b')).toBe(
      false,
    );
    expect(isFingerprintKey('textlink:failed:100123')).toBe(false);
    expect(isFingerprintKey('textrequest:message:0123456789abcdef')).toBe(false);
  });

  it('looks at the end of the key only: a provider id that merely contains a fingerprint is not one', () => {
    const inner = fingerprint({ text: 'Yes' });
    expect(isFingerprintKey(`textlink:failed:${inner}0`)).toBe(false);
    expect(isFingerprintKey(`textlink:failed:${inner}:0`)).toBe(false);
    expect(isFingerprintKey(`${inner}~x`)).toBe(false);
    expect(isFingerprintKey(`textlink:failed:x${inner}`)).toBe(false);
  });
});

describe('documentedFields', () => {
  it('keeps the documented fields only, through optional, nullable and array schemas', async () => {
    const v = await import('valibot');
    const schema = v.looseObject({
      id: v.number(),
      conversation: v.optional(
        v.looseObject({ text: v.string(), media: v.array(v.looseObject({ url: v.string() })) }),
      ),
    });
    const value = {
      id: 1,
      extra: true,
      conversation: { text: 'hi', later: 2, media: [{ url: 'u', size: 3 }] },
    };
    expect(documentedFields(schema, value)).toEqual({
      id: 1,
      conversation: { text: 'hi', media: [{ url: 'u' }] },
    });
    expect(documentedFields(schema, { id: 2 })).toEqual({ id: 2 });
  });
});

describe('documentedFingerprint', () => {
  it('equals fingerprint(documentedFields(schema, value)) for any value', async () => {
    const v = await import('valibot');
    const fc = await import('fast-check');
    const schema = v.looseObject({
      id: v.number(),
      b: v.optional(v.nullable(v.string())),
      a: v.array(v.looseObject({ url: v.string(), type: v.optional(v.string()) })),
      nested: v.optional(v.looseObject({ z: v.unknown(), y: v.union([v.string(), v.number()]) })),
    });
    const keyed = fc.oneof(
      fc.constantFrom('id', 'a', 'b', 'nested', 'url', 'type', 'z', 'y', 'extra'),
      fc.string(),
    );
    const json = fc.letrec((tie) => ({
      value: fc.oneof(
        { depthSize: 'small' },
        fc.jsonValue({ maxDepth: 1 }),
        fc.array(tie('value'), { maxLength: 3 }),
        fc.dictionary(keyed, tie('value'), { maxKeys: 6 }),
      ),
    })).value;
    fc.assert(
      fc.property(json, (value) => {
        expect(documentedFingerprint(schema, value)).toBe(
          fingerprint(documentedFields(schema, value)),
        );
      }),
      { numRuns: 2000 },
    );
  });

  it('ignores undocumented fields whatever their names, "undefined" and "__proto__" included', async () => {
    const v = await import('valibot');
    const schema = v.looseObject({ b: v.string(), a: v.optional(v.number()) });
    const documented = { a: 1, b: 'x' };
    const expected = documentedFingerprint(schema, documented);
    for (const name of ['undefined', 'null', 'c', '0', '']) {
      expect(documentedFingerprint(schema, { ...documented, [name]: 2 })).toBe(expected);
      expect(documentedFingerprint(schema, { [name]: 2 })).toBe(documentedFingerprint(schema, {}));
    }
    expect(documentedFingerprint(schema, JSON.parse('{"a":1,"b":"x","__proto__":{"b":"y"}}'))).toBe(
      expected,
    );
  });

  it('keeps giving right keys after a value JSON cannot write, and past thousands of values', async () => {
    const v = await import('valibot');
    const schema = v.looseObject({ a: v.array(v.unknown()), b: v.optional(v.string()) });
    const value = { a: [1, 'two', { three: [3] }], b: 'x' };
    const expected = fingerprint(documentedFields(schema, value));
    // A bigint throws from JSON.stringify, so from here as from fingerprint(); the next key is right.
    expect(() => documentedFingerprint(schema, { a: ['lead', 10n], b: 'y' })).toThrow(TypeError);
    expect(() => fingerprint({ a: ['lead', 10n], b: 'y' })).toThrow(TypeError);
    expect(documentedFingerprint(schema, value)).toBe(expected);
    const long = { a: Array.from({ length: 5000 }, (_, index) => `item ${index}`), b: 'x' };
    expect(documentedFingerprint(schema, long)).toBe(fingerprint(documentedFields(schema, long)));
    expect(documentedFingerprint(schema, value)).toBe(expected);
  });

  it('gives the shipped fixtures the keys they had', async () => {
    const { TextRequestMessageSchema } = await import('../providers/textrequest/schema.js');
    const { textLinkSchemas } = await import('../providers/textlink/schema.js');
    const message = (await import('../../fixtures/textrequest/message-received.json')).default;
    const received = (await import('../../fixtures/textlink/received.json')).default;
    expect(documentedFingerprint(TextRequestMessageSchema, message)).toBe(
      fingerprint(documentedFields(TextRequestMessageSchema, message)),
    );
    expect(documentedFingerprint(textLinkSchemas.received, received)).toBe(
      fingerprint(documentedFields(textLinkSchemas.received, received)),
    );
    expect(documentedFingerprint(TextRequestMessageSchema, message)).toBe('fp:4b9bb81ee493020c');
    expect(documentedFingerprint(textLinkSchemas.received, received)).toBe('fp:b0d3879c641ce464');
  });
});

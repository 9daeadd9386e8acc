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

  it('serializes canonically', () => {
    expect(canonicalJson({ b: [1, { d: 1, c: 'x' }], a: null })).toBe(
      '{"a":null,"b":[1,{"c":"x","d":1}]}',
    );
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
  });
});

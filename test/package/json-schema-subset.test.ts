import { describe, expect, it } from 'vitest';
import { validateJsonSchema } from './json-schema-subset.js';

const message = {
  type: 'object',
  properties: {
    phone: { type: 'string', pattern: '^\\+\\d+$' },
    count: {
      anyOf: [
        { type: 'integer', minimum: 0 },
        { type: 'string', pattern: '^\\d+$' },
      ],
    },
    direction: { enum: ['S', 'R'] },
    action: { type: 'string', not: { const: 'Stop' } },
    tag: { anyOf: [{ type: 'string' }, { type: 'null' }] },
    media: { type: 'array', items: { type: 'object', properties: { url: { type: 'string' } } } },
  },
  required: ['phone'],
};

describe('validateJsonSchema', () => {
  it('accepts a value that matches, unknown properties included', () => {
    expect(
      validateJsonSchema(message, {
        phone: '+15550100',
        count: '12',
        direction: 'R',
        action: 'Start',
        tag: null,
        media: [{ url: 'https://example.com/a.png' }],
        extra: { anything: true },
      }),
    ).toEqual([]);
  });

  it('names each failing value by its JSON Pointer', () => {
    expect(
      validateJsonSchema(message, {
        count: -1,
        direction: 'X',
        action: 'Stop',
        tag: 3,
        media: [{ url: 7 }],
      }),
    ).toEqual([
      { at: '', message: 'required: missing property "phone"' },
      { at: '/count', message: 'anyOf: matches no branch' },
      { at: '/direction', message: 'enum: expected one of ["S","R"]' },
      { at: '/action', message: 'not: must not match' },
      { at: '/tag', message: 'anyOf: matches no branch' },
      { at: '/media/0/url', message: 'type: expected string, received number' },
    ]);
  });

  it('tells integers from other numbers and checks patterns', () => {
    expect(validateJsonSchema({ type: 'integer' }, 1.5)).toHaveLength(1);
    expect(validateJsonSchema({ type: 'integer' }, 2)).toEqual([]);
    expect(validateJsonSchema(message, { phone: '5550100' })).toEqual([
      { at: '/phone', message: 'pattern: expected to match ^\\+\\d+$' },
    ]);
  });

  it('requires exactly one oneOf branch to match', () => {
    const schema = { oneOf: [{ type: 'string' }, { type: 'string', pattern: '^a' }] };
    expect(validateJsonSchema(schema, 'b')).toEqual([]);
    expect(validateJsonSchema(schema, 'a')).toEqual([
      { at: '', message: 'oneOf: must match exactly one' },
    ]);
  });

  it('checks property names and the values of unlisted properties', () => {
    const schema = {
      type: 'object',
      additionalProperties: { type: 'number' },
      propertyNames: { pattern: '^[a-z]+$' },
    };
    expect(validateJsonSchema(schema, { a: 1, b: 2 })).toEqual([]);
    expect(validateJsonSchema(schema, { a: 'x', B: 2 })).toEqual([
      { at: '/a', message: 'type: expected number, received string' },
      { at: '/B', message: 'pattern: expected to match ^[a-z]+$' },
    ]);
  });

  it('follows $ref into $defs', () => {
    const schema = {
      $defs: { id: { type: 'string' } },
      type: 'object',
      properties: { id: { $ref: '#/$defs/id' } },
    };
    expect(validateJsonSchema(schema, { id: 'a' })).toEqual([]);
    expect(validateJsonSchema(schema, { id: 1 })).toHaveLength(1);
  });

  it('refuses a keyword it does not implement rather than passing the value', () => {
    expect(() => validateJsonSchema({ type: 'string', format: 'email' }, 'x')).toThrow(
      'JSON Schema keyword "format" is not implemented',
    );
  });
});

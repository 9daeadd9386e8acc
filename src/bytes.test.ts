import { describe, expect, it } from 'vitest';
import { concatBytes, toBase64, toHex, utf8 } from './bytes.js';

describe('concatBytes', () => {
  it('joins the parts in order, empty ones included', () => {
    expect(concatBytes([utf8('1700000000.'), new Uint8Array(), utf8('{}')])).toEqual(
      utf8('1700000000.{}'),
    );
    expect(concatBytes([])).toEqual(new Uint8Array());
  });

  it('joins more parts than a call takes arguments', () => {
    const parts = Array.from({ length: 300_000 }, () => new Uint8Array([0x61]));
    expect(concatBytes(parts).byteLength).toBe(300_000);
  });
});

describe('toBase64, toHex and utf8', () => {
  it('encode bytes as padded Base64 and lowercase hex, and text as UTF-8', () => {
    expect(utf8('é€')).toEqual(new Uint8Array([0xc3, 0xa9, 0xe2, 0x82, 0xac]));
    expect(toBase64(new Uint8Array([0xff, 0x00]))).toBe('/wA=');
    expect(toHex(new Uint8Array([0x0a, 0xff]))).toBe('0aff');
  });
});

describe('toHex', () => {
  it('writes every byte value as two lowercase digits, as Node does', () => {
    const every = Uint8Array.from({ length: 256 }, (_, index) => index);
    expect(toHex(every)).toBe(Buffer.from(every).toString('hex'));
    expect(toHex(new Uint8Array())).toBe('');
  });

  it('encodes more bytes than one call to String.fromCharCode takes', () => {
    const bytes = Uint8Array.from({ length: 10_000 }, (_, index) => (index * 7919) % 256);
    expect(toHex(bytes)).toBe(Buffer.from(bytes).toString('hex'));
  });
});

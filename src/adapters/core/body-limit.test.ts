import { describe, expect, it } from 'vitest';
import {
  createBodyCollector,
  DEFAULT_MAX_BODY_BYTES,
  declaredLengthExceeds,
} from './body-limit.js';

describe('declaredLengthExceeds', () => {
  it.each([
    ['1025', 1024, true],
    ['1024', 1024, false],
    [' 2048 ', 1024, true],
    ['0', 1024, false],
    ['99999999999999999999', 1024, true],
  ] as const)('Content-Length %j against %i bytes → %s', (header, max, expected) => {
    expect(declaredLengthExceeds(header, max)).toBe(expected);
  });

  it.each([null, '', 'abc', '-5', '1e9', '12, 12'])('says nothing about %j', (header) => {
    expect(declaredLengthExceeds(header, 1)).toBe(false);
  });
});

describe('createBodyCollector', () => {
  it('joins the chunks it kept, in order', () => {
    const collector = createBodyCollector(8);
    expect(collector.add(new Uint8Array([1, 2, 3]))).toBe(true);
    expect(collector.add(new Uint8Array([4, 5]))).toBe(true);
    expect(collector.bytes()).toEqual(new Uint8Array([1, 2, 3, 4, 5]));
  });

  it('accepts exactly the limit and refuses the chunk that would pass it, keeping none of it', () => {
    const collector = createBodyCollector(4);
    expect(collector.add(new Uint8Array([1, 2, 3, 4]))).toBe(true);
    expect(collector.add(new Uint8Array([5]))).toBe(false);
    expect(collector.bytes()).toEqual(new Uint8Array([1, 2, 3, 4]));
  });

  it('joins many tiny chunks without running out of stack', () => {
    const collector = createBodyCollector(DEFAULT_MAX_BODY_BYTES);
    const one = new Uint8Array([0x61]);
    for (let index = 0; index < 300_000; index++) collector.add(one);
    expect(collector.bytes().byteLength).toBe(300_000);
  });

  it('defaults to 1 MiB', () => {
    expect(DEFAULT_MAX_BODY_BYTES).toBe(1024 * 1024);
  });
});

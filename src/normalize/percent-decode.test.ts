import { describe, expect, it } from 'vitest';
import { percentDecode } from './percent-decode.js';

describe('percentDecode', () => {
  it('decodes escapes', () => {
    expect(percentDecode('new%20cars')).toBe('new cars');
    expect(percentDecode('caf%C3%A9')).toBe('café');
  });

  it('leaves a plus sign a plus sign, escaped or not', () => {
    expect(percentDecode('a+b')).toBe('a+b');
    expect(percentDecode('a+b%2B')).toBe('a+b+');
  });

  it('keeps the original when an escape is malformed', () => {
    expect(percentDecode('100%')).toBe('100%');
    expect(percentDecode('%E0%A4%A')).toBe('%E0%A4%A');
  });
});

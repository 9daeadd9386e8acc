import { describe, expect, it } from 'vitest';
import { toE164 } from './phone-number.js';

describe('toE164', () => {
  it.each([
    ['9055802958', '+19055802958'],
    ['14232056522', '+14232056522'],
    ['+1(555)-123-4567', '+15551234567'],
    ['(423) 218-0111', '+14232180111'],
    ['423.218.0111', '+14232180111'],
    ['+381690156360', '+381690156360'],
    ['+11234567890', '+11234567890'],
  ])('normalizes %s to %s', (input, expected) => {
    expect(toE164(input)).toBe(expected);
  });

  it.each([['905219CARS'], ['12345'], ['24242'], ['0044 20 7946 0958'], ['+12']])(
    'leaves %s as the provider sent it',
    (input) => {
      expect(toE164(input)).toBe(input);
    },
  );

  it('turns missing and empty values into null', () => {
    expect(toE164(undefined)).toBeNull();
    expect(toE164(null)).toBeNull();
    expect(toE164('')).toBeNull();
    expect(toE164('   ')).toBeNull();
  });

  it('accepts numbers as sent by providers that type numbers loosely', () => {
    expect(toE164(9055802958)).toBe('+19055802958');
  });
});

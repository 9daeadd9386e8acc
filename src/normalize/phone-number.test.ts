import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isValidE164, type SmsPhoneNumberParser, toE164 } from './phone-number.js';

describe('toE164', () => {
  it.each([
    ['9055802958', '+19055802958'],
    ['14232056522', '+14232056522'],
    ['1 (423) 205-6522', '+14232056522'],
    ['+1(555)-223-4567', '+15552234567'],
    ['(423) 218-0111', '+14232180111'],
    ['423.218.0111', '+14232180111'],
    ['423/218/0111', '+14232180111'],
    ['+381690156360', '+381690156360'],
    ['+44 20 7946 0958', '+442079460958'],
    ['+44 (0) 20 7946 0958', '+442079460958'],
    ['+44(0)2079460958', '+442079460958'],
    ['+49 (0)30 901820', '+4930901820'],
    ['+33 1 23 45 67 89', '+33123456789'],
    ['+7 495 123-45-67', '+74951234567'],
    ['+86 138 0013 8000', '+8613800138000'],
    ['+353 1 234 5678', '+35312345678'],
    ['  +61 2 9876 5432 ', '+61298765432'],
  ])('normalizes %j to %s', (input, expected) => {
    expect(toE164(input)).toBe(expected);
  });

  it.each([
    ['905219CARS'],
    ['12345'],
    ['24242'],
    ['0044 20 7946 0958'],
    ['+12'],
    ['0690156360'],
    ['+0 1234 5678'],
    ['+11234567890'],
    ['1234567890'],
    ['11234567890'],
    ['4231180111'],
    ['+14231180111'],
    ['+1423218011'],
    ['+142321801112'],
    ['+44 (0) 20 7946 0958 1234'],
    ['+4402079460958'],
    ['+210 123 456 789'],
    ['+999 123 456 789'],
    ['+49 1'],
    ['+1234567890123456'],
    ['+'],
    ['++14232180111'],
    ['tel:+14232180111'],
  ])('leaves %j as the provider sent it', (input) => {
    expect(toE164(input)).toBe(input);
  });

  it('keeps the provider string trimmed when it is not made E.164', () => {
    expect(toE164(' 24242 ')).toBe('24242');
  });

  it('turns missing and empty values into null', () => {
    expect(toE164(undefined)).toBeNull();
    expect(toE164(null)).toBeNull();
    expect(toE164('')).toBeNull();
    expect(toE164('   ')).toBeNull();
  });

  it('accepts numbers as sent by providers that type numbers loosely', () => {
    expect(toE164(9055802958)).toBe('+19055802958');
    expect(toE164(24242)).toBe('24242');
  });

  it('lets a plugged-in parser decide', () => {
    const calls: string[] = [];
    const parser: SmsPhoneNumberParser = (value) => {
      calls.push(value);
      return value === '020 7946 0958' ? '+442079460958' : null;
    };
    expect(toE164(' 020 7946 0958 ', parser)).toBe('+442079460958');
    expect(calls).toEqual(['020 7946 0958']);
    // `null` from the parser keeps the provider's string, even where the built-in rules would not.
    expect(toE164('9055802958', parser)).toBe('9055802958');
    expect(toE164(null, parser)).toBeNull();
    expect(toE164('', parser)).toBeNull();
    expect(calls).toHaveLength(2);
  });

  it('keeps the provider string when the parser throws or returns something not E.164', () => {
    const throwing: SmsPhoneNumberParser = () => {
      throw new Error('boom');
    };
    expect(toE164('9055802958', throwing)).toBe('9055802958');
    expect(toE164('9055802958', () => '9055802958')).toBe('9055802958');
    expect(toE164('9055802958', () => '+0123')).toBe('9055802958');
    expect(toE164('9055802958', () => 42 as never)).toBe('9055802958');
    expect(toE164('9055802958', () => '+19055802958')).toBe('+19055802958');
  });

  it('returns only valid E.164 or the trimmed provider string, for any input', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string(),
          fc.stringMatching(/^\+?[\d\s().-]{0,20}$/),
          fc.integer({ min: 0, max: Number.MAX_SAFE_INTEGER }),
        ),
        (value) => {
          const result = toE164(value);
          const text = String(value).trim();
          if (text === '') expect(result).toBeNull();
          else expect(result === text || isValidE164(result ?? '')).toBe(true);
        },
      ),
      { numRuns: 500 },
    );
  });
});

describe('isValidE164', () => {
  it.each([
    '+14232180111',
    '+442079460958',
    '+4930901820',
    '+381690156360',
    '+8613800138000',
    '+2901234',
    '+97412345678',
  ])('accepts %s', (value) => {
    expect(isValidE164(value)).toBe(true);
  });

  it.each([
    '14232180111',
    '+1423218011',
    '+11234567890',
    '+14231234567',
    '+4402079460958',
    '+44207946',
    '+0123456789',
    '+2101234567',
    '+3881234567',
    '+8801',
    '+1234567890123456',
    '+1423218011a',
    '',
  ])('refuses %j', (value) => {
    expect(isValidE164(value)).toBe(false);
  });
});

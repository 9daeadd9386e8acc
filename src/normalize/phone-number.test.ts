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

describe('toE164 on the forms providers send', () => {
  // Numbers as written in each country, with the E.164 each one dials; the codes span the table
  // of assigned calling codes.
  it.each([
    ['+212 6 12 34 56 78', '+212612345678'], // Morocco
    ['+233 24 123 4567', '+233241234567'], // Ghana
    ['+234 803 123 4567', '+2348031234567'], // Nigeria
    ['+237 6 71 23 45 67', '+237671234567'], // Cameroon
    ['+244 923 123 456', '+244923123456'], // Angola
    ['+254 712 345 678', '+254712345678'], // Kenya
    ['+255 754 123 456', '+255754123456'], // Tanzania
    ['+357 96 123456', '+35796123456'], // Cyprus
    ['+358 40 1234567', '+358401234567'], // Finland
    ['+502 5123 4567', '+50251234567'], // Guatemala
    ['+506 8312 3456', '+50683123456'], // Costa Rica
    ['+593 99 123 4567', '+593991234567'], // Ecuador
    ['+598 94 231 234', '+59894231234'], // Uruguay
    ['+679 701 2345', '+6797012345'], // Fiji
    ['+685 72 12345', '+6857212345'], // Samoa
    ['+691 320 1234', '+6913201234'], // Micronesia
    ['+852 5123 4567', '+85251234567'], // Hong Kong
    ['+880 1812 345678', '+8801812345678'], // Bangladesh
    ['+886 912 345 678', '+886912345678'], // Taiwan
    ['+961 71 123 456', '+96171123456'], // Lebanon
    ['+966 50 123 4567', '+966501234567'], // Saudi Arabia
    ['+995 555 12 34 56', '+995555123456'], // Georgia
    ['+998 90 123 45 67', '+998901234567'], // Uzbekistan
  ])('normalizes %j to %s', (input, expected) => {
    expect(toE164(input)).toBe(expected);
    expect(isValidE164(expected)).toBe(true);
  });

  it.each([
    // Italy keeps the leading 0 of its area codes: only a lone `(0)` is a trunk prefix.
    ['+39 (06) 1234 5678', '+390612345678'],
    ['+39 (010) 123 4567', '+390101234567'],
    ['+1 (800) 555-0100', '+18005550100'],
    ['+44 ( 0 ) 20 7946 0958', '+442079460958'],
  ])('drops only a parenthesised trunk zero: %j is %s', (input, expected) => {
    expect(toE164(input)).toBe(expected);
  });

  it.each([
    // Words after the digits: not something to dial, whatever the digits alone would be.
    ['905-580-2958 cell'],
    ['9055802958x'],
    ['+44 20 7946 0958 (home)'],
    ['+1 905 580 2958 ext'],
    // 11 digits that do not start with the NANP country code 1, and 12 that do.
    ['29055802958'],
    ['22125551234'],
    ['21255512345'],
    ['190558029581'],
    ['1 905 580 2958 1'],
    // 10 digits starting with 1, 9 digits, and a bare country code.
    ['1905580295'],
    ['905580295'],
    ['1'],
  ])('leaves %j as the provider sent it', (input) => {
    expect(toE164(input)).toBe(input);
  });

  it('reads every common way of writing a NANP number as the same E.164 number', () => {
    const digit = (from: number) => fc.integer({ min: from, max: 9 }).map(String);
    const national = fc
      .tuple(
        digit(2),
        digit(0),
        digit(0),
        digit(2),
        fc.array(digit(0), { minLength: 6, maxLength: 6 }),
      )
      .map(([a, b, c, d, rest]) => `${a}${b}${c}${d}${rest.join('')}`);
    fc.assert(
      fc.property(national, (n) => {
        const area = n.slice(0, 3);
        const exchange = n.slice(3, 6);
        const line = n.slice(6);
        const expected = `+1${n}`;
        const forms = [
          n,
          `1${n}`,
          `+1${n}`,
          `(${area}) ${exchange}-${line}`,
          `1 (${area}) ${exchange}-${line}`,
          `+1 ${area} ${exchange} ${line}`,
          `+1(${area})-${exchange}-${line}`,
          `${area}.${exchange}.${line}`,
          `${area}/${exchange}/${line}`,
          ` ${n}\t`,
        ];
        for (const form of forms) expect(toE164(form)).toBe(expected);
        expect(toE164(Number(n))).toBe(expected);
        expect(isValidE164(expected)).toBe(true);
      }),
      { numRuns: 200 },
    );
  });

  it('keeps a number whose area code or exchange starts with 0 or 1 as sent, in every form', () => {
    const digits = fc.array(fc.integer({ min: 0, max: 9 }).map(String), {
      minLength: 10,
      maxLength: 10,
    });
    fc.assert(
      fc.property(digits, fc.constantFrom(0, 3), fc.constantFrom('0', '1'), (list, at, bad) => {
        list[at] = bad;
        const n = list.join('');
        const punctuated = `(${n.slice(0, 3)}) ${n.slice(3, 6)}-${n.slice(6)}`;
        for (const form of [n, `1${n}`, punctuated]) expect(toE164(form)).toBe(form);
        expect(toE164(`+1${n}`)).toBe(`+1${n}`);
        expect(isValidE164(`+1${n}`)).toBe(false);
      }),
      { numRuns: 200 },
    );
  });

  it('agrees with isValidE164 on `+` and digits however they are spaced', () => {
    // Parentheses are left out: `(0)` is a trunk prefix, dropped (see above).
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 9 }).map(String), { minLength: 1, maxLength: 16 }),
        fc.array(fc.constantFrom('', ' ', '-', '.', '/', ' - '), { minLength: 16, maxLength: 16 }),
        (digits, gaps) => {
          const compact = `+${digits.join('')}`;
          const spaced = `+${digits.map((d, i) => `${d}${gaps[i]}`).join('')}`;
          // Already `+` and digits: returned as it is, valid or not.
          expect(toE164(compact)).toBe(compact);
          expect(toE164(spaced)).toBe(isValidE164(compact) ? compact : spaced.trim());
        },
      ),
      { numRuns: 500 },
    );
  });

  it('uses a parser result only when it is an E.164 string', () => {
    expect(toE164('9055802958', () => 'tel:+19055802958')).toBe('9055802958');
    expect(toE164('9055802958', () => '+1 905 580 2958')).toBe('9055802958');
    expect(toE164('9055802958', () => '19055802958')).toBe('9055802958');
    // A String object reads like the number, but the event carries strings only.
    const boxed = (() => new String('+19055802958')) as unknown as SmsPhoneNumberParser;
    const result = toE164('9055802958', boxed);
    expect(typeof result).toBe('string');
    expect(result).toBe('9055802958');
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
    // A second `+` inside: only the end would look like a number.
    '+44+2079460',
    '+1+4232180111',
    '1+4232180111',
  ])('refuses %j', (value) => {
    expect(isValidE164(value)).toBe(false);
  });
});

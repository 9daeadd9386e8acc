/**
 * A full phone number parser you plug in (e.g. built on libphonenumber-js): the E.164 form of a
 * number, or `null` to keep the provider's string.
 *
 * @example
 * ```ts
 * import { parsePhoneNumberFromString } from 'libphonenumber-js';
 * const phoneNumberParser = (value: string) => parsePhoneNumberFromString(value, 'US')?.number ?? null;
 * ```
 */
export type SmsPhoneNumberParser = (value: string) => string | null;

/**
 * Normalizes a phone number to E.164 where the digits allow it, else returns the provider's string.
 *
 * With `parser`, its answer is used instead (`null` keeps the provider's string).
 *
 * `+` and digits are kept and punctuation and spaces dropped; 10 digits become `+1…` (NANP);
 * 11 digits starting with 1 become `+1…`; short codes and vanity numbers stay as sent; empty is `null`.
 *
 * @example
 * ```ts
 * toE164('9055802958'); // '+19055802958'
 * toE164('+1(555)-123-4567'); // '+15551234567'
 * toE164('905219CARS'); // '905219CARS'
 * ```
 */
export function toE164(
  value: string | number | null | undefined,
  parser?: SmsPhoneNumberParser,
): string | null {
  if (value === null || value === undefined) return null;
  const original = String(value).trim();
  if (original === '') return null;
  if (parser) return parser(original) ?? original;
  // Only punctuation a person writes in a phone number may be dropped; letters mean a vanity number.
  if (!/^\+?[\d\s().\-/]+$/.test(original)) return original;
  const digits = original.replace(/\D/g, '');
  if (digits === '') return original;
  if (original.startsWith('+')) {
    return digits.length >= 8 && digits.length <= 15 ? `+${digits}` : original;
  }
  if (digits.length === 10) return `+1${digits}`;
  if (digits.length === 11 && digits.startsWith('1')) return `+${digits}`;
  return original;
}

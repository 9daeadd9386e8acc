/**
 * A full phone number parser plugged into {@link toE164}: returns the number in E.164 (`+` and up
 * to 15 digits), or `null` when it is not a valid number. It may wrap libphonenumber-js, e.g.
 * `(value) => parsePhoneNumberFromString(value, 'US')?.number ?? null`.
 */
export type SmsPhoneNumberParser = (value: string) => string | null;

/**
 * The country calling codes ITU-T assigns (E.164 and its annex of assigned codes), each with the
 * shortest and longest national significant number in use under it, `code:min-max`. The limits
 * are wide on purpose: they refuse what no plan under the code dials, never a number in use.
 * Spare, reserved and withdrawn codes (e.g. 210, 259, 388, 671, 684) are absent.
 */
const COUNTRY_CODES =
  '1:10-10 7:10-10 20:7-10 27:9-9 30:10-10 31:7-11 32:8-9 33:9-9 34:9-9 36:8-9 39:6-12 40:6-9 ' +
  '41:9-12 43:4-13 44:7-10 45:8-8 46:6-12 47:5-8 48:6-9 49:4-13 51:8-9 52:10-11 53:6-8 54:10-11 ' +
  '55:10-11 56:9-11 57:8-10 58:10-10 60:7-10 61:5-10 62:6-12 63:6-12 64:8-10 65:8-11 66:8-10 ' +
  '81:8-11 82:7-11 84:7-10 86:7-12 90:10-10 91:10-12 92:8-11 93:9-9 94:9-9 95:6-10 98:10-10 ' +
  '211:9-9 212:9-9 213:8-9 216:8-8 218:8-9 220:7-7 221:9-9 222:8-8 223:8-8 224:8-9 225:8-10 ' +
  '226:8-8 227:8-8 228:8-8 229:8-10 230:7-8 231:7-9 232:8-8 233:9-9 234:7-12 235:8-8 236:8-8 ' +
  '237:8-9 238:7-7 239:7-7 240:9-9 241:7-9 242:9-9 243:7-9 244:9-9 245:7-9 246:7-7 247:4-6 ' +
  '248:7-7 249:9-9 250:8-9 251:9-9 252:6-9 253:8-8 254:6-10 255:9-9 256:9-9 257:8-8 258:8-9 ' +
  '260:9-9 261:9-9 262:9-9 263:5-10 264:6-10 265:7-9 266:8-8 267:7-8 268:8-8 269:7-7 290:4-5 ' +
  '291:7-7 297:7-7 298:6-6 299:6-6 350:8-8 351:9-9 352:4-11 353:7-10 354:7-9 355:6-9 356:8-8 ' +
  '357:8-8 358:5-12 359:6-9 370:8-8 371:8-8 372:7-10 373:8-8 374:8-8 375:6-11 376:6-9 377:8-9 ' +
  '378:6-10 380:9-9 381:6-12 382:8-8 383:8-8 385:6-9 386:8-8 387:8-9 389:8-8 420:9-12 421:6-9 ' +
  '423:7-9 500:5-5 501:7-11 502:8-11 503:7-11 504:8-8 505:8-8 506:8-10 507:7-10 508:6-6 509:8-8 ' +
  '590:9-9 591:8-9 592:7-7 593:8-11 594:9-9 595:6-9 596:9-9 597:6-7 598:7-11 599:7-8 670:7-8 ' +
  '672:6-6 673:7-7 674:7-7 675:7-8 676:5-7 677:5-7 678:5-7 679:7-11 680:7-7 681:6-9 682:5-5 ' +
  '683:4-7 685:5-10 686:5-8 687:6-6 688:5-7 689:6-8 690:4-7 691:7-7 692:7-7 800:8-8 808:8-8 ' +
  '850:8-10 852:8-11 853:8-8 855:8-9 856:8-10 870:9-9 878:10-10 880:6-10 881:8-9 882:6-12 ' +
  '883:7-12 886:7-10 888:9-11 960:7-10 961:7-8 962:8-9 963:8-9 964:8-10 965:7-8 966:8-10 ' +
  '967:7-9 968:7-9 970:8-9 971:8-12 972:8-12 973:8-8 974:7-10 975:7-8 976:7-10 977:8-10 979:9-9 ' +
  '992:9-9 993:8-8 994:9-9 995:9-9 996:9-9 998:9-9';

let nsnLengths: Map<string, readonly [number, number]> | undefined;

/**
 * National significant number lengths by country calling code, built on the first number checked
 * rather than at import, where it took about half a millisecond of a cold start.
 */
function nationalLengths(): ReadonlyMap<string, readonly [number, number]> {
  if (nsnLengths === undefined) {
    nsnLengths = new Map();
    for (const entry of COUNTRY_CODES.split(' ')) {
      const colon = entry.indexOf(':');
      const dash = entry.indexOf('-', colon);
      const min = Number(entry.slice(colon + 1, dash));
      nsnLengths.set(entry.slice(0, colon), [min, Number(entry.slice(dash + 1))]);
    }
  }
  return nsnLengths;
}

// Only punctuation a person writes in a phone number may be dropped; letters mean a vanity number.
const DIALABLE = /^\+?[\d\s().\-/]+$/;
// The parenthesised trunk prefix of international notation, `+44 (0) 20 …`: not dialled from abroad.
const TRUNK_ZERO = /\(\s*0\s*\)/g;
// NANP: area code and exchange code each start with 2–9 (ATIS INC NANP numbering plan).
const NANP_NUMBER = /^[2-9]\d{2}[2-9]\d{6}$/;
const E164_SHAPE = /^\+[1-9]\d{1,14}$/;
const ONLY_DIGITS = /^\d+$/;

/**
 * Whether a string is an E.164 number that is structurally valid: `+`, an assigned country
 * calling code, a national number of a length in use under that code (15 digits at most in all),
 * and for NANP (`+1`) an area code and exchange starting with 2–9.
 *
 * @example
 * ```ts
 * isValidE164('+442079460958'); // true
 * isValidE164('+4402079460958'); // false: 11 national digits, the UK uses at most 10
 * ```
 */
export function isValidE164(value: string): boolean {
  if (!E164_SHAPE.test(value)) return false;
  const digits = value.slice(1);
  const lengths = nationalLengths();
  for (let length = 1; length <= 3; length++) {
    const limits = lengths.get(digits.slice(0, length));
    if (limits === undefined) continue;
    // Country calling codes form a prefix code: once one matches, no longer one can.
    const national = digits.slice(length);
    if (national.length < limits[0] || national.length > limits[1]) return false;
    // `1` is the only calling code that starts with 1, so this is the NANP check.
    return digits[0] !== '1' || NANP_NUMBER.test(national);
  }
  return false;
}

/**
 * Normalizes a phone number to E.164 when the result is structurally valid (see
 * {@link isValidE164}), else returns the provider's string as it was sent (trimmed); empty is `null`.
 *
 * Spaces and the punctuation people write (`()`, `.`, `-`, `/`) are dropped, and so is a
 * parenthesised trunk `(0)` after the country code. A number without `+` is read as NANP: 10
 * digits, or 11 starting with 1. Short codes, vanity numbers and numbers with an international
 * dialling prefix (`0044…`) stay as sent. With `parser`, that parser decides instead: its result
 * is used when it is E.164-shaped, and `null`, a malformed result or a throw keep the provider's
 * string.
 *
 * @example
 * ```ts
 * toE164('9055802958'); // '+19055802958'
 * toE164('+44 (0) 20 7946 0958'); // '+442079460958'
 * toE164('0690156360'); // '0690156360'
 * toE164('905219CARS'); // '905219CARS'
 * ```
 */
export function toE164(
  value: string | number | null | undefined,
  parser?: SmsPhoneNumberParser,
): string | null {
  if (value === null || value === undefined) return null;
  const text = String(value).trim();
  if (text === '') return null;
  if (parser !== undefined) return fromParser(parser, text) ?? text;
  // Already `+` and digits only: the cleaned candidate would be the text itself, which is the
  // answer whether or not it is valid.
  if (E164_SHAPE.test(text)) return text;
  if (!DIALABLE.test(text)) return text;
  if (text.startsWith('+')) {
    const candidate = `+${text.replace(TRUNK_ZERO, '').replace(/\D/g, '')}`;
    return isValidE164(candidate) ? candidate : text;
  }
  const digits = ONLY_DIGITS.test(text) ? text : text.replace(/\D/g, '');
  // A leading 1 is NANP's country code; NANP_NUMBER then asks for exactly 10 digits after it.
  const national = digits.startsWith('1') ? digits.slice(1) : digits;
  return NANP_NUMBER.test(national) ? `+1${national}` : text;
}

function fromParser(parser: SmsPhoneNumberParser, text: string): string | null {
  let parsed: unknown;
  try {
    parsed = parser(text);
  } catch {
    // A parser that fails must not refuse a genuine delivery; the number stays as sent.
    return null;
  }
  return typeof parsed === 'string' && E164_SHAPE.test(parsed) ? parsed : null;
}

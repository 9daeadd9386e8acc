import { intentKeywordListOf } from './intent-keyword-list.js';

/** What an inbound message asks for under the carriers' keyword rules, or `null` for anything else. */
export type SmsIntent = 'opt_out' | 'opt_in' | 'help' | null;

/**
 * The keywords of one intent in {@link SmsIntentKeywords}: a list replaces the built-in keywords,
 * `{ add }` keeps them and adds its own.
 */
export type SmsIntentKeywordList =
  | readonly string[]
  | {
      /** Keywords to recognize besides the built-in ones. */
      readonly add: readonly string[];
    };

/**
 * Changes to the keywords {@link detectIntent} knows, per intent; an intent left out keeps its
 * built-in keywords. Keywords are matched like messages: case, surrounding whitespace and
 * punctuation, and repeated inner spaces do not matter. A word in two lists counts as an opt-out
 * first, then an opt-in, then help.
 *
 * @example
 * ```ts
 * const keywords: SmsIntentKeywords = { optOut: { add: ['ARRET', 'BAJA'] }, help: ['AIDE', 'HELP'] };
 * ```
 */
export interface SmsIntentKeywords {
  /**
   * Opt-out keywords.
   * @default the FCC's revocation words (47 CFR 64.1200(a)(10)) STOP, QUIT, END, REVOKE, OPT OUT,
   * CANCEL, UNSUBSCRIBE, plus STOPALL, OPTOUT, OPT-OUT
   * @example { add: ['ARRET'] }
   */
  readonly optOut?: SmsIntentKeywordList | undefined;
  /**
   * Opt-in keywords.
   * @default START, UNSTOP, YES
   * @example ['START', 'UNSTOP']
   */
  readonly optIn?: SmsIntentKeywordList | undefined;
  /**
   * Help keywords.
   * @default HELP, INFO
   * @example { add: ['AIDE'] }
   */
  readonly help?: SmsIntentKeywordList | undefined;
}

/** The built-in opt-out keywords: the FCC's revocation words, plus STOPALL, OPTOUT and OPT-OUT. */
export const DEFAULT_OPT_OUT_KEYWORDS: readonly string[] = [
  'STOP',
  'QUIT',
  'END',
  'REVOKE',
  'OPT OUT',
  'CANCEL',
  'UNSUBSCRIBE',
  'STOPALL',
  'OPTOUT',
  'OPT-OUT',
];

/** The built-in opt-in keywords. */
export const DEFAULT_OPT_IN_KEYWORDS: readonly string[] = ['START', 'UNSTOP', 'YES'];

/** The built-in help keywords. */
export const DEFAULT_HELP_KEYWORDS: readonly string[] = ['HELP', 'INFO'];

interface CompiledKeywords {
  readonly intents: ReadonlyMap<string, Exclude<SmsIntent, null>>;
  readonly longest: number;
}

// Whitespace, punctuation and symbols (emoji included) around a keyword do not change it. It is
// tested on one character at a time, so it needs no anchors. Made on the first character beyond
// ASCII it is asked about: building its Unicode property classes took a fifth of a millisecond at
// import.
let ignored: RegExp | undefined;
const INNER_SPACE = /\s+/g;
const ASCII = /^[^\u0080-\uffff]*$/;
const SPACE_RUN = /\s\s/;
// What the Unicode expression ignores in ASCII, without its cost: the spaces \s matches, and the
// 32 punctuation and symbol characters (every printable one that is not a letter or a digit).
const ASCII_IGNORED = /[\t-\r !-/:-@[-`{-~]/;

/**
 * Folds a message or a keyword to the form keywords are compared in, or `''` when none is left.
 * An ASCII text that would fold to more than `longest` code units gives `''` without being folded:
 * no keyword is that long, and most messages are not keywords.
 */
function fold(text: string, longest = Number.POSITIVE_INFINITY): string {
  let start = 0;
  let end = text.length;
  // A scan rather than a trimming regex: `[…]+$` backtracks quadratically on long punctuation runs.
  while (start < end) {
    const width = ignoredWidthAt(text, start);
    if (width === 0) break;
    start += width;
  }
  while (end > start) {
    const low = text.charCodeAt(end - 1);
    // A low surrogate ends a pair (an emoji) whose code point starts one unit earlier.
    const pair = low >= 0xdc00 && low <= 0xdfff && end - 2 >= start;
    const width = ignoredWidthAt(text, pair ? end - 2 : end - 1);
    if (width === 0) break;
    end -= width;
  }
  const kept = text.slice(start, end);
  // NFKC leaves ASCII as it is, and most messages are ASCII.
  const ascii = ASCII.test(kept);
  // Folded, ASCII keeps its length but for runs of spaces, which a message rarely has.
  if (ascii && kept.length > longest && !SPACE_RUN.test(kept)) return '';
  const normalized = ascii ? kept : kept.normalize('NFKC');
  return normalized.replace(INNER_SPACE, ' ').toUpperCase();
}

/** The length in code units of the ignorable character at `index`, or 0 when it is not one. */
function ignoredWidthAt(text: string, index: number): number {
  if (text.charCodeAt(index) < 0x80) return ASCII_IGNORED.test(text[index] as string) ? 1 : 0;
  const code = text.codePointAt(index) ?? 0;
  const character = String.fromCodePoint(code);
  ignored ??= /(?:[\s\p{P}\p{S}\p{Cf}]|\uFE0F)/u;
  return ignored.test(character) ? character.length : 0;
}

/** One intent's keyword change as read once: its string words, added to the built-in ones or not. */
type Change = { readonly add: boolean; readonly words: readonly string[] } | undefined;

function changeOf(name: 'help' | 'optIn' | 'optOut', change: unknown): Change {
  const list = intentKeywordListOf(name, change);
  return list && { add: list.add, words: list.words.filter((word) => typeof word === 'string') };
}

function compile(changes: readonly Change[]): CompiledKeywords {
  const intents = new Map<string, Exclude<SmsIntent, null>>();
  let longest = 0;
  // Later lists win a shared word, so the order makes opt-out the strongest.
  const lists = [
    ['help', DEFAULT_HELP_KEYWORDS],
    ['opt_in', DEFAULT_OPT_IN_KEYWORDS],
    ['opt_out', DEFAULT_OPT_OUT_KEYWORDS],
  ] as const;
  lists.forEach(([intent, defaults], index) => {
    const change = changes[index];
    const words =
      change === undefined ? defaults : change.add ? [...defaults, ...change.words] : change.words;
    for (const word of words) {
      const folded = fold(word);
      if (folded === '') continue;
      intents.set(folded, intent);
      longest = Math.max(longest, folded.length);
    }
  });
  return { intents, longest };
}

// Compiled on first use, not at import: a keyword with a character beyond ASCII at either end
// compiles the Unicode property expression, which is most of a millisecond of a cold start.
let defaultKeywords: CompiledKeywords | undefined;
const compiled = new WeakMap<SmsIntentKeywords, CompiledKeywords>();
// Keyword changes written inline in each call are a new object every time, with the same words.
// They are found by their words: compiling them again cost several times a whole parse. A few
// sets of keywords per process are normal (one per tenant); past this many they are all let go.
const MAX_COMPILED_BY_WORDS = 64;
const compiledByWords = new Map<string, CompiledKeywords>();

/**
 * Compiles keyword changes once per object, so a call with the same object costs a lookup, and
 * once per set of words, so a call with an equal new object costs little more.
 */
function compiledFor(keywords: SmsIntentKeywords | undefined): CompiledKeywords {
  if (keywords === undefined) {
    defaultKeywords ??= compile([]);
    return defaultKeywords;
  }
  let entry = compiled.get(keywords);
  if (entry !== undefined) return entry;
  const changes = [
    changeOf('help', keywords.help),
    changeOf('optIn', keywords.optIn),
    changeOf('optOut', keywords.optOut),
  ];
  // Each word after its length, so that no two different changes give the same key.
  let key = '';
  for (const change of changes) {
    key += change === undefined ? '=' : change.add ? '+' : '!';
    for (const word of change?.words ?? []) key += `${word.length}:${word}`;
    key += ';';
  }
  entry = compiledByWords.get(key);
  if (entry === undefined) {
    entry = compile(changes);
    if (compiledByWords.size >= MAX_COMPILED_BY_WORDS) compiledByWords.clear();
    compiledByWords.set(key, entry);
  }
  compiled.set(keywords, entry);
  return entry;
}

// More ignorable characters than this around a keyword is not a keyword message anyway.
const SLACK = 256;

/**
 * Reads the opt-out, opt-in or help keyword of an inbound message: the whole message must be a
 * keyword, case-insensitive, with surrounding whitespace and punctuation ignored (`Stop.`,
 * `STOP!`, ` opt out `). `keywords` extends or replaces the built-in lists. A message longer than
 * four times the longest keyword plus 256, in UTF-16 code units, is not read and has no intent.
 *
 * @example
 * ```ts
 * detectIntent(' Stop. '); // 'opt_out'
 * detectIntent('please stop'); // null
 * detectIntent('ARRET', { optOut: { add: ['ARRET'] } }); // 'opt_out'
 * ```
 */
export function detectIntent(
  text: string | null | undefined,
  keywords?: SmsIntentKeywords,
): SmsIntent {
  if (typeof text !== 'string') return null;
  const { intents, longest } = compiledFor(keywords);
  if (text.length > longest * 4 + SLACK) return null;
  return intents.get(fold(text, longest)) ?? null;
}

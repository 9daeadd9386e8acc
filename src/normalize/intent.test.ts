import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  DEFAULT_HELP_KEYWORDS,
  DEFAULT_OPT_IN_KEYWORDS,
  DEFAULT_OPT_OUT_KEYWORDS,
  detectIntent,
  type SmsIntent,
  type SmsIntentKeywords,
} from './intent.js';

describe('detectIntent', () => {
  it.each([
    'STOP',
    'stop',
    ' Stop\n',
    'Stop.',
    'STOP!',
    'STOP!!!',
    '"stop"',
    '¡Stop!',
    'stop 🛑',
    '🛑 STOP 🛑',
    'ＳＴＯＰ',
    'STOPALL',
    'UNSUBSCRIBE',
    'cancel',
    'END',
    'quit',
    'Revoke',
    'opt out',
    ' opt out ',
    'Opt  Out.',
    'opt-out',
    'OPTOUT',
  ])('%j is an opt-out', (text) => {
    expect(detectIntent(text)).toBe('opt_out');
  });

  it.each(['START', 'unstop', 'Yes', 'Start!', ' yes. '])('%j is an opt-in', (text) => {
    expect(detectIntent(text)).toBe('opt_in');
  });

  it.each(['HELP', 'info', 'Help?', 'HELP!!'])('%j asks for help', (text) => {
    expect(detectIntent(text)).toBe('help');
  });

  it.each([
    'please stop',
    'stop it',
    'st op',
    'S.T.O.P',
    'opt',
    'optout now',
    'General Kenobi',
    '',
    '!!!',
    '🛑',
    'toString',
    '__proto__',
    'constructor',
    'STOP\u0000X',
  ])('%j has no intent', (text) => {
    expect(detectIntent(text)).toBeNull();
  });

  it('has no intent without text', () => {
    expect(detectIntent(null)).toBeNull();
    expect(detectIntent(undefined)).toBeNull();
  });

  it('has no intent for a long message, even one that is a keyword surrounded by punctuation', () => {
    expect(detectIntent(`STOP${' '.repeat(200)}`)).toBe('opt_out');
    expect(detectIntent(`STOP${'!'.repeat(100_000)}`)).toBeNull();
  });

  it.each([
    // Emoji after the keyword, as two UTF-16 units: 🐀 (U+1F400) ends in the first low surrogate,
    // U+DC00, and 🗿 (U+1F5FF) and the dark skin tone (U+1F3FF) in the last, U+DFFF.
    ['STOP 🐀', 'opt_out'],
    ['STOP 🗿', 'opt_out'],
    ['STOP 👍🏿', 'opt_out'],
    ['👍🏿 yes 👍🏿', 'opt_in'],
    ['🐀help', 'help'],
    // Full-width punctuation (U+FF01) and a bare variation selector, single units above U+DFFF.
    ['STOP！', 'opt_out'],
    ['ＳＴＯＰ！', 'opt_out'],
    ['STOP\uFE0F', 'opt_out'],
    ['Stop ❤️', 'opt_out'],
    // Format characters (a zero-width space, a byte order mark) around the keyword.
    ['\u200BSTOP\u200B', 'opt_out'],
    ['\uFEFFhelp', 'help'],
    ['…stop…', 'opt_out'],
    ['¿info?', 'help'],
  ] as const)('%j reads as %s', (text, intent) => {
    expect(detectIntent(text)).toBe(intent);
  });

  it.each([
    // A lone surrogate is not a symbol: it stays, so the message is not the keyword alone.
    'STOP\uDC00',
    '\uDC00STOP',
    'STOP\uD83D',
    '\uD83DSTOP',
    'STOP\uDFFF!',
  ])('%j, with a lone surrogate, has no intent', (text) => {
    expect(detectIntent(text)).toBeNull();
  });

  it('reads a message up to four times the longest keyword plus 256 code units', () => {
    // UNSUBSCRIBE, 11 letters, is the longest built-in keyword: 4 × 11 + 256 = 300.
    expect(detectIntent(`STOP${' '.repeat(296)}`)).toBe('opt_out');
    expect(detectIntent(`${'!'.repeat(150)}help${'!'.repeat(146)}`)).toBe('help');
    expect(detectIntent(`STOP${' '.repeat(297)}`)).toBeNull();
    expect(detectIntent(`${'!'.repeat(150)}help${'!'.repeat(147)}`)).toBeNull();
  });

  it('lists the built-in keywords, the FCC revocation words among them', () => {
    expect(DEFAULT_OPT_OUT_KEYWORDS).toEqual(
      expect.arrayContaining(['STOP', 'QUIT', 'END', 'REVOKE', 'OPT OUT', 'CANCEL', 'UNSUBSCRIBE']),
    );
    expect(DEFAULT_OPT_IN_KEYWORDS).toEqual(['START', 'UNSTOP', 'YES']);
    expect(DEFAULT_HELP_KEYWORDS).toEqual(['HELP', 'INFO']);
  });
});

describe('detectIntent with keywords', () => {
  it('adds keywords to a list with { add }', () => {
    const keywords: SmsIntentKeywords = { optOut: { add: ['arret', ' Baja. '] } };
    expect(detectIntent('ARRET', keywords)).toBe('opt_out');
    expect(detectIntent('baja!', keywords)).toBe('opt_out');
    expect(detectIntent('STOP', keywords)).toBe('opt_out');
    expect(detectIntent('HELP', keywords)).toBe('help');
  });

  it('replaces a list with an array', () => {
    const keywords: SmsIntentKeywords = { optIn: ['SUBSCRIBE'], help: [] };
    expect(detectIntent('subscribe', keywords)).toBe('opt_in');
    expect(detectIntent('START', keywords)).toBeNull();
    expect(detectIntent('YES', keywords)).toBeNull();
    expect(detectIntent('HELP', keywords)).toBeNull();
    expect(detectIntent('STOP', keywords)).toBe('opt_out');
  });

  it('counts a word in two lists as an opt-out first, then an opt-in', () => {
    expect(detectIntent('STOP', { help: { add: ['STOP'] } })).toBe('opt_out');
    expect(detectIntent('YES', { help: { add: ['YES'] } })).toBe('opt_in');
    expect(detectIntent('HELP', { optIn: { add: ['HELP'] } })).toBe('opt_in');
  });

  it('matches a long added keyword', () => {
    const phrase = 'please remove me from this list right now';
    const keywords: SmsIntentKeywords = { optOut: { add: [phrase] } };
    expect(detectIntent(`${phrase.toUpperCase()}!`, keywords)).toBe('opt_out');
  });

  it('reads a message as long as an added keyword longer than the slack', () => {
    const phrase = 'remove '.repeat(60).trim();
    const keywords: SmsIntentKeywords = { optOut: { add: [phrase] } };
    expect(detectIntent(`${phrase}!`, keywords)).toBe('opt_out');
    expect(detectIntent(`${' '.repeat(1000)}${phrase}`, keywords)).toBe('opt_out');
    expect(detectIntent(`${phrase} ${'!'.repeat(phrase.length * 4)}`, keywords)).toBe(null);
  });

  it('compares in upper case, so an added SCHLUSS matches Schluß', () => {
    const keywords: SmsIntentKeywords = { optOut: { add: ['SCHLUSS'] } };
    expect(detectIntent('Schluß', keywords)).toBe('opt_out');
    expect(detectIntent('schluss!', keywords)).toBe('opt_out');
  });

  it('matches a keyword of any characters, with ignorable characters around it', () => {
    const ignorable = fc.constantFrom(
      ' ',
      '\n',
      '\t',
      '!',
      '.',
      '"',
      '¡',
      '…',
      '！',
      '🛑',
      '👍🏿',
      '\u200B',
      '\uFE0F',
    );
    const around = fc.array(ignorable, { maxLength: 6 }).map((list) => list.join(''));
    const keyword = fc.oneof(
      fc.string({ minLength: 1, maxLength: 12, unit: 'binary' }),
      fc.string({ minLength: 1, maxLength: 12, unit: 'grapheme' }),
      fc.constantFrom('\uDC00', '\uDFFF', '\uD83D', 'a\uDC00', '\uDC00a', 'ARRÊT', 'ＳＴＯＰ'),
    );
    fc.assert(
      fc.property(keyword, around, around, (word, before, after) => {
        const keywords: SmsIntentKeywords = { optOut: [word], optIn: [], help: [] };
        // A word of ignorable characters only is no keyword; any other is matched as itself.
        fc.pre(detectIntent(word, keywords) !== null);
        expect(detectIntent(`${before}${word}${after}`, keywords)).toBe('opt_out');
      }),
      { numRuns: 1000 },
    );
  });

  it.each(['\uDC00', '\uDFFF', '\uD83D'])(
    'matches an added keyword that is the lone surrogate %j, after punctuation',
    (word) => {
      const keywords: SmsIntentKeywords = { optOut: [word] };
      expect(detectIntent(word, keywords)).toBe('opt_out');
      expect(detectIntent(`"${word}"`, keywords)).toBe('opt_out');
      expect(detectIntent(`!${word}`, keywords)).toBe('opt_out');
      expect(detectIntent('!', keywords)).toBeNull();
    },
  );

  it('ignores exactly the ASCII characters the Unicode rule does around a keyword', () => {
    const ignorable = /^(?:[\s\p{P}\p{S}\p{Cf}]|\uFE0F)$/u;
    for (let code = 0; code < 0x80; code++) {
      const character = String.fromCharCode(code);
      const expected = ignorable.test(character) ? 'opt_out' : null;
      expect(detectIntent(`${character}STOP`), `U+${code.toString(16)}`).toBe(expected);
      expect(detectIntent(`STOP${character}${character}`), `U+${code.toString(16)}`).toBe(expected);
    }
  });

  it('answers as the rule reads, for messages longer and shorter than every keyword', () => {
    // The rule, written plainly: trim ignorable characters, NFKC, one space per run, upper case.
    const ignorable = /^(?:[\s\p{P}\p{S}\p{Cf}]|\uFE0F)$/u;
    const keywords: SmsIntentKeywords = { optOut: { add: ['ARRET', 'do not text'] } };
    const fold = (text: string) => {
      const characters = Array.from(text);
      while (characters.length > 0 && ignorable.test(characters[0] as string)) characters.shift();
      while (characters.length > 0 && ignorable.test(characters.at(-1) as string)) characters.pop();
      return characters.join('').normalize('NFKC').replace(/\s+/g, ' ').toUpperCase();
    };
    const optOut = new Set([...DEFAULT_OPT_OUT_KEYWORDS, 'ARRET', 'do not text'].map(fold));
    const optIn = new Set(DEFAULT_OPT_IN_KEYWORDS.map(fold));
    const help = new Set(DEFAULT_HELP_KEYWORDS.map(fold));
    const expectedIntent = (text: string) => {
      const folded = fold(text);
      if (optOut.has(folded)) return 'opt_out';
      if (optIn.has(folded)) return 'opt_in';
      return help.has(folded) ? 'help' : null;
    };
    const piece = fc.constantFrom(
      'stop',
      'all',
      'opt',
      'out',
      'un',
      'info',
      'unsubscribe',
      'do',
      'not',
      'text',
      'arret',
      'ARRÊT',
      'yes',
      'help',
      ' ',
      '     ',
      '\t',
      '\n\n',
      '!',
      '.',
      '-',
      '🛑',
      'é',
      'x',
    );
    const message = fc.array(piece, { maxLength: 8 }).map((pieces) => pieces.join(''));
    fc.assert(
      fc.property(message, (text) => {
        expect(detectIntent(text, keywords)).toBe(expectedIntent(text));
      }),
      { numRuns: 3000 },
    );
    expect(detectIntent('  Do      not \t\t  text!! ', keywords)).toBe('opt_out');
    expect(detectIntent('Do not text me', keywords)).toBeNull();
  });

  it('ignores empty and non-string keywords', () => {
    const keywords = { optOut: ['', '  ', '!', 42 as unknown as string, 'NO'] };
    expect(detectIntent('', keywords)).toBeNull();
    expect(detectIntent('!', keywords)).toBeNull();
    expect(detectIntent('no', keywords)).toBe('opt_out');
    expect(detectIntent('STOP', keywords)).toBeNull();
  });

  it('gives the same answers when the same keywords object is used again', () => {
    const keywords: SmsIntentKeywords = { help: { add: ['AIDE'] } };
    expect(detectIntent('aide', keywords)).toBe('help');
    expect(detectIntent('aide', keywords)).toBe('help');
    expect(detectIntent('aide', { ...keywords })).toBe('help');
    expect(detectIntent('aide')).toBeNull();
  });

  it('answers each new keywords object by its own words, whatever was compiled before', () => {
    // Written inline, keyword changes are a new object on every call; equal ones share a
    // compilation, and ones that differ in any way, however slightly, do not.
    const cases: [SmsIntentKeywords, string, SmsIntent][] = [
      [{ optOut: ['ARRET'] }, 'arret', 'opt_out'],
      [{ optOut: ['ARRET'] }, 'stop', null],
      [{ optOut: { add: ['ARRET'] } }, 'stop', 'opt_out'],
      [{ optIn: ['ARRET'] }, 'arret', 'opt_in'],
      [{ help: ['ARRET'] }, 'arret', 'help'],
      [{ optOut: ['AB'] }, 'a', null],
      [{ optOut: ['A', 'B'] }, 'a', 'opt_out'],
      [{ optOut: ['A;B'] }, 'a', null],
      [{ optOut: ['A'], optIn: ['B'] }, 'b', 'opt_in'],
      [{ optOut: ['A', 'B'], optIn: [] }, 'b', 'opt_out'],
      [{ optOut: [] }, 'stop', null],
      [{}, 'stop', 'opt_out'],
    ];
    for (let round = 0; round < 3; round++) {
      for (const [keywords, text, intent] of cases) {
        expect(detectIntent(text, { ...keywords }), JSON.stringify(keywords)).toBe(intent);
      }
    }
  });

  it('keeps answering right past many different keyword sets', () => {
    for (let round = 0; round < 2; round++) {
      for (let index = 0; index < 200; index++) {
        const keywords = { optOut: [`WORD${index}`] };
        expect(detectIntent(`word${index}`, keywords)).toBe('opt_out');
        expect(detectIntent(`word${index + 1}`, { ...keywords })).toBeNull();
      }
    }
  });

  it.each([
    ['optOut', 'STOP'],
    ['optOut', 5],
    ['optIn', null],
    ['help', {}],
    ['help', { add: 'AIDE' }],
    ['optOut', new Set(['STOP'])],
  ])('throws a TypeError naming intentKeywords.%s when it is %j', (name, list) => {
    const keywords = { [name]: list } as unknown as SmsIntentKeywords;
    expect(() => detectIntent('stop', keywords)).toThrow(
      new TypeError(
        `\`intentKeywords.${name}\` must be an array of keywords or { add: [...] } when given.`,
      ),
    );
  });
});

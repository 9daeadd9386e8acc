import { describe, expect, it } from 'vitest';
import {
  DEFAULT_HELP_KEYWORDS,
  DEFAULT_OPT_IN_KEYWORDS,
  DEFAULT_OPT_OUT_KEYWORDS,
  detectIntent,
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
});

import { describe, expect, it } from 'vitest';
import { closestMatch, didYouMean } from './did-you-mean.js';

describe('didYouMean', () => {
  const commands = ['parse', 'send', 'listen', 'replay', 'fixtures'];

  it('suggests the closest name for a typo: a swap, a missing, an extra or a wrong letter', () => {
    expect(closestMatch('sned', commands)).toBe('send');
    expect(closestMatch('lisen', commands)).toBe('listen');
    expect(closestMatch('replays', commands)).toBe('replay');
    expect(closestMatch('PARSE', commands)).toBe('parse');
    expect(didYouMean('textlnk/received', ['textlink/received', 'textlink/sent'])).toBe(
      ' Did you mean "textlink/received"?',
    );
  });

  it('suggests nothing for a name that is no typo of any', () => {
    expect(closestMatch('status', commands)).toBeUndefined();
    expect(closestMatch('x', ['textlink'])).toBeUndefined();
    expect(didYouMean('twilio', ['telmetrics', 'textlink', 'textrequest'])).toBe('');
  });
});

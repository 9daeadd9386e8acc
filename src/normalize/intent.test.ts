import { describe, expect, it } from 'vitest';
import { detectIntent } from './intent.js';

describe('detectIntent', () => {
  it.each(['STOP', 'stop', ' Stop\n', 'STOPALL', 'UNSUBSCRIBE', 'cancel', 'END', 'quit'])(
    '%j is an opt-out',
    (text) => {
      expect(detectIntent(text)).toBe('opt_out');
    },
  );

  it.each(['START', 'unstop', 'Yes'])('%j is an opt-in', (text) => {
    expect(detectIntent(text)).toBe('opt_in');
  });

  it.each(['HELP', 'info'])('%j asks for help', (text) => {
    expect(detectIntent(text)).toBe('help');
  });

  it.each(['please stop', 'STOP!', 'stop it', 'General Kenobi', '', 'toString', '__proto__'])(
    '%j has no intent',
    (text) => {
      expect(detectIntent(text)).toBeNull();
    },
  );

  it('has no intent without text', () => {
    expect(detectIntent(null)).toBeNull();
    expect(detectIntent(undefined)).toBeNull();
  });
});

import { describe, expect, test } from 'vitest';
import { parseSmsWebhook } from '../parse.js';
import { createTextLinkPayload } from '../providers/textlink/testing.js';
import { createTextRequestPayload } from '../providers/textrequest/testing.js';
import { fixtures } from '../testing/fixtures.js';
import { createPalette, formatEvent, printable, shouldColor } from './format-event.js';

const plain = createPalette(false);

function firstEvent(body: unknown, options: Parameters<typeof parseSmsWebhook>[1] = {}) {
  const [event] = parseSmsWebhook(body, options);
  if (!event) throw new Error('no event');
  return event;
}

describe('shouldColor', () => {
  test('follows the terminal unless NO_COLOR or FORCE_COLOR say otherwise', () => {
    expect(shouldColor({}, true)).toBe(true);
    expect(shouldColor({}, false)).toBe(false);
    expect(shouldColor({ NO_COLOR: '1' }, true)).toBe(false);
    // An empty NO_COLOR does not count (no-color.org).
    expect(shouldColor({ NO_COLOR: '' }, true)).toBe(true);
    expect(shouldColor({ FORCE_COLOR: '1' }, false)).toBe(true);
    expect(shouldColor({ FORCE_COLOR: '0' }, true)).toBe(false);
    expect(shouldColor({ FORCE_COLOR: '1', NO_COLOR: 'yes' }, true)).toBe(false);
  });
});

describe('printable', () => {
  test('shows control and direction-override characters as escapes', () => {
    expect(printable('a\u001b[2Jb\u009b31m\u202ec\n')).toBe('a\\u001b[2Jb\\u009b31m\\u202ec\\n');
    expect(printable('Café ☕ 👋')).toBe('Café ☕ 👋');
  });

  test('keeps line breaks and tabs of multi-line text when asked', () => {
    expect(printable('a\r\n\tb\u0007', true)).toBe('a\n\tb\\u0007');
  });
});

describe('formatEvent', () => {
  test('a received message: numbers, quoted text and the opt-out keyword', () => {
    const event = firstEvent(
      createTextRequestPayload('message_received', {
        messageUniqueIdentifier: 'm-1',
        conversation: { message: 'STOP', date: '2021-04-26T14:47:48.1234567Z' },
      }),
    );
    expect(formatEvent(event, plain)).toBe(
      'message.received  textrequest  +14232074721 → +14239309346  Check  "STOP"  [opt_out]\n' +
        '  key textrequest:message:m-1  at 2021-04-26T14:47:48.123Z\n',
    );
  });

  test('attachments, unknown numbers and missing text', () => {
    const withMedia = firstEvent(fixtures.textrequest.messageReceivedExtended);
    expect(formatEvent(withMedia, plain)).toContain(
      '"Here is a photo of the damaged part."  +1 attachment\n',
    );
    const sent = firstEvent(createTextLinkPayload('sent', { text: '' }), {
      provider: 'textlink',
      kind: 'sent',
    });
    expect(formatEvent(sent, plain)).toMatch(
      /^message\.sent {2}textlink {2}\? → \+381690156360 {2}\(no text\)\n/,
    );
  });

  test('a conversation start with its texter and attribution', () => {
    const event = firstEvent(fixtures.telmetrics.smsConversationStart);
    expect(formatEvent(event, plain).split('\n')[0]).toBe(
      'conversation.started  telmetrics  +19055802958 → +12242455621  John Doe  via google / web / summersale',
    );
  });

  test('contact events and events this version does not model', () => {
    expect(formatEvent(firstEvent(fixtures.textrequest.contactCreated), plain).split('\n')[0]).toBe(
      'contact.created  textrequest  +19143334444  James Hoffa  on +14239309346',
    );
    expect(formatEvent(firstEvent(fixtures.textlink.tagChanged), plain).split('\n')[0]).toBe(
      'contact.tag_changed  textlink  +381690156360  Aleksandar Spremo  tag → Warm',
    );
    expect(
      formatEvent(firstEvent(fixtures.telmetrics.callPreprocessed), plain).split('\n')[0],
    ).toBe('unknown  telmetrics  action CallDetails.CallPreprocessed');
  });

  test('delivery statuses, contact updates, locations and payments', () => {
    const line = (body: unknown) => formatEvent(firstEvent(body), plain).split('\n')[0];
    expect(line(fixtures.textrequest.messageStatus)).toBe(
      'message.status  textrequest  message eb2a0cc2-5b88-468b-b3f4-926b07bcb275  delivered',
    );
    expect(line(fixtures.textrequest.messageStatusError)).toBe(
      'message.failed  textrequest  message eb2a0cc2-5b88-468b-b3f4-926b07bcb275  failed  (error)  error SMS10023',
    );
    expect(
      line({ ...fixtures.textrequest.contactUpdated, is_blocked: true, is_suppressed: true }),
    ).toBe('contact.updated  textrequest  +13216547890  John Smith  [opted out, blocked]');
    expect(line(fixtures.textrequest.locationReceived)).toBe(
      'location.received  textrequest  +13216547890  at -77.0365298, 38.8976763  Near 1600 Pennsylvania Ave NW, Washington, DC 20500-0003',
    );
    expect(line(fixtures.textrequest.paymentStatusUpdated)).toBe(
      'payment.updated  textrequest  payment 2510  sent  ref receipt-chicago',
    );
  });

  test('a payload cannot send escape sequences to the terminal', () => {
    const event = firstEvent(
      createTextLinkPayload('received', { text: 'hi\u001b]0;owned\u0007', name: '\u009b2J' }),
      {
        provider: 'textlink',
        kind: 'received',
      },
    );
    const text = formatEvent(event, createPalette(true));
    expect(text).toContain('"hi\\u001b]0;owned\\u0007"');
    expect(text).toContain('\\u009b2J');
    // The only escape sequences left are the palette's own colour codes.
    const colourCodes = ['\u001b[1m', '\u001b[22m', '\u001b[2m', '\u001b[32m', '\u001b[39m'];
    const rest = colourCodes.reduce((remaining, code) => remaining.split(code).join(''), text);
    for (const character of ['\u001b', '\u009b', '\u0007']) expect(rest).not.toContain(character);
  });

  test('colours the type by kind of event when the palette is on', () => {
    const event = firstEvent(fixtures.textlink.failed, { provider: 'textlink', kind: 'failed' });
    expect(formatEvent(event, createPalette(true))).toMatch(
      '\u001b[1m\u001b[31mmessage.failed\u001b[39m\u001b[22m  textlink',
    );
    expect(formatEvent(event, plain)).not.toContain('\u001b');
  });
});

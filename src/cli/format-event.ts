import type { SmsEvent } from '../events.js';

/** Whether to colour output: never with a non-empty `NO_COLOR`, always with `FORCE_COLOR` (not `0`), else on a terminal. */
export function shouldColor(
  env: Readonly<Record<string, string | undefined>>,
  isTTY: boolean,
): boolean {
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false;
  const force = env.FORCE_COLOR;
  if (force !== undefined) return force !== '0' && force !== 'false';
  return isTTY;
}

/** A function that wraps text in one ANSI style, or leaves it as it is when colour is off. */
type Paint = (text: string) => string;

/** The ANSI styles the CLI uses. */
export interface Palette {
  /** Bold. */
  readonly bold: Paint;
  /** Dim, for secondary details. */
  readonly dim: Paint;
  /** Red, for failures. */
  readonly red: Paint;
  /** Green, for received messages and success. */
  readonly green: Paint;
  /** Yellow, for contacts and warnings. */
  readonly yellow: Paint;
  /** Cyan, for sent messages. */
  readonly cyan: Paint;
  /** Magenta, for conversations. */
  readonly magenta: Paint;
  /** Grey, for events this version does not model. */
  readonly gray: Paint;
}

function style(open: number, close: number): Paint {
  return (text) => `\u001b[${open}m${text}\u001b[${close}m`;
}

/** Returns the palette, or one whose styles change nothing when `enabled` is false. */
export function createPalette(enabled: boolean): Palette {
  const plain: Paint = (text) => text;
  return {
    bold: enabled ? style(1, 22) : plain,
    dim: enabled ? style(2, 22) : plain,
    red: enabled ? style(31, 39) : plain,
    green: enabled ? style(32, 39) : plain,
    yellow: enabled ? style(33, 39) : plain,
    cyan: enabled ? style(36, 39) : plain,
    magenta: enabled ? style(35, 39) : plain,
    gray: enabled ? style(90, 39) : plain,
  };
}

// C0 and C1 control characters (ESC and CSI start terminal escape sequences) and the bidirectional
// overrides that can make text display in another order than it is stored.
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching them is the point.
const UNSAFE_CHARACTERS = /[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;

/**
 * Makes a value from a webhook safe to print on a terminal: control and bidirectional-override
 * characters are shown as `\uXXXX` escapes instead of being interpreted. With `keepLines`, line
 * breaks and tabs stay as they are (for multi-line text such as a response body).
 */
export function printable(value: string, keepLines = false): string {
  return value.replace(UNSAFE_CHARACTERS, (character) => {
    if (keepLines && (character === '\n' || character === '\t')) return character;
    if (keepLines && character === '\r') return '';
    if (character === '\n') return '\\n';
    if (character === '\r') return '\\r';
    if (character === '\t') return '\\t';
    return `\\u${character.charCodeAt(0).toString(16).padStart(4, '0')}`;
  });
}

function field(value: string | null | undefined): string {
  return value === null || value === undefined ? '?' : printable(value);
}

function quoted(value: string | null): string {
  return value === null ? '(no text)' : `"${printable(value)}"`;
}

function colorOf(event: SmsEvent, palette: Palette): Paint {
  switch (event.type) {
    case 'message.received':
      return palette.green;
    case 'message.sent':
      return palette.cyan;
    case 'message.failed':
    case 'payment.updated':
      return event.status === 'failed' ? palette.red : palette.cyan;
    case 'message.status':
      return palette.cyan;
    case 'conversation.started':
    case 'location.received':
      return palette.magenta;
    case 'contact.created':
    case 'contact.tag_changed':
    case 'contact.updated':
      return palette.yellow;
    default:
      return palette.gray;
  }
}

function summaryOf(event: SmsEvent): string {
  switch (event.type) {
    case 'message.status':
      return deliverySummary(event);
    case 'message.received':
    case 'message.sent':
    case 'message.failed': {
      // A status body names only the message: show the status instead of empty numbers and text.
      if (event.type === 'message.failed' && event.from === null && event.to === null) {
        return deliverySummary(event);
      }
      const parts = [`${field(event.from)} → ${field(event.to)}`];
      if (event.contact?.name) parts.push(printable(event.contact.name));
      parts.push(quoted(event.text));
      if (event.type === 'message.received' && event.intent !== null) {
        parts.push(`[${event.intent}]`);
      }
      if (event.media.length > 0) {
        parts.push(`+${event.media.length} attachment${event.media.length === 1 ? '' : 's'}`);
      }
      return parts.join('  ');
    }
    case 'conversation.started': {
      const { source, medium, campaign } = event.attribution;
      const attribution = [source, medium, campaign].filter((part) => part !== null);
      const parts = [`${field(event.from)} → ${field(event.to)}`];
      if (event.contact?.name) parts.push(printable(event.contact.name));
      if (attribution.length > 0) parts.push(`via ${printable(attribution.join(' / '))}`);
      return parts.join('  ');
    }
    case 'contact.created': {
      const parts = [field(event.contact.phoneNumber)];
      if (event.contact.name !== null) parts.push(printable(event.contact.name));
      if (event.businessNumber !== null) parts.push(`on ${printable(event.businessNumber)}`);
      return parts.join('  ');
    }
    case 'contact.tag_changed': {
      const parts = [field(event.contact.phoneNumber)];
      if (event.contact.name !== null) parts.push(printable(event.contact.name));
      parts.push(`tag → ${field(event.tag)}`);
      return parts.join('  ');
    }
    case 'contact.updated': {
      const parts = [field(event.contact.phoneNumber)];
      if (event.contact.name !== null) parts.push(printable(event.contact.name));
      const flags = [
        event.optedOut === true ? 'opted out' : null,
        event.blocked === true ? 'blocked' : null,
        event.archived === true ? 'archived' : null,
      ].filter((flag) => flag !== null);
      if (flags.length > 0) parts.push(`[${flags.join(', ')}]`);
      return parts.join('  ');
    }
    case 'location.received': {
      const parts = [field(event.from), `at ${event.latitude}, ${event.longitude}`];
      if (event.address !== null) parts.push(printable(event.address));
      return parts.join('  ');
    }
    case 'payment.updated': {
      const parts = [`payment ${field(event.paymentId)}`, event.status];
      if (event.referenceId !== null) parts.push(`ref ${printable(event.referenceId)}`);
      return parts.join('  ');
    }
    default:
      return `action ${field(event.action)}`;
  }
}

function deliverySummary(
  event: Extract<SmsEvent, { type: 'message.status' | 'message.failed' }>,
): string {
  const parts = [`message ${field(event.messageId)}`, event.status];
  if (event.providerStatus !== null && event.providerStatus !== event.status) {
    parts.push(`(${printable(event.providerStatus)})`);
  }
  if (event.errorCode !== null) parts.push(`error ${printable(event.errorCode)}`);
  return parts.join('  ');
}

/**
 * Formats an event as two readable lines: what happened, between whom and what was said; then
 * the idempotency key and time, dimmed.
 *
 * @example
 * ```text
 * message.received  textlink  +381690156360 → ?  "General Kenobi"
 *   key textlink:received:fp:1a2b3c4d5e6f7a8b  at 2025-05-28T18:02:43.370Z
 * ```
 */
export function formatEvent(event: SmsEvent, palette: Palette): string {
  const paint = colorOf(event, palette);
  const head = `${palette.bold(paint(event.type))}  ${event.provider}  ${summaryOf(event)}`;
  const detail = palette.dim(
    `  key ${printable(event.idempotencyKey)}  at ${event.occurredAt ?? 'unknown time'}`,
  );
  return `${head}\n${detail}\n`;
}

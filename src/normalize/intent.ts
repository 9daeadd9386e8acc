/** What an inbound message asks for under the carriers' keyword rules, or `null` for anything else. */
export type SmsIntent = 'opt_out' | 'opt_in' | 'help' | null;

const KEYWORDS: Readonly<Record<string, Exclude<SmsIntent, null>>> = {
  STOP: 'opt_out',
  STOPALL: 'opt_out',
  UNSUBSCRIBE: 'opt_out',
  CANCEL: 'opt_out',
  END: 'opt_out',
  QUIT: 'opt_out',
  START: 'opt_in',
  UNSTOP: 'opt_in',
  YES: 'opt_in',
  HELP: 'help',
  INFO: 'help',
};

/**
 * Reads the opt-out, opt-in or help keyword of an inbound message, matched on the whole trimmed text.
 *
 * @example
 * ```ts
 * detectIntent(' stop '); // 'opt_out'
 * detectIntent('please stop'); // null
 * ```
 */
export function detectIntent(text: string | null | undefined): SmsIntent {
  if (typeof text !== 'string') return null;
  const keyword = text.trim().toUpperCase();
  return Object.hasOwn(KEYWORDS, keyword) ? (KEYWORDS[keyword] ?? null) : null;
}

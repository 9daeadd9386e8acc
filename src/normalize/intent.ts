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
 * Your own keywords per intent, matched like the built-in ones; they extend the built-in lists, or
 * replace them with `replace: true`.
 *
 * @example
 * ```ts
 * const intentKeywords: SmsIntentKeywords = { opt_out: ['ARRET', 'BAJA'], help: ['AIDE'] };
 * ```
 */
export interface SmsIntentKeywords {
  /** More words that opt out. */
  readonly opt_out?: readonly string[] | undefined;
  /** More words that opt back in. */
  readonly opt_in?: readonly string[] | undefined;
  /** More words that ask for help. */
  readonly help?: readonly string[] | undefined;
  /**
   * Use only these lists, not the built-in ones.
   * @default false
   */
  readonly replace?: boolean | undefined;
}

/**
 * Reads the opt-out, opt-in or help keyword of an inbound message, matched on the whole trimmed text.
 *
 * @example
 * ```ts
 * detectIntent(' stop '); // 'opt_out'
 * detectIntent('please stop'); // null
 * ```
 */
export function detectIntent(
  text: string | null | undefined,
  keywords?: SmsIntentKeywords,
): SmsIntent {
  if (typeof text !== 'string') return null;
  const keyword = text.trim().toUpperCase();
  if (keywords) {
    for (const intent of ['opt_out', 'opt_in', 'help'] as const) {
      if (keywords[intent]?.some((word) => word.trim().toUpperCase() === keyword)) return intent;
    }
    if (keywords.replace === true) return null;
  }
  return Object.hasOwn(KEYWORDS, keyword) ? (KEYWORDS[keyword] ?? null) : null;
}

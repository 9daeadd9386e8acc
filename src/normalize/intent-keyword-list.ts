/** One intent's keyword list as given: its entries, and whether they add to the built-in ones. */
export interface IntentKeywordList {
  /** Whether the words are added to the built-in keywords (`{ add }`) rather than replacing them. */
  readonly add: boolean;
  /** The entries as given; those that are not strings are no keywords. */
  readonly words: readonly unknown[];
}

/**
 * Reads one intent's change in `intentKeywords`: an array replaces the built-in keywords,
 * `{ add: array }` adds to them, `undefined` keeps them. Throws a TypeError naming the list for
 * anything else. Apart from the keywords themselves, so that handlers can check them when made.
 */
export function intentKeywordListOf(
  name: 'help' | 'optIn' | 'optOut',
  change: unknown,
): IntentKeywordList | undefined {
  if (change === undefined) return undefined;
  const add = !Array.isArray(change);
  const words: unknown = add ? (change as { add?: unknown } | null)?.add : change;
  if (!Array.isArray(words)) {
    throw new TypeError(
      `\`intentKeywords.${name}\` must be an array of keywords or { add: [...] } when given.`,
    );
  }
  return { add, words };
}

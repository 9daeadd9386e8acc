import type { SmsIntentKeywords } from '../normalize/intent.js';
import type { SmsPhoneNumberParser } from '../normalize/phone-number.js';
import type { SmsDriftListener, SmsDriftReport } from './drift.js';
import { settleDrift } from './read-tolerantly.js';

/** How deliveries are read and normalized: options of every parse function and both handlers. */
export interface SmsReadOptions {
  /**
   * Refuse every drift from the documents but unknown fields as `invalid_payload`, instead of
   * delivering the event with `null` (or coerced) fields: for CI and staging, to catch a provider's
   * change before production.
   * @default false
   * @example { strict: process.env.NODE_ENV !== 'production' }
   */
  readonly strict?: boolean | undefined;
  /**
   * Your full phone number parser (e.g. on libphonenumber-js) instead of the built-in E.164
   * reading; return `null` to keep the provider's string.
   * @default undefined (the built-in reading)
   * @example { phoneNumberParser: (value) => parsePhoneNumberFromString(value, 'US')?.number ?? null }
   */
  readonly phoneNumberParser?: SmsPhoneNumberParser | undefined;
  /**
   * More opt-out, opt-in and help keywords for `intent` (`{ add: [...] }`), or a list that replaces
   * an intent's built-in ones. An equal object written inline in each call is compiled once too.
   * @default undefined (the built-in keywords)
   * @example { intentKeywords: { optOut: { add: ['ARRET'] }, help: { add: ['AIDE'] } } }
   */
  readonly intentKeywords?: SmsIntentKeywords | undefined;
}

/** Options of the throwing parse functions: {@link SmsReadOptions} and a drift listener. */
export interface SmsParseOptions extends SmsReadOptions {
  /**
   * Receives each drift report of an accepted delivery (fields that were missing, of another type,
   * coerced, or unknown); reports name fields and types, never values.
   * @default undefined (drift is not reported)
   * @example { onDrift: (report) => logger.warn(report, 'webhook drift') }
   */
  readonly onDrift?: SmsDriftListener | undefined;
}

/** What normalizers are given besides the payload: the user's options and the drift of the parse. */
export interface NormalizeContext {
  /** The user's phone number parser, if any. */
  readonly phoneNumberParser?: SmsPhoneNumberParser | undefined;
  /** The user's intent keywords, if any. */
  readonly intentKeywords?: SmsIntentKeywords | undefined;
  /** Where normalizers add what they could not use (an id that is not a safe integer). */
  readonly drift: SmsDriftReport[];
}

/**
 * Normalizes a payload on its own, outside a parse: runs `normalize` with the user's options and
 * settles the drift it reports (refused under `strict`, else handed to `onDrift`).
 *
 * @throws {SmsWebhookError} `invalid_payload` under `strict` when the normalizer reported drift.
 */
export function normalizeWith<T>(
  provider: string,
  options: SmsParseOptions | undefined,
  normalize: (context: NormalizeContext) => T,
): T {
  const context: NormalizeContext = {
    phoneNumberParser: options?.phoneNumberParser,
    intentKeywords: options?.intentKeywords,
    drift: [],
  };
  const result = normalize(context);
  settleDrift(provider, context.drift, options ?? {});
  return result;
}

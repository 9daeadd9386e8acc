import { decodeBody, decodeJsonBody, readDecoded } from './decode-body.js';
import type { SmsWebhookError } from './errors/SmsWebhookError.js';
import type { SmsEvent } from './events.js';
import { type ProviderId, providers, type WebhookKind } from './providers/index.js';
import { assertKind, matchingProviders, resolveProvider } from './resolve-provider.js';
import type { SmsDriftReport } from './tolerance/drift.js';
import type { SmsParseOptions } from './tolerance/options.js';
import { ownError, unreadablePayload } from './validate.js';

/**
 * Options of {@link parseSmsWebhook} and {@link safeParseSmsWebhook}; `onDrift` is for
 * {@link parseSmsWebhook} only ({@link safeParseSmsWebhook} returns the reports instead).
 */
export interface ParseSmsWebhookOptions extends SmsParseOptions {
  /**
   * Which provider sent the body; detected from the body's shape when absent.
   * @default undefined (detect)
   * @example { provider: 'telmetrics' }
   */
  readonly provider?: ProviderId | undefined;
  /**
   * Which TextLink webhook this is (its body does not say); inferred from the body when absent.
   * @default undefined (infer)
   * @example { provider: 'textlink', kind: 'failed' }
   */
  readonly kind?: WebhookKind | undefined;
}

/** The result of {@link safeParseSmsWebhook}: the events, or the error that explains why not. */
export type SafeParseSmsWebhookResult =
  | {
      /** The body was valid. */
      readonly success: true;
      /** The provider that sent it. */
      readonly provider: ProviderId;
      /** The normalized events, in payload order. */
      readonly events: SmsEvent[];
      /** How the body differed from its provider's documents; empty when it matched them exactly. */
      readonly drift: SmsDriftReport[];
    }
  | {
      /** The body was not valid. */
      readonly success: false;
      /** Why, with the failing fields. */
      readonly error: SmsWebhookError;
    };

/**
 * Tells which provider a webhook body comes from, by its shape; `null` when it is none of them or
 * could be more than one. Never throws.
 *
 * @example
 * ```ts
 * detectProvider({ Id: '…', Attempt: 1, Properties: {…}, Notifications: […] }); // 'telmetrics'
 * ```
 */
export function detectProvider(body: unknown): ProviderId | null {
  let value: unknown;
  try {
    value = decodeBody(body);
  } catch {
    return null;
  }
  const matches = matchingProviders(value, providers);
  return matches.length === 1 ? (matches[0]?.id ?? null) : null;
}

/**
 * Checks a webhook body and returns its normalized events.
 *
 * `body` is the parsed JSON, or the raw body as a `string` or `Uint8Array`. Only a provider's
 * identifying fields refuse a body; a descriptive field that is missing or of another type is read
 * where its meaning is unambiguous, else `null`, and reported to `options.onDrift`.
 *
 * @throws {SmsWebhookError} `invalid_json`, `invalid_payload`, `unknown_provider` or `ambiguous_payload`.
 * @example
 * ```ts
 * const events = parseSmsWebhook(req.body, { provider: 'textrequest' });
 * for (const event of events) if (event.type === 'message.received') console.log(event.from, event.text);
 * ```
 */
export function parseSmsWebhook(body: unknown, options: ParseSmsWebhookOptions = {}): SmsEvent[] {
  const result = safeParseSmsWebhook(body, options);
  if (!result.success) throw result.error;
  const onDrift = options?.onDrift;
  if (onDrift) for (const report of result.drift) onDrift(report);
  return result.events;
}

/**
 * Like {@link parseSmsWebhook}, but returns `{ success, … }` instead of throwing, whatever it is given.
 *
 * @example
 * ```ts
 * const result = safeParseSmsWebhook(rawBody);
 * if (!result.success) return Response.json({ issues: result.error.issues }, { status: 400 });
 * ```
 */
export function safeParseSmsWebhook(
  body: unknown,
  options: Omit<ParseSmsWebhookOptions, 'onDrift'> = {},
): SafeParseSmsWebhookResult {
  let providerId: ProviderId | undefined;
  try {
    const decoded = decodeJsonBody(body);
    const value = decoded.value;
    const { provider: requested, kind, strict, phoneNumberParser, intentKeywords } = options ?? {};
    const provider = resolveProvider(value, requested, providers);
    providerId = provider.id;
    assertKind(provider, kind);
    const drift: SmsDriftReport[] = [];
    const events = readDecoded(decoded, (fresh) =>
      provider.parse(fresh, {
        kind: kind as never,
        strict,
        phoneNumberParser,
        intentKeywords,
        onDrift: (report) => drift.push(report),
      }),
    );
    return { success: true, provider: provider.id, events, drift };
  } catch (error) {
    // Not safeParseWith: the provider to blame is known only once the body has been matched.
    return {
      success: false,
      error: ownError(error) ?? unreadablePayload(providerId),
    };
  }
}

/**
 * Telmetrics (v3) webhooks: the wire schemas, parsing, normalization to `SmsEvent`s, and
 * request verification.
 *
 * @example
 * ```ts
 * import { parseTelmetricsWebhook, normalizeTelmetricsWebhook } from 'sms-webhooks/telmetrics';
 *
 * const delivery = parseTelmetricsWebhook(await request.text());
 * for (const event of normalizeTelmetricsWebhook(delivery)) {
 *   if (event.type === 'conversation.started') console.log(event.from, event.attribution.campaign);
 * }
 * ```
 *
 * @module sms-webhooks/telmetrics
 */
import { decodeJsonBody, readDecoded } from '../../decode-body.js';
import { SmsWebhookError } from '../../errors/SmsWebhookError.js';
import { isJsonObject } from '../../is-json-object.js';
import type { SmsDriftReport } from '../../tolerance/drift.js';
import type { SmsParseOptions, SmsReadOptions } from '../../tolerance/options.js';
import { readTolerantly, settleDrift } from '../../tolerance/read-tolerantly.js';
import { safeParseWith } from '../../validate.js';
import type { ProviderDefinition } from '../types.js';
import {
  normalizeTelmetricsRead,
  type TelmetricsEvent,
  type TelmetricsParsedWebhook,
} from './normalize.js';
import { TelmetricsWebhookSchema, telmetricsTolerance } from './schema.js';
import {
  TELMETRICS_SIGNATURE_HEADER,
  verifyTelmetricsSignatureDetailed,
  verifyTelmetricsUrlTokenDetailed,
} from './verify.js';

export {
  normalizeTelmetricsWebhook,
  type TelmetricsConversationStartedEvent,
  type TelmetricsEvent,
  type TelmetricsParsedWebhook,
  type TelmetricsUnknownEvent,
} from './normalize.js';
export {
  TELMETRICS_SMS_CONVERSATION_START,
  type TelmetricsAttributionDetails,
  type TelmetricsAttributionDetailsEntries,
  TelmetricsAttributionDetailsSchema,
  type TelmetricsCallDetails,
  type TelmetricsCallDetailsEntries,
  TelmetricsCallDetailsSchema,
  type TelmetricsNotification,
  type TelmetricsNotificationEntries,
  TelmetricsNotificationSchema,
  type TelmetricsOtherNotification,
  type TelmetricsOtherNotificationEntries,
  TelmetricsOtherNotificationSchema,
  type TelmetricsProperties,
  type TelmetricsPropertiesEntries,
  TelmetricsPropertiesSchema,
  type TelmetricsSessionTag,
  type TelmetricsSessionTagEntries,
  TelmetricsSessionTagSchema,
  type TelmetricsSmsConversationStart,
  type TelmetricsSmsConversationStartEntries,
  TelmetricsSmsConversationStartSchema,
  type TelmetricsWebhook,
  type TelmetricsWebhookEntries,
  TelmetricsWebhookSchema,
  telmetricsTolerance,
} from './schema.js';
export {
  TELMETRICS_SIGNATURE_HEADER,
  type VerifyTelmetricsSignatureOptions,
  type VerifyTelmetricsUrlTokenOptions,
  verifyTelmetricsSignature,
  verifyTelmetricsSignatureDetailed,
  verifyTelmetricsUrlToken,
  verifyTelmetricsUrlTokenDetailed,
} from './verify.js';

/** The verification schemes of {@link telmetricsProvider}, the default (`ms-signature`) first. */
export const telmetricsVerificationSchemes: readonly ['ms-signature', 'url-token'] = [
  'ms-signature',
  'url-token',
];

/** A verification scheme of {@link telmetricsProvider}. */
export type TelmetricsVerificationScheme = (typeof telmetricsVerificationSchemes)[number];

/** The result of {@link safeParseTelmetricsWebhook}. */
export type SafeParseTelmetricsWebhookResult =
  | {
      /** The body is a Telmetrics delivery (its identifying fields are usable). */
      readonly success: true;
      /** The delivery as read: unknown fields kept, descriptive fields that did not fit `null`. */
      readonly output: TelmetricsParsedWebhook;
      /** How the delivery differed from the documents; empty when it matched them exactly. */
      readonly drift: SmsDriftReport[];
    }
  | {
      /** The body is not a Telmetrics delivery. */
      readonly success: false;
      /** Why, with the failing fields. */
      readonly error: SmsWebhookError;
    };

/**
 * Checks a Telmetrics webhook body and returns the delivery as read.
 *
 * `body` is the parsed JSON, or the raw body as a `string` or `Uint8Array`. Only identifying fields
 * refuse the delivery; a descriptive field that is missing or of another type is read where its
 * meaning is unambiguous, else `null`, and reported to `options.onDrift`.
 *
 * @throws {SmsWebhookError} `invalid_json`, or `invalid_payload` with issues such as
 * `Notifications[0].TexterNumber: expected string, received number`.
 * @example
 * ```ts
 * const delivery = parseTelmetricsWebhook(req.body, { onDrift: (report) => console.warn(report) });
 * console.log(delivery.Id, delivery.Attempt, delivery.Notifications?.length);
 * ```
 */
export function parseTelmetricsWebhook(
  body: unknown,
  options: Pick<SmsParseOptions, 'strict' | 'onDrift'> = {},
): TelmetricsParsedWebhook {
  const drift: SmsDriftReport[] = [];
  const read = readDecoded(decodeJsonBody(body, 'telmetrics'), (value) =>
    readTolerantly(TelmetricsWebhookSchema, value, telmetricsTolerance, drift),
  );
  settleDrift('telmetrics', drift, options ?? {});
  return read.value;
}

/**
 * Like {@link parseTelmetricsWebhook}, but returns `{ success, … }` instead of throwing, whatever it
 * is given, with the drift reports on success.
 *
 * @example
 * ```ts
 * const result = safeParseTelmetricsWebhook(body);
 * if (!result.success) return Response.json({ issues: result.error.issues }, { status: 400 });
 * ```
 */
export function safeParseTelmetricsWebhook(
  body: unknown,
  options: Pick<SmsReadOptions, 'strict'> = {},
): SafeParseTelmetricsWebhookResult {
  const drift: SmsDriftReport[] = [];
  const result = safeParseWith('telmetrics', () =>
    parseTelmetricsWebhook(body, {
      strict: options?.strict,
      onDrift: (report) => drift.push(report),
    }),
  );
  return result.success ? { ...result, drift } : result;
}

/** The longest `echo` value answered; a registration check sends a short random string. */
const MAX_ECHO_LENGTH = 256;

/**
 * Answers the URL check of ASP.NET WebHooks, which the Telmetrics envelope matches (inferred, not
 * documented by Telmetrics): `GET <url>?echo=<value>` expects `<value>` back before deliveries start.
 */
export function answerTelmetricsEcho(request: {
  /** The HTTP method of the request. */
  readonly method: string;
  /** The full request URL. */
  readonly url: string;
}): string | null {
  if (request.method !== 'GET') return null;
  let echo: string | null;
  try {
    echo = new URL(request.url, 'http://localhost').searchParams.get('echo');
  } catch {
    return null;
  }
  if (echo === null || echo === '' || echo.length > MAX_ECHO_LENGTH) return null;
  return echo;
}

function detectTelmetrics(body: unknown): boolean {
  try {
    if (!isJsonObject(body)) return false;
    return (
      Array.isArray(body.Notifications) &&
      (typeof body.Id === 'string' || isJsonObject(body.Properties))
    );
  } catch {
    return false;
  }
}

/**
 * The Telmetrics (v3) provider: one delivery (`Id`, `Attempt`, `Properties`, `Notifications`) gives
 * one event per notification.
 *
 * Verification schemes (Telmetrics documents none, so choose the one your deliveries support):
 * - `ms-signature` (default): the `ms-signature: sha256=<hex HMAC-SHA256 of the raw body>`
 *   header of ASP.NET WebHooks, inferred from the envelope; needs the raw body. See
 *   {@link verifyTelmetricsSignature}.
 * - `url-token`: a `token` query parameter in the webhook URL you register. See
 *   {@link verifyTelmetricsUrlToken}.
 *
 * @example
 * ```ts
 * const events = telmetricsProvider.parse(JSON.parse(rawBody)); // SmsEvent[]
 * ```
 */
export const telmetricsProvider: ProviderDefinition<
  'telmetrics',
  never,
  TelmetricsVerificationScheme,
  TelmetricsEvent
> = {
  id: 'telmetrics',
  name: 'Telmetrics',
  kinds: [],
  verificationSchemes: telmetricsVerificationSchemes,
  detect: detectTelmetrics,
  handshake: answerTelmetricsEcho,
  parse(body: unknown, options = {}): TelmetricsEvent[] {
    const drift: SmsDriftReport[] = [];
    const read = readTolerantly(TelmetricsWebhookSchema, body, telmetricsTolerance, drift);
    const events = normalizeTelmetricsRead(read.value, read.raw, read.exact, {
      phoneNumberParser: options?.phoneNumberParser,
      intentKeywords: options?.intentKeywords,
      drift,
    });
    settleDrift('telmetrics', drift, options ?? {});
    return events;
  },
  async verify(request, secrets, options = {}) {
    const scheme = options.scheme ?? telmetricsVerificationSchemes[0];
    if (scheme === 'url-token') {
      return verifyTelmetricsUrlTokenDetailed({ url: request.url, secret: secrets });
    }
    if (scheme !== 'ms-signature') {
      const expected = telmetricsVerificationSchemes.join(', ');
      throw new TypeError(`Unknown Telmetrics verification scheme; expected one of ${expected}.`);
    }
    if (request.rawBody === null) {
      throw new SmsWebhookError(
        'raw_body_unavailable',
        'The raw request body is needed to check the Telmetrics ms-signature header, but the ' +
          'body was already parsed. Mount the handler before express.json(), or use ' +
          'express.raw({ type: "application/json" }) on this route; or choose the url-token ' +
          'scheme.',
        { provider: 'telmetrics' },
      );
    }
    return verifyTelmetricsSignatureDetailed({
      body: request.rawBody,
      signature: request.headers.get(TELMETRICS_SIGNATURE_HEADER),
      secret: secrets,
    });
  },
};

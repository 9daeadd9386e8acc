import type { SmsEvent } from '../../events.js';
import type { SmsIntentKeywords } from '../../normalize/intent.js';
import { intentKeywordListOf } from '../../normalize/intent-keyword-list.js';
import type { SmsPhoneNumberParser } from '../../normalize/phone-number.js';
import type { ProviderId } from '../../providers/index.js';
import type { RegisteredProvider } from '../../resolve-provider.js';
import { createEventDispatch, type SmsEventRoutes } from '../../routing/create-event-router.js';
import type { IdempotencyStore } from '../../stores/types.js';
import type { SmsDriftReport } from '../../tolerance/drift.js';
import { DEFAULT_MAX_BODY_BYTES } from './body-limit.js';
import type {
  SmsWebhookDriftContext,
  SmsWebhookErrorContext,
  SmsWebhookEventContext,
  SmsWebhookHandlerOptions,
  SmsWebhookHandlerRequest,
  SmsWebhookMethod,
  SmsWebhookSecretResolver,
} from './options.js';

/** The methods the `methods` option may name; GET is not one (Text Request: "This cannot be GET"). */
const webhookMethods: readonly SmsWebhookMethod[] = ['POST', 'PUT', 'DELETE'];

/** The default of `timeoutMs`: 10 seconds. */
export const DEFAULT_TIMEOUT_MS = 10_000;
/** The default of `leaseMs`, as a multiple of `timeoutMs`. */
export const DEFAULT_LEASE_TIMEOUTS = 3;
/** The default of `retentionMs`: 7 days. */
export const DEFAULT_RETENTION_MS: number = 7 * 24 * 60 * 60 * 1000;
/** The default of `fingerprintWindowMs`: 10 seconds. */
export const DEFAULT_FINGERPRINT_WINDOW_MS = 10_000;
// setTimeout fires at once past 2^31 - 1 ms, which would turn a long timeout into none.
const MAX_TIMER_MS = 2_147_483_647;

/** Where a request's secrets come from. */
export type SecretSource =
  | { readonly type: 'none' }
  | { readonly type: 'static'; readonly secrets: readonly string[] }
  | { readonly type: 'resolver'; readonly resolve: SmsWebhookSecretResolver };

/** Verification and parsing options checked once, when the handler or function is set up. */
export interface ResolvedRequestOptions {
  /** The configured provider, or `undefined` to detect it per request. */
  readonly provider: RegisteredProvider | undefined;
  /** The providers a request may be detected as: the registry, or the one a handler is made for. */
  readonly providers: readonly RegisteredProvider[];
  /** The configured webhook kind. */
  readonly kind: string | undefined;
  /** Where the secrets come from. */
  readonly secret: SecretSource;
  /** The configured verification scheme. */
  readonly scheme: string | undefined;
  /** The configured timestamp tolerance. */
  readonly toleranceSeconds: number | undefined;
  /** The custom verification hook. */
  readonly verify:
    | ((request: SmsWebhookHandlerRequest) => boolean | PromiseLike<boolean>)
    | undefined;
  /** The HTTP methods deliveries may use, without repeats, in the order given. */
  readonly methods: readonly SmsWebhookMethod[];
  /** The body size limit in bytes. */
  readonly maxBodyBytes: number;
  /** Whether drift refuses a delivery. */
  readonly strict: boolean;
  /** The drift observer. */
  readonly onDrift:
    | ((report: SmsDriftReport, context: SmsWebhookDriftContext) => unknown)
    | undefined;
  /** The user's phone number parser. */
  readonly phoneNumberParser: SmsPhoneNumberParser | undefined;
  /** The user's intent keywords. */
  readonly intentKeywords: SmsIntentKeywords | undefined;
}

/** Handler options checked once, when the handler is created. */
export interface ResolvedHandlerOptions extends ResolvedRequestOptions {
  /** The per-event call: the `on` route (or `onUnhandled`), then `onEvent`. */
  readonly onEvent: (event: SmsEvent, context: SmsWebhookEventContext) => Promise<void>;
  /** The failure observer. */
  readonly onError: ((error: unknown, context: SmsWebhookErrorContext) => unknown) | undefined;
  /** The idempotency store, or `undefined` to call `onEvent` for every delivery. */
  readonly store: IdempotencyStore | undefined;
  /** The whole-request time limit in milliseconds. */
  readonly timeoutMs: number;
  /** How long a claim lasts, in milliseconds. */
  readonly leaseMs: number;
  /** How long an event keyed on a provider id stays done, in milliseconds. */
  readonly retentionMs: number;
  /** How long an event keyed on a content fingerprint stays done, in milliseconds. */
  readonly fingerprintWindowMs: number;
}

function millisecondsOption(
  name: string,
  value: unknown,
  fallback: number,
  { min, max }: { readonly min: number; readonly max: number },
): number {
  if (value === undefined) return fallback;
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < min || value > max) {
    throw new TypeError(
      `\`${name}\` must be a whole number of milliseconds from ${min} to ${max}.`,
    );
  }
  return value;
}

function isStore(value: unknown): value is IdempotencyStore {
  const store = value as Partial<Record<keyof IdempotencyStore, unknown>> | null;
  return (
    typeof store === 'object' &&
    store !== null &&
    typeof store.claim === 'function' &&
    typeof store.complete === 'function' &&
    typeof store.release === 'function'
  );
}

/** Keeps the non-empty strings of a secret option value; anything else counts as no secret. */
export function toSecretList(value: unknown): string[] {
  const candidates: unknown[] =
    typeof value === 'string' ? [value] : Array.isArray(value) ? value : [];
  return candidates.filter((item): item is string => typeof item === 'string' && item !== '');
}

function quote(value: unknown): string {
  return JSON.stringify(String(value));
}

/**
 * Checks handler options and fixes their defaults, so a misconfiguration fails when the handler
 * is created instead of on the first webhook.
 *
 * @throws {TypeError} when an option has the wrong type or names something no provider has.
 */
export function resolveHandlerOptions<P extends ProviderId>(
  options: SmsWebhookHandlerOptions<P>,
  providers: readonly RegisteredProvider[],
): ResolvedHandlerOptions {
  if (typeof options !== 'object' || options === null) {
    throw new TypeError('Handler options must be an object with at least `onEvent` or `on`.');
  }
  const { onError } = options;
  const onEvent = createEventDispatch(options as SmsEventRoutes);
  if (onError !== undefined && typeof onError !== 'function') {
    throw new TypeError('`onError` must be a function when given.');
  }
  return {
    ...resolveRequestOptions(options, providers),
    onEvent,
    onError,
    ...resolveDeliveryOptions(options),
  };
}

/** Checks the store and timing options of a handler. */
function resolveDeliveryOptions<P extends ProviderId>(
  options: SmsWebhookHandlerOptions<P>,
): Pick<
  ResolvedHandlerOptions,
  'store' | 'timeoutMs' | 'leaseMs' | 'retentionMs' | 'fingerprintWindowMs'
> {
  const { store } = options;
  if (store !== undefined && !isStore(store)) {
    throw new TypeError(
      '`store` must be an idempotency store with claim, complete and release, e.g. memoryStore().',
    );
  }
  const timeoutMs = millisecondsOption('timeoutMs', options.timeoutMs, DEFAULT_TIMEOUT_MS, {
    min: 1,
    max: MAX_TIMER_MS,
  });
  const leaseMs = millisecondsOption(
    'leaseMs',
    options.leaseMs,
    Math.min(timeoutMs * DEFAULT_LEASE_TIMEOUTS, Number.MAX_SAFE_INTEGER),
    { min: timeoutMs, max: Number.MAX_SAFE_INTEGER },
  );
  const retentionMs = millisecondsOption('retentionMs', options.retentionMs, DEFAULT_RETENTION_MS, {
    min: 1,
    max: Number.MAX_SAFE_INTEGER,
  });
  const fingerprintWindowMs = millisecondsOption(
    'fingerprintWindowMs',
    options.fingerprintWindowMs,
    DEFAULT_FINGERPRINT_WINDOW_MS,
    { min: 0, max: Number.MAX_SAFE_INTEGER },
  );
  return { store, timeoutMs, leaseMs, retentionMs, fingerprintWindowMs };
}

/**
 * Checks the verification and parsing options of a handler or of `verifyAndParseSmsWebhook`.
 *
 * @throws {TypeError} when an option has the wrong type or names something no provider has.
 */
export function resolveRequestOptions<P extends ProviderId>(
  options: Omit<SmsWebhookHandlerOptions<P>, 'on' | 'onUnhandled' | 'onEvent' | 'onError'>,
  providers: readonly RegisteredProvider[],
): ResolvedRequestOptions {
  if (typeof options !== 'object' || options === null) {
    throw new TypeError('Options must be an object.');
  }
  const { verify, kind, scheme, toleranceSeconds } = options;
  if (verify !== undefined && typeof verify !== 'function') {
    throw new TypeError('`verify` must be a function when given.');
  }
  const { strict, onDrift, phoneNumberParser, intentKeywords } = options;
  if (strict !== undefined && typeof strict !== 'boolean') {
    throw new TypeError('`strict` must be true or false when given.');
  }
  if (onDrift !== undefined && typeof onDrift !== 'function') {
    throw new TypeError('`onDrift` must be a function when given.');
  }
  if (phoneNumberParser !== undefined && typeof phoneNumberParser !== 'function') {
    throw new TypeError('`phoneNumberParser` must be a function when given.');
  }
  if (
    intentKeywords !== undefined &&
    (typeof intentKeywords !== 'object' || intentKeywords === null || Array.isArray(intentKeywords))
  ) {
    throw new TypeError('`intentKeywords` must be an object of keyword lists when given.');
  }
  // Each list is checked now, so a handler given one that is not a list fails when it is made.
  for (const name of ['help', 'optIn', 'optOut'] as const) {
    intentKeywordListOf(name, intentKeywords?.[name]);
  }

  let provider: RegisteredProvider | undefined;
  if (options.provider !== undefined) {
    provider = providers.find((candidate) => candidate.id === options.provider);
    if (!provider) {
      throw new TypeError(
        `Unknown provider ${quote(options.provider)}; expected one of ${providers.map((p) => p.id).join(', ')}.`,
      );
    }
  }
  const candidates: readonly RegisteredProvider[] = provider ? [provider] : providers;

  if (kind !== undefined) {
    const known = candidates.flatMap((p) => p.kinds as readonly string[]);
    if (!known.includes(kind)) {
      throw new TypeError(
        `Unknown webhook kind ${quote(kind)}; ${known.length > 0 ? `expected one of ${known.join(', ')}` : `${provider?.name ?? 'this provider'} takes no kind`}.`,
      );
    }
  }
  if (scheme !== undefined) {
    const known = candidates.flatMap((p) => p.verificationSchemes);
    if (!known.includes(scheme)) {
      throw new TypeError(
        `Unknown verification scheme ${quote(scheme)}; expected one of ${known.join(', ')}.`,
      );
    }
  }
  if (
    toleranceSeconds !== undefined &&
    (typeof toleranceSeconds !== 'number' || Number.isNaN(toleranceSeconds) || toleranceSeconds < 0)
  ) {
    throw new TypeError(
      '`toleranceSeconds` must be a number of seconds, 0 or more (Infinity turns the check off).',
    );
  }
  const maxBodyBytes = options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
  if (!Number.isSafeInteger(maxBodyBytes) || maxBodyBytes < 1) {
    throw new TypeError('`maxBodyBytes` must be a whole number of bytes, 1 or more.');
  }

  const methods = resolveMethods(options.methods);

  let secret: SecretSource = { type: 'none' };
  // A present-but-empty secret (an unset environment variable) must not turn verification off.
  if (Object.hasOwn(options, 'secret')) {
    secret =
      typeof options.secret === 'function'
        ? { type: 'resolver', resolve: options.secret }
        : { type: 'static', secrets: toSecretList(options.secret) };
  }

  return {
    provider,
    providers,
    kind,
    secret,
    scheme,
    toleranceSeconds,
    verify,
    methods,
    maxBodyBytes,
    strict: strict === true,
    onDrift: onDrift as ResolvedRequestOptions['onDrift'],
    phoneNumberParser,
    intentKeywords,
  };
}

function resolveMethods(value: unknown): readonly SmsWebhookMethod[] {
  if (value === undefined) return ['POST'];
  const invalid = (): TypeError =>
    new TypeError(
      `\`methods\` must be a non-empty list of ${webhookMethods.join(', ')} (upper case).`,
    );
  if (!Array.isArray(value) || value.length === 0) throw invalid();
  const methods: SmsWebhookMethod[] = [];
  for (const method of value as unknown[]) {
    const known = webhookMethods.find((candidate) => candidate === method);
    if (known === undefined) throw invalid();
    if (!methods.includes(known)) methods.push(known);
  }
  return methods;
}

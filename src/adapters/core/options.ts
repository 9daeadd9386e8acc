import type { SmsWebhookErrorCode } from '../../errors/SmsWebhookError.js';
import type { SmsEventOf } from '../../events.js';
import type { ProviderId, ProviderOf } from '../../providers/index.js';
import type { SmsWebhookRequest } from '../../providers/types.js';
import type { SmsEventHandlers } from '../../routing/create-event-router.js';
import type { IdempotencyStore } from '../../stores/types.js';
import type { SmsDriftReport } from '../../tolerance/drift.js';
import type { SmsReadOptions } from '../../tolerance/options.js';
import type { SmsVerificationFailureReason } from '../../verify/verification-result.js';

/** The request as the handler's hooks see it: what verification sees, plus the client's address. */
export interface SmsWebhookHandlerRequest extends SmsWebhookRequest {
  /**
   * The address of the connecting client (for an IP allow-list), or `null` where the runtime does
   * not tell it (Web `Request` handlers). Behind a proxy, read `x-forwarded-for` from the headers.
   */
  readonly remoteAddress: string | null;
}

/** One secret, or several that are all accepted at once while you rotate from an old one to a new one. */
export type SmsWebhookSecret = string | readonly string[];

/**
 * Finds the secret for one request, e.g. by tenant from the URL path or a header; returning
 * `undefined` (or an empty list) refuses the request with 401.
 */
export type SmsWebhookSecretResolver = (
  request: SmsWebhookHandlerRequest,
) => SmsWebhookSecret | undefined | PromiseLike<SmsWebhookSecret | undefined>;

/** The webhook kinds a provider accepts in the `kind` option; `never` for providers whose body says. */
export type SmsWebhookKindOf<P extends ProviderId> = ProviderOf<P>['kinds'][number];

/** The verification schemes a provider accepts in `scheme`, e.g. Telmetrics' `'url-token'`. */
export type SmsWebhookSchemeOf<P extends ProviderId> = ProviderOf<P>['verificationSchemes'][number];

/** What `onEvent` learns about the request an event came in. */
export interface SmsWebhookEventContext<P extends ProviderId = ProviderId> {
  /** The provider that sent the webhook, as configured or detected. */
  readonly provider: P;
  /** The request as verification saw it: method, full URL, headers, raw body and decoded body. */
  readonly request: SmsWebhookHandlerRequest;
  /**
   * Aborted when the request passes `timeoutMs` and has been answered 503; pass it to `fetch` or
   * your database client to stop work nobody waits for. Finishing anyway still marks the event done.
   */
  readonly signal: AbortSignal;
}

/**
 * The `code` of an error response: an `SmsWebhookError` code, `internal_error` for a 500, or one of
 * the retryable 503s: `timeout` (past `timeoutMs`), `in_progress` (another attempt holds the event's
 * lease), `store_unavailable` (the idempotency store failed).
 */
export type SmsWebhookResponseErrorCode =
  | SmsWebhookErrorCode
  | 'internal_error'
  | 'timeout'
  | 'in_progress'
  | 'store_unavailable';

/** What `onError` learns about a failed request; it never holds a secret, a header or the body. */
export interface SmsWebhookErrorContext {
  /** The HTTP status the request was answered with, e.g. `401`. */
  readonly status: number;
  /** The `error.code` of the response body, e.g. `unauthorized`. */
  readonly code: SmsWebhookResponseErrorCode;
  /** The provider, when it was configured or detected before the failure. */
  readonly provider: ProviderId | undefined;
  /** The request method, upper case. */
  readonly method: string;
  /** The request path without the query string (the `url-token` scheme puts its secret there). */
  readonly path: string;
  /**
   * Why verification refused a `401`, e.g. `missing_signature`, `timestamp_out_of_tolerance` or
   * `no_secret` (also the error's `reason`); `undefined` for every other failure.
   */
  readonly reason: SmsVerificationFailureReason | undefined;
}

/** What `onDrift` learns about the request a drift report came in; never a secret or a value. */
export interface SmsWebhookDriftContext<P extends ProviderId = ProviderId> {
  /** The provider that sent the webhook, as configured or detected. */
  readonly provider: P;
  /** The request method, upper case. */
  readonly method: string;
  /** The request path without the query string (the `url-token` scheme puts its secret there). */
  readonly path: string;
}

/** The HTTP methods a webhook can be delivered with: Text Request lets each hook choose one (`http_verb`). */
export type SmsWebhookMethod = 'POST' | 'PUT' | 'DELETE';

/**
 * Options of `createFetchHandler` (`sms-webhooks/fetch`) and `createNodeHandler` (`sms-webhooks/node`).
 *
 * **Security:** without `secret` or `verify`, requests are accepted **unverified**, so anyone who
 * knows the URL can post events. Configure at least one of them in production.
 */
export interface SmsWebhookHandlerOptions<P extends ProviderId = ProviderId>
  extends SmsReadOptions {
  /**
   * Which provider posts to this endpoint; detected from each body's shape when absent.
   * @default undefined (detect from the body)
   * @example { provider: 'textrequest' }
   */
  readonly provider?: P | undefined;
  /**
   * Which TextLink webhook this URL receives (TextLink's body does not say); inferred when absent.
   * @default undefined (infer from the body)
   * @example { provider: 'textlink', kind: 'failed' }
   */
  readonly kind?: SmsWebhookKindOf<P> | undefined;
  /**
   * The secret that proves a request came from the provider: TextLink's webhook secret (the body's
   * `secret` field), Text Request's API key (it signs `x-tr-webhook-signature`), Telmetrics'
   * `ms-signature` key or URL token. A list accepts any of its secrets (rotation); a function
   * resolves it per request (per tenant). When the option is present but `undefined` or empty
   * (e.g. an unset environment variable), every request is refused with 401 rather than accepted
   * unverified.
   * @default undefined (no secret check)
   * @example { secret: process.env.TEXT_REQUEST_API_KEY }
   * @example { secret: [process.env.NEW_SECRET!, process.env.OLD_SECRET!] }
   * @example { secret: (request) => tenants.get(new URL(request.url).pathname.split('/').at(-1) ?? '')?.secret }
   */
  readonly secret?: SmsWebhookSecret | SmsWebhookSecretResolver | undefined;
  /**
   * Which of the provider's verification schemes `secret` is checked with: Telmetrics
   * `'ms-signature'` (default) or `'url-token'` (`?token=` in the URL, chosen only explicitly),
   * TextLink `'body-secret'`, Text Request `'hmac-sha256'`.
   * @default the provider's first scheme
   * @example { provider: 'telmetrics', scheme: 'url-token', secret: process.env.TELMETRICS_URL_TOKEN }
   */
  readonly scheme?: SmsWebhookSchemeOf<P> | undefined;
  /**
   * How far Text Request's signed timestamp may be from now, in seconds, either way.
   * @default 300
   * @example { provider: 'textrequest', toleranceSeconds: 120 }
   */
  readonly toleranceSeconds?: number | undefined;
  /**
   * Your own check of each request (basic auth, an IP allow-list, a token in the path); anything
   * but `true` refuses it with 401. Together with `secret`, both must pass.
   * @default undefined (no extra check)
   * @example { verify: (request) => verifySecret(request.headers.get('authorization'), expectedBasicAuth) }
   */
  readonly verify?:
    | ((request: SmsWebhookHandlerRequest) => boolean | PromiseLike<boolean>)
    | undefined;
  /**
   * One handler per event type, each receiving exactly that event type of the configured provider
   * (a misspelt type does not compile). For each event, in payload order, `on[event.type]` (else
   * `onUnhandled`) runs first, then `onEvent`, each awaited. Throwing or rejecting answers 500.
   * @default undefined (no per-type handlers)
   * @example { on: { 'message.received': (event) => inbox.save(event.from, event.text), 'message.failed': (event) => alerts.notify(event.messageId) } }
   */
  readonly on?: SmsEventHandlers<SmsEventOf<P>, SmsWebhookEventContext<P>> | undefined;
  /**
   * Handles each event whose type has no handler in `on`; without it such events are
   * acknowledged (200) without a call, as the provider would otherwise retry them.
   * @default undefined (acknowledge them)
   * @example { onUnhandled: (event) => logger.info({ type: event.type }, 'SMS event not handled') }
   */
  readonly onUnhandled?:
    | ((event: SmsEventOf<P>, context: SmsWebhookEventContext<P>) => unknown)
    | undefined;
  /**
   * Handles every verified, validated event, after its `on` handler (or `onUnhandled`); called
   * once per event in payload order, each awaited before the next. Throwing or rejecting answers
   * 500 so the provider retries. At least one of `onEvent`, `on` and `onUnhandled` is required.
   * With `store`, an event already handled is skipped (none of the three runs again), also across
   * redeliveries, replays and server instances.
   * @default undefined (only `on` and `onUnhandled` are called)
   * @example { onEvent: async (event) => { if (event.type === 'message.received') await save(event); } }
   */
  readonly onEvent?:
    | ((event: SmsEventOf<P>, context: SmsWebhookEventContext<P>) => unknown)
    | undefined;
  /**
   * The HTTP methods deliveries may use; any other is answered 405 with an `Allow` header that
   * lists these. Text Request sends a hook's deliveries with the `http_verb` it was registered with
   * (`POST`, `PUT` or `DELETE`, the same body each time). Telmetrics' `GET ?echo=` URL check is
   * answered whatever this says.
   * @default ['POST']
   * @example { provider: 'textrequest', methods: ['POST', 'PUT'] }
   */
  readonly methods?: readonly SmsWebhookMethod[] | undefined;
  /**
   * The largest body accepted, in bytes; larger ones are answered 413 without being read to the end.
   * @default 1_048_576 (1 MiB)
   * @example { maxBodyBytes: 64 * 1024 }
   */
  readonly maxBodyBytes?: number | undefined;
  /**
   * Observes every request that is not answered 200 (for logging); receives the error and a
   * context without secrets. What it throws or rejects with is ignored.
   * @default undefined
   * @example { onError: (error, context) => logger.warn({ status: context.status, code: context.code, reason: context.reason }, String(error)) }
   */
  readonly onError?: ((error: unknown, context: SmsWebhookErrorContext) => unknown) | undefined;
  /**
   * Observes how accepted deliveries differ from the provider's documents (a field missing, of
   * another type, coerced, unknown, or an unknown notification), before `onEvent` is called. An
   * `unknown_field` report is made once per field per handler, not on every delivery. Reports name
   * fields and types, never values. What it throws or rejects with is ignored.
   * @default undefined (drift is not reported)
   * @example { onDrift: (report, context) => logger.warn({ ...report, path: context.path }, 'webhook drift') }
   */
  readonly onDrift?:
    | ((report: SmsDriftReport, context: SmsWebhookDriftContext<P>) => unknown)
    | undefined;
  /**
   * Remembers handled events by `event.idempotencyKey`, so each reaches `onEvent` once: a done event
   * is skipped (and counts as success), one another attempt is handling is answered 503 with
   * `Retry-After`, a failed one is released for the redelivery. A failing store answers 503
   * (fail closed) and `onEvent` is not called.
   * @default undefined (every delivery reaches `onEvent`)
   * @example { store: memoryStore() }
   * @example { store: redisStore(redisClient) }
   * @example { store: postgresStore(pool) }
   */
  readonly store?: IdempotencyStore | undefined;
  /**
   * How long one request may take in all (body, secret resolver, `verify`, the store, `onEvent`),
   * in milliseconds. Past it the request is answered 503 `timeout` with `Retry-After`, `onError`
   * hears of it, and the `signal` in the `onEvent` context is aborted.
   * @default 10_000
   * @example { timeoutMs: 5_000 }
   */
  readonly timeoutMs?: number | undefined;
  /**
   * How long a claim on an event keeps other attempts away, in milliseconds; when a process dies
   * inside `onEvent`, the first redelivery after the lease handles the event. At least `timeoutMs`.
   * @default 3 × timeoutMs (30 s)
   * @example { leaseMs: 60_000 }
   */
  readonly leaseMs?: number | undefined;
  /**
   * How long a handled event stays done, in milliseconds, for keys built on a provider's id; a
   * delivery after that runs `onEvent` again. Telmetrics' `ms-signature` has no timestamp, so a
   * replayed request is recognised only within this time.
   * @default 604_800_000 (7 days)
   * @example { retentionMs: 30 * 24 * 60 * 60 * 1000 }
   */
  readonly retentionMs?: number | undefined;
  /**
   * How long a handled event stays done when its key is a content fingerprint (a TextLink text
   * has no id: two identical texts from one number share a key), in milliseconds. Only the same
   * content within this window is taken for a redelivery; `0` lets every one through.
   * @default 10_000
   * @example { fingerprintWindowMs: 0 }
   */
  readonly fingerprintWindowMs?: number | undefined;
}

import { type DecodedBody, decodeJsonBody, givenBody, readDecoded } from '../../decode-body.js';
import {
  isSmsWebhookError,
  SmsWebhookError,
  type SmsWebhookErrorCode,
} from '../../errors/SmsWebhookError.js';
import type { SmsEvent } from '../../events.js';
import type { ProviderId } from '../../providers/index.js';
import { assertKind, type RegisteredProvider, resolveProvider } from '../../resolve-provider.js';
import type { SmsDriftReport } from '../../tolerance/drift.js';
import { unreadablePayload } from '../../validate.js';
import type {
  SmsVerificationFailureReason,
  SmsVerificationResult,
} from '../../verify/verification-result.js';
import { declaredLengthExceeds } from './body-limit.js';
import { createRequestClock, type RequestClock } from './deadlines.js';
import { DeliveryFailure, deliverEvent } from './deliver-event.js';
import type {
  SmsWebhookEventContext,
  SmsWebhookHandlerOptions,
  SmsWebhookHandlerRequest,
  SmsWebhookResponseErrorCode,
} from './options.js';
import {
  type ResolvedRequestOptions,
  resolveHandlerOptions,
  toSecretList,
} from './resolve-options.js';
import {
  type ErrorResponseDetails,
  errorResponse,
  handshakeResponse,
  okResponse,
  type SmsWebhookResponse,
  statusForCode,
} from './responses.js';

/** The body of an incoming request, as far as the host could read it. */
export type IncomingBody =
  /** The bytes exactly as received. */
  | { readonly type: 'bytes'; readonly bytes: Uint8Array }
  /** A value a framework parsed before the handler ran; the raw bytes are gone. */
  | { readonly type: 'parsed'; readonly value: unknown }
  /** The body passed the limit; reading stopped there. */
  | { readonly type: 'too_large' }
  /** The body stream ended early or failed. */
  | { readonly type: 'incomplete' }
  /** Something else read the body and left nothing behind. */
  | { readonly type: 'unavailable' };

/** What a host adapter supplies about one request: how to read its method, URL, headers and body. */
export interface IncomingSmsWebhook {
  /** The HTTP method, upper case. */
  readonly method: string;
  /** The full request URL with its query string. */
  readonly url: string;
  /** Case-insensitive header lookup, `null` when absent. */
  readonly headers: { get(name: string): string | null };
  /** The client's address, or `null` when the runtime does not tell it. */
  readonly remoteAddress: string | null;
  /** Reads the body, stopping as soon as it passes `maxBytes`. */
  readBody(maxBytes: number): Promise<IncomingBody>;
  /** How to keep the raw body on this host, for the `raw_body_unavailable` answer. */
  readonly rawBodyAdvice: string;
}

/** Answers one incoming request; never throws. */
export type SmsWebhookPipeline = (incoming: IncomingSmsWebhook) => Promise<SmsWebhookResponse>;

/** A failure on the way to the answer: the code to answer with and the error to report. */
class Refusal {
  constructor(
    readonly code: SmsWebhookResponseErrorCode,
    readonly error: unknown,
    readonly details: ErrorResponseDetails = {},
  ) {}
}

function refuse(code: SmsWebhookErrorCode, message: string, provider?: ProviderId): Refusal {
  return new Refusal(code, new SmsWebhookError(code, message, { provider }));
}

/** A 401: the error `onError` gets says why; the answer is the same for every reason. */
function unauthorized(
  provider: RegisteredProvider,
  reason: SmsVerificationFailureReason,
  message: string,
): Refusal {
  return new Refusal(
    'unauthorized',
    new SmsWebhookError('unauthorized', message, { provider: provider.id, reason }),
  );
}

function pathOf(url: string): string {
  try {
    return new URL(url).pathname;
  } catch {
    return '';
  }
}

/** Turns an error a provider's `parse` threw into the 400 it is answered with. */
function toBadRequest(error: unknown, provider: ProviderId | undefined): Refusal {
  if (isSmsWebhookError(error) && statusForCode(error.code) === 400) {
    return new Refusal(error.code, error, { issues: error.issues });
  }
  const unreadable = unreadablePayload(provider);
  return new Refusal('invalid_payload', unreadable, { issues: unreadable.issues });
}

/** Reads and decodes the body within the limit, refusing what cannot become a JSON value. */
async function readJsonBody(
  incoming: IncomingSmsWebhook,
  maxBodyBytes: number,
  provider: ProviderId | undefined,
): Promise<{ decoded: DecodedBody; rawBody: Uint8Array | null }> {
  const tooLarge = `The body is larger than ${maxBodyBytes} bytes.`;
  if (declaredLengthExceeds(incoming.headers.get('content-length'), maxBodyBytes)) {
    throw refuse('payload_too_large', tooLarge, provider);
  }
  const body = await incoming.readBody(maxBodyBytes);
  switch (body.type) {
    case 'too_large':
      throw refuse('payload_too_large', tooLarge, provider);
    case 'incomplete': {
      const error = new SmsWebhookError(
        'invalid_json',
        'The request body ended before it was complete.',
        {
          provider,
          issues: [{ path: '', message: 'body is incomplete' }],
        },
      );
      throw new Refusal('invalid_json', error, { issues: error.issues });
    }
    case 'unavailable': {
      const message = `The request body was read before this handler ran and nothing kept it. ${incoming.rawBodyAdvice}`;
      const error = new SmsWebhookError('raw_body_unavailable', message, { provider });
      throw new Refusal('raw_body_unavailable', error, { message });
    }
    case 'parsed':
      return { decoded: givenBody(body.value), rawBody: null };
    case 'bytes':
      try {
        return { decoded: decodeJsonBody(body.bytes, provider), rawBody: body.bytes };
      } catch (error) {
        throw toBadRequest(error, provider);
      }
  }
}

async function secretsFor(
  options: ResolvedRequestOptions,
  request: SmsWebhookHandlerRequest,
): Promise<readonly string[]> {
  const source = options.secret;
  if (source.type === 'static') return source.secrets;
  if (source.type === 'resolver') return toSecretList(await source.resolve(request));
  return [];
}

async function verifyRequest(
  options: ResolvedRequestOptions,
  provider: RegisteredProvider,
  request: SmsWebhookHandlerRequest,
  rawBodyAdvice: string,
): Promise<void> {
  if (options.secret.type !== 'none') {
    const scheme = options.scheme;
    if (
      scheme !== undefined &&
      !(provider.verificationSchemes as readonly string[]).includes(scheme)
    ) {
      throw unauthorized(
        provider,
        'unsupported_scheme',
        `${provider.name} has no "${scheme}" verification scheme; set \`provider\` or \`scheme\` to match.`,
      );
    }
    let secrets: readonly string[];
    if (options.secret.type === 'static') {
      // Most handlers: no resolver to wait for.
      secrets = options.secret.secrets;
    } else {
      try {
        secrets = await secretsFor(options, request);
      } catch (error) {
        throw new Refusal('internal_error', error);
      }
    }
    if (secrets.length === 0) {
      throw unauthorized(
        provider,
        'no_secret',
        'No secret is configured for this request, so it cannot be verified.',
      );
    }
    let result: SmsVerificationResult;
    try {
      result = await provider.verify(request, secrets, {
        scheme,
        toleranceSeconds: options.toleranceSeconds,
      });
    } catch (error) {
      if (isSmsWebhookError(error) && error.code === 'raw_body_unavailable') {
        const message = `${provider.name}'s ${scheme ?? provider.verificationSchemes[0]} check needs the body bytes exactly as sent, but they were parsed before this handler ran. ${rawBodyAdvice}`;
        throw new Refusal(
          'raw_body_unavailable',
          new SmsWebhookError('raw_body_unavailable', message, {
            provider: provider.id,
            cause: error,
          }),
          { message },
        );
      }
      throw new Refusal('internal_error', error);
    }
    if (!result.ok) {
      const check = `${provider.name}'s ${scheme ?? provider.verificationSchemes[0]} check`;
      throw unauthorized(provider, result.reason, `The request failed ${check}. ${result.message}`);
    }
  }
  if (options.verify) {
    let accepted: boolean;
    try {
      accepted = await options.verify(request);
    } catch (error) {
      throw new Refusal('internal_error', error);
    }
    if (accepted !== true) {
      throw unauthorized(
        provider,
        'rejected_by_verify',
        'The `verify` option refused the request.',
      );
    }
  }
}

function parseEvents(
  options: ResolvedRequestOptions,
  provider: RegisteredProvider,
  value: unknown,
  drift: SmsDriftReport[],
): SmsEvent[] {
  const kind = options.kind;
  try {
    assertKind(provider, kind);
    return provider.parse(value, {
      kind: kind as never,
      strict: options.strict,
      phoneNumberParser: options.phoneNumberParser,
      intentKeywords: options.intentKeywords,
      onDrift: (report) => drift.push(report),
    });
  } catch (error) {
    throw toBadRequest(error, provider.id);
  }
}

/**
 * The request as verification and `onEvent` see it. Its `url` is read when needed (a Node host
 * builds it from the request line and Host header), from a getter on the class: a getter in an
 * object literal gives every request an object shape of its own, which the garbage collector then
 * keeps, with the whole request, until its next full collection.
 */
class HandlerRequest implements SmsWebhookHandlerRequest {
  readonly #incoming: IncomingSmsWebhook;
  readonly method: string;
  readonly headers: IncomingSmsWebhook['headers'];
  readonly rawBody: Uint8Array | null;
  readonly body: unknown;
  readonly remoteAddress: string | null;

  constructor(incoming: IncomingSmsWebhook, rawBody: Uint8Array | null, body: unknown) {
    this.#incoming = incoming;
    this.method = incoming.method;
    this.headers = incoming.headers;
    this.rawBody = rawBody;
    this.body = body;
    this.remoteAddress = incoming.remoteAddress;
  }

  /** The full request URL with its query string. */
  get url(): string {
    return this.#incoming.url;
  }
}

/** What `onEvent` learns of the request; `signal` is made only when read (see {@link RequestAbort}). */
class EventContext implements SmsWebhookEventContext {
  readonly #abort: RequestAbort;

  constructor(
    readonly provider: ProviderId,
    readonly request: SmsWebhookHandlerRequest,
    abort: RequestAbort,
  ) {
    this.#abort = abort;
  }

  /** Aborted when the request passes `timeoutMs` and has been answered 503. */
  get signal(): AbortSignal {
    return this.#abort.signal;
  }
}

/** A request that passed every check, with its events. */
export interface VerifiedSmsWebhook {
  /** The provider that sent it, as configured or detected. */
  readonly provider: ProviderId;
  /** The request as verification saw it. */
  readonly request: SmsWebhookHandlerRequest;
  /** The normalized events, in payload order. */
  readonly events: SmsEvent[];
  /** How the delivery differed from the provider's documents; empty when it matched them. */
  readonly drift: SmsDriftReport[];
}

/**
 * Runs the checks every delivery goes through, in order: method (`methods`), bounded body read, JSON
 * decoding, provider resolution, verification, validation. `seen.provider` is kept up to date
 * for reporting a failure. Throws a {@link Refusal}.
 */
async function verifyAndParse(
  options: ResolvedRequestOptions,
  incoming: IncomingSmsWebhook,
  seen: { provider: ProviderId | undefined },
): Promise<VerifiedSmsWebhook> {
  if (!(options.methods as readonly string[]).includes(incoming.method)) {
    const allow = options.methods;
    throw new Refusal(
      'method_not_allowed',
      new SmsWebhookError(
        'method_not_allowed',
        `Method ${incoming.method} is not allowed; this endpoint accepts ${allow.join(', ')}.`,
      ),
      { allow },
    );
  }
  const { decoded, rawBody } = await readJsonBody(incoming, options.maxBodyBytes, seen.provider);
  const value = decoded.value;
  let provider = options.provider;
  if (!provider) {
    try {
      provider = resolveProvider(value, undefined, options.providers);
    } catch (error) {
      throw toBadRequest(error, seen.provider);
    }
  }
  seen.provider = provider.id;

  const request = new HandlerRequest(incoming, rawBody, value);
  await verifyRequest(options, provider, request, incoming.rawBodyAdvice);
  const drift: SmsDriftReport[] = [];
  const events = readDecoded(decoded, (fresh) => parseEvents(options, provider, fresh, drift));
  return { provider: provider.id, request, events, drift };
}

/**
 * Verifies and parses one request outside the pipeline, for callers that answer it themselves.
 *
 * @throws {SmsWebhookError} why the request was refused; what the `secret` resolver, the
 * `verify` option or the runtime's crypto threw is thrown as it is.
 */
export async function verifyAndParseIncoming(
  options: ResolvedRequestOptions,
  incoming: IncomingSmsWebhook,
): Promise<VerifiedSmsWebhook> {
  try {
    return await verifyAndParse(options, incoming, { provider: options.provider?.id });
  } catch (caught) {
    throw caught instanceof Refusal ? caught.error : caught;
  }
}

/**
 * The abort signal of one request, made only when something reads it: an `AbortController` per
 * request costs a measurable share of a handler's time, and most `onEvent`s never look at it.
 */
class RequestAbort {
  #controller: AbortController | undefined;
  /** Whether the request was answered with a timeout. */
  aborted = false;
  /** Why it was aborted: the `TimeoutError`. */
  reason: unknown;

  /** The signal handed to `onEvent`, aborted already when read after the timeout. */
  get signal(): AbortSignal {
    if (this.#controller === undefined) {
      this.#controller = new AbortController();
      if (this.aborted) this.#controller.abort(this.reason);
    }
    return this.#controller.signal;
  }

  /** Aborts the signal, whether or not it has been read yet. */
  abort(reason: unknown): void {
    this.aborted = true;
    this.reason = reason;
    this.#controller?.abort(reason);
  }
}

/** How many unknown field paths a handler remembers having reported before it starts afresh. */
const MAX_REMEMBERED_UNKNOWN_FIELDS = 1000;

/**
 * Creates the framework-free request pipeline every adapter runs: method check, bounded body read,
 * JSON decoding, provider resolution, verification, validation, `onEvent` per event, and the answer.
 * `providers` are the ones it may name or detect: the registry, or the one a handler is made for.
 *
 * @throws {TypeError} at creation when the options are invalid; the returned function never throws.
 */
export function createSmsWebhookPipeline<P extends ProviderId>(
  handlerOptions: SmsWebhookHandlerOptions<P>,
  providers: readonly RegisteredProvider[],
): SmsWebhookPipeline {
  const options = resolveHandlerOptions(handlerOptions, providers);

  function report(
    refusal: Refusal,
    incoming: IncomingSmsWebhook,
    provider: ProviderId | undefined,
  ): void {
    const onError = options.onError;
    if (!onError) return;
    try {
      const returned = onError(refusal.error, {
        status: statusForCode(refusal.code),
        code: refusal.code,
        provider,
        method: incoming.method,
        path: pathOf(incoming.url),
        reason: isSmsWebhookError(refusal.error) ? refusal.error.reason : undefined,
      });
      // A failing logger must neither change the answer nor surface as an unhandled rejection.
      if (typeof (returned as PromiseLike<unknown> | undefined)?.then === 'function') {
        Promise.resolve(returned).catch(() => {});
      }
    } catch {
      // Ignored for the same reason.
    }
  }

  // Unknown fields are reported once per handler, so a provider's new field is noticed without a
  // report on every delivery; the set is bounded and starts afresh when full.
  const reportedUnknownFields = new Set<string>();

  function reportDrift(
    drift: readonly SmsDriftReport[],
    incoming: IncomingSmsWebhook,
    provider: ProviderId,
  ): void {
    const onDrift = options.onDrift;
    if (!onDrift) return;
    const context = { provider, method: incoming.method, path: pathOf(incoming.url) };
    for (const report of drift) {
      if (report.kind === 'unknown_field') {
        const key = `${report.provider} ${report.path}`;
        if (reportedUnknownFields.has(key)) continue;
        if (reportedUnknownFields.size >= MAX_REMEMBERED_UNKNOWN_FIELDS) {
          reportedUnknownFields.clear();
        }
        reportedUnknownFields.add(key);
      }
      try {
        const returned = onDrift(report, context);
        // A failing logger must neither change the answer nor surface as an unhandled rejection.
        if (typeof (returned as PromiseLike<unknown> | undefined)?.then === 'function') {
          Promise.resolve(returned).catch(() => {});
        }
      } catch {
        // Ignored for the same reason.
      }
    }
  }

  async function handleRequest(
    incoming: IncomingSmsWebhook,
    seen: { provider: ProviderId | undefined },
    abort: RequestAbort,
  ): Promise<SmsWebhookResponse> {
    const handshake = options.provider?.handshake?.(incoming) ?? null;
    if (handshake !== null) return handshakeResponse(handshake);
    const { provider, request, events, drift } = await verifyAndParse(options, incoming, seen);

    reportDrift(drift, incoming, provider);

    const context = new EventContext(provider, request, abort);
    // In payload order, one at a time: after a partial failure the redelivery skips what is done.
    for (const event of events) {
      // Answered with a timeout already; the redelivery handles the rest.
      if (abort.aborted) break;
      try {
        // The `on` route (or `onUnhandled`), then `onEvent`: see createEventDispatch.
        await deliverEvent(options, event, abort, () => options.onEvent(event, context));
      } catch (error) {
        if (!(error instanceof DeliveryFailure)) throw error;
        throw new Refusal(error.code, error.error, {
          ...(error.retryAfterSeconds === undefined
            ? {}
            : { retryAfterSeconds: error.retryAfterSeconds }),
        });
      }
    }
    return okResponse();
  }

  function answerRefusal(
    caught: unknown,
    incoming: IncomingSmsWebhook,
    provider: ProviderId | undefined,
  ): SmsWebhookResponse {
    const refusal = caught instanceof Refusal ? caught : new Refusal('internal_error', caught);
    report(refusal, incoming, provider);
    return errorResponse(refusal.code, refusal.details);
  }

  // Chosen on the first request, when every runtime allows a timer (see createRequestClock).
  let requestClock: RequestClock | undefined;

  return function handleSmsWebhook(incoming) {
    const seen: { provider: ProviderId | undefined } = { provider: options.provider?.id };
    const abort = new RequestAbort();
    requestClock ??= createRequestClock(options.timeoutMs);
    const clock = requestClock;
    const work = handleRequest(incoming, seen, abort);
    // One promise settled by whichever comes first, the work or the timeout, rather than a race
    // of two: it costs a request less, and what the work does after a timeout is not answered.
    return new Promise<SmsWebhookResponse>((resolve) => {
      let answered = false;
      const timer = clock.start(() => {
        answered = true;
        const error = new DOMException(
          `The request took longer than timeoutMs (${options.timeoutMs} ms).`,
          'TimeoutError',
        );
        abort.abort(error);
        const refusal = new Refusal('timeout', error, {
          retryAfterSeconds: options.timeoutMs / 1000,
        });
        resolve(answerRefusal(refusal, incoming, seen.provider));
      });
      // After a timeout the work goes on (a late success still marks the event done), unanswered.
      work.then(
        (response) => {
          if (answered) return;
          answered = true;
          clock.stop(timer);
          resolve(response);
        },
        (caught: unknown) => {
          if (answered) return;
          answered = true;
          clock.stop(timer);
          resolve(answerRefusal(caught, incoming, seen.provider));
        },
      );
    });
  };
}

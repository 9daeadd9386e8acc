import type { SmsEventBase } from '../event-types.js';
import type { SmsParseOptions } from '../tolerance/options.js';
import type { SmsVerificationResult } from '../verify/verification-result.js';

/** Read access to request headers, as Web `Headers` offers it. */
export interface SmsWebhookHeaders {
  /** Returns a header's value by case-insensitive name, or `null` when it is absent. */
  get(name: string): string | null;
}

/** What a provider's verification sees of an incoming HTTP request. */
export interface SmsWebhookRequest {
  /** The HTTP method, upper case. */
  readonly method: string;
  /** The full request URL, with its query string (for URL token checks). */
  readonly url: string;
  /** The request headers, read case-insensitively. */
  readonly headers: SmsWebhookHeaders;
  /** The body bytes exactly as received, or `null` when a framework parsed the body before us. */
  readonly rawBody: Uint8Array | null;
  /** The body as a JSON value. */
  readonly body: unknown;
}

/** Options of a provider's request verification. */
export interface ProviderVerifyOptions {
  /** Which of the provider's verification schemes to use; the provider's first scheme when absent. */
  readonly scheme?: string | undefined;
  /** How far a signed timestamp may be from now, in seconds, either way (Text Request). */
  readonly toleranceSeconds?: number | undefined;
  /** The current time in milliseconds, for tests. */
  readonly now?: (() => number) | undefined;
}

/** Options of a provider's `parse`: the webhook kind, and how to read and report drift. */
export interface ProviderParseOptions<Kind extends string = string> extends SmsParseOptions {
  /** Which webhook this is, for providers whose body does not say (TextLink). */
  readonly kind?: Kind | undefined;
}

/** The common shape of the events a provider with id `Id` produces. */
export type ProviderEvent<Id extends string = string> = SmsEventBase<string, Id, unknown>;

/**
 * Everything the library knows about one provider; `providers/list.ts` registers one of these per
 * provider, and parsing, detection, the HTTP handlers and the `SmsEvent` union are derived from it.
 *
 * `Id` is the provider's id, `Kind` the webhook kinds `options.kind` may name, `Scheme` its
 * verification schemes, and `Event` the union of the events its `parse` returns.
 */
export interface ProviderDefinition<
  Id extends string = string,
  Kind extends string = string,
  Scheme extends string = string,
  Event extends ProviderEvent<Id> = ProviderEvent<Id>,
> {
  /** The provider's id, as used in `options.provider`. */
  readonly id: Id;
  /** The provider's display name, e.g. `Text Request`. */
  readonly name: string;
  /** The webhook kinds a caller may name with `options.kind`; empty when the body tells them apart. */
  readonly kinds: readonly Kind[];
  /** The verification schemes `verify` accepts, the default first. */
  readonly verificationSchemes: readonly Scheme[];
  /** Whether a decoded JSON body looks like this provider's payload; never throws. */
  detect(body: unknown): boolean;
  /**
   * Reads a decoded JSON body against the provider's wire schemas, tolerating drift in descriptive
   * fields (reported to `options.onDrift` once the body is accepted), and normalizes it.
   *
   * @throws {SmsWebhookError} `invalid_payload` naming each unusable identifying field, or under
   * `options.strict` each drifting field.
   */
  parse(body: unknown, options?: ProviderParseOptions<Kind>): Event[];
  /**
   * Answers a provider's URL check that is not a webhook delivery (e.g. a `GET ?echo=` when a
   * webhook URL is registered): the text to answer with status 200, or `null` when the request is
   * no such check. Absent when the provider makes none.
   */
  handshake?(request: { readonly method: string; readonly url: string }): string | null;
  /**
   * Checks that a request came from the provider, given the secrets that are currently valid:
   * `{ ok: true }`, or `{ ok: false, reason, message }` saying why not (the handlers pass the
   * reason to `onError`; the 401 answer stays the same for every reason).
   *
   * @throws {SmsWebhookError} `raw_body_unavailable` when the scheme needs the raw body and it is gone.
   */
  verify(
    request: SmsWebhookRequest,
    secrets: readonly string[],
    options?: ProviderVerifyOptions,
  ): Promise<SmsVerificationResult>;
}

/** One documented sample a provider ships for tests (a JSON file of `fixtures/<id>/`). */
export interface ProviderFixture<Id extends string = string, Payload = unknown> {
  /** The fixture's name, `<provider>/<file name without .json>`, e.g. `textlink/received`. */
  readonly name: string;
  /** The provider that sends it. */
  readonly provider: Id;
  /** The payload; every read returns a new deep copy. */
  readonly payload: Payload;
}

/** What `sms-webhooks send` gets to build its request: the body as it is sent, and the secret. */
export interface ProviderSendOptions<Scheme extends string = string> {
  /** The body bytes, exactly as they are to be sent (or re-serialized when the secret goes in it). */
  readonly body: Uint8Array;
  /** The secret the receiving endpoint is configured with; `undefined` sends the request unsigned. */
  readonly secret: string | undefined;
  /** The verification scheme to sign for; the provider's first scheme when absent. */
  readonly scheme: Scheme | undefined;
  /** Where the request goes. */
  readonly url: URL;
}

/**
 * What a provider adds to `sms-webhooks/testing` and to the `sms-webhooks` command: its documented
 * samples, a payload factory, a signed-request builder, and how the command signs what it sends.
 * Its provider's `testing.ts` exports it as `<name>Testing`, next to the `<name>Provider` the
 * registry lists; it is kept apart from the definition so the testing code is never bundled into
 * an application that only receives webhooks.
 *
 * `Provider` is the provider's definition, `PayloadKind` the payloads `createPayload` makes,
 * `Fixtures` its samples by name, `Fixture` one entry of its sample list, and `RequestOptions`
 * what `createRequest` takes.
 */
export interface ProviderTestingDefinition<
  Provider extends ProviderDefinition = ProviderDefinition,
  PayloadKind extends string = string,
  Fixtures extends object = object,
  Fixture extends ProviderFixture<Provider['id']> = ProviderFixture<Provider['id']>,
  RequestOptions extends object = object,
> {
  /** The id of the provider these helpers are for; its definition is reached by type only. */
  readonly id: Provider['id'];
  /** The provider's documented samples by camel-cased name; every read returns a new deep copy. */
  readonly fixtures: Fixtures;
  /** The same samples as a list, ordered by name. */
  readonly fixtureList: readonly Fixture[];
  /** The payload kinds {@link createPayload} makes; the first is the one the command makes by default. */
  readonly payloadKinds: readonly PayloadKind[];
  /** Creates a valid payload of a kind, with fresh ids so each one is a new event. */
  createPayload(kind: PayloadKind): object;
  /** Builds the `Request` the provider would send, signed with the secret a handler is given. */
  createRequest(options: RequestOptions): Promise<Request>;
  /**
   * Builds the request `sms-webhooks send` posts, signed as the provider signs, and names the
   * signing for the command's log line (e.g. `x-tr-webhook-signature`, `unsigned`).
   *
   * @throws {TypeError} when the body cannot carry the secret (e.g. it is not a JSON object).
   */
  createSendRequest(
    options: ProviderSendOptions<Provider['verificationSchemes'][number]>,
  ): Promise<{
    /** The request to send. */
    readonly request: Request;
    /** How it was signed, for the log line; never the secret. */
    readonly signing: string;
  }>;
}

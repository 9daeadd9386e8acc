import type { SmsEvent } from '../events.js';

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

/** Options of a provider's `parse`. */
export interface ProviderParseOptions<Kind extends string = string> {
  /** Which webhook this is, for providers whose body does not say (TextLink). */
  readonly kind?: Kind | undefined;
}

/**
 * Everything the library knows about one provider; the registry in `providers/index.ts` lists one
 * of these per provider, and parsing, detection and the HTTP handlers are driven by it.
 */
export interface ProviderDefinition<
  Id extends string = string,
  Kind extends string = string,
  Scheme extends string = string,
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
   * Validates a decoded JSON body against the provider's wire schemas and normalizes it.
   *
   * @throws {SmsWebhookError} `invalid_payload` naming each failing field.
   */
  parse(body: unknown, options?: ProviderParseOptions<Kind>): SmsEvent[];
  /**
   * Answers a provider's URL check that is not a webhook delivery (e.g. a `GET ?echo=` when a
   * webhook URL is registered): the text to answer with status 200, or `null` when the request is
   * no such check. Absent when the provider makes none.
   */
  handshake?(request: { readonly method: string; readonly url: string }): string | null;
  /**
   * Checks that a request came from the provider, given the secrets that are currently valid.
   *
   * @throws {SmsWebhookError} `raw_body_unavailable` when the scheme needs the raw body and it is gone.
   */
  verify(
    request: SmsWebhookRequest,
    secrets: readonly string[],
    options?: ProviderVerifyOptions,
  ): Promise<boolean>;
}

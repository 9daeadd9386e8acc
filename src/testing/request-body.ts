/** The URL a built request goes to when none is given. */
export function defaultWebhookUrl(provider: string): string {
  return `http://localhost/webhooks/${provider}`;
}

/** Turns a payload into the request body: a string or bytes are sent as they are, anything else as JSON. */
export function toRequestBody(payload: unknown): string | Uint8Array {
  if (typeof payload === 'string') return payload;
  // A copy with its own ArrayBuffer, which is what Request accepts as a body.
  if (payload instanceof Uint8Array) return new Uint8Array(payload);
  const body = JSON.stringify(payload);
  if (body === undefined) throw new TypeError('The payload must be a JSON value or a string.');
  return body;
}

/** Builds the POST request a provider sends: a JSON body and the given extra headers. */
export function createJsonPost(
  url: string | URL,
  body: string | Uint8Array,
  headers: Readonly<Record<string, string>> = {},
): Request {
  return new Request(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : new Uint8Array(body),
  });
}

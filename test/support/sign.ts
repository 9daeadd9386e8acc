import { createHmac } from 'node:crypto';

/** Signs a body as ASP.NET WebHooks senders (Telmetrics) do: `ms-signature: sha256=<hex HMAC>`. */
export function signTelmetrics(body: string | Uint8Array, secret: string): Record<string, string> {
  const hex = createHmac('sha256', secret).update(body).digest('hex');
  return { 'ms-signature': `sha256=${hex}` };
}

/**
 * Signs a body as Text Request does: Base64 HMAC-SHA256 keyed with the API key over
 * `{timestamp}.{rawBody}`, with the Unix-seconds timestamp in its own header.
 */
export function signTextRequest(
  body: string | Uint8Array,
  apiKey: string,
  timestampSeconds: number = Math.floor(Date.now() / 1000),
): Record<string, string> {
  const signature = createHmac('sha256', apiKey)
    .update(`${timestampSeconds}.`)
    .update(body)
    .digest('base64');
  return {
    'x-tr-webhook-signature': signature,
    'x-tr-webhook-timestamp': String(timestampSeconds),
  };
}

/** Writes a TextLink body as TextLink does: the webhook secret in plain text in the `secret` field. */
export function withTextLinkSecret(
  body: Record<string, unknown>,
  secret: string | undefined,
): string {
  const copy: Record<string, unknown> = { ...body };
  if (secret === undefined) delete copy.secret;
  else copy.secret = secret;
  return JSON.stringify(copy);
}

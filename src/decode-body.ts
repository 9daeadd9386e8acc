import { SmsWebhookError } from './errors/SmsWebhookError.js';

const decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });

/**
 * Turns a webhook body into a JSON value: a `string` or `Uint8Array` is decoded (UTF-8, strict)
 * and parsed; any other value is taken as already parsed. `provider`, when given, is the provider
 * named by the error.
 *
 * @throws {SmsWebhookError} `invalid_json` when the bytes are not UTF-8 or the text is not JSON.
 */
export function decodeBody(body: unknown, provider?: string): unknown {
  let text: string;
  if (typeof body === 'string') {
    text = body;
  } else if (body instanceof Uint8Array) {
    try {
      text = decoder.decode(body);
    } catch (cause) {
      throw new SmsWebhookError('invalid_json', 'The body is not valid UTF-8.', {
        provider,
        issues: [{ path: '', message: 'body is not valid UTF-8' }],
        cause,
      });
    }
  } else {
    return body;
  }
  try {
    return JSON.parse(text);
  } catch (error) {
    // The engine's message quotes the body, which may hold a secret, so it is not kept as a cause.
    const reason =
      error instanceof RangeError ? 'body is nested too deeply' : 'body is not valid JSON';
    throw new SmsWebhookError('invalid_json', 'The body is not valid JSON.', {
      provider,
      issues: [{ path: '', message: reason }],
    });
  }
}

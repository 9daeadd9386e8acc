import { describe, expect, it } from 'vitest';
import telmetricsStart from '../../../fixtures/telmetrics/sms-conversation-start.json' with {
  type: 'json',
};
import textLinkReceived from '../../../fixtures/textlink/received.json' with { type: 'json' };
import { SmsWebhookError } from '../../errors/SmsWebhookError.js';
import { providers } from '../../providers/index.js';
import {
  createSmsWebhookPipeline as createPipeline,
  type IncomingBody,
  type IncomingSmsWebhook,
} from './create-pipeline.js';
import type {
  SmsWebhookErrorContext,
  SmsWebhookHandlerOptions,
  SmsWebhookHandlerRequest,
} from './options.js';

/** The pipeline over every registered provider, as `createFetchHandler` builds it. */
const createSmsWebhookPipeline = (options: SmsWebhookHandlerOptions) =>
  createPipeline(options, providers);

/** An in-memory request, for the pipeline's own behaviour apart from any HTTP library. */
function incoming(
  body: IncomingBody | string,
  init: { method?: string; url?: string; headers?: Record<string, string> } = {},
): IncomingSmsWebhook & { reads: number } {
  const headers = new Headers(init.headers);
  const request = {
    method: init.method ?? 'POST',
    url: init.url ?? 'https://hooks.example.com/sms?token=t0k3n',
    headers,
    remoteAddress: '203.0.113.9',
    rawBodyAdvice: 'Keep the raw body.',
    reads: 0,
    async readBody(maxBytes: number): Promise<IncomingBody> {
      request.reads++;
      if (typeof body !== 'string') return body;
      const bytes = new TextEncoder().encode(body);
      return bytes.byteLength > maxBytes ? { type: 'too_large' } : { type: 'bytes', bytes };
    },
  };
  return request;
}

const json = (value: unknown): string => JSON.stringify(value);

describe('createSmsWebhookPipeline', () => {
  it('does not read the body of a request it refuses by method or by Content-Length', async () => {
    const pipeline = createSmsWebhookPipeline({ onEvent() {}, maxBodyBytes: 10 });
    const get = incoming('{}', { method: 'GET' });
    const long = incoming('{}', { headers: { 'content-length': '11' } });
    expect((await pipeline(get)).status).toBe(405);
    expect((await pipeline(long)).status).toBe(413);
    expect([get.reads, long.reads]).toEqual([0, 0]);
  });

  it('answers 413 when the body read passes the limit without a Content-Length', async () => {
    const pipeline = createSmsWebhookPipeline({ onEvent() {}, maxBodyBytes: 10 });
    const response = await pipeline(incoming('{"a":"0123456789"}'));
    expect(response.status).toBe(413);
  });

  it('accepts a body a framework already parsed, with rawBody null', async () => {
    const requests: SmsWebhookHandlerRequest[] = [];
    const pipeline = createSmsWebhookPipeline({
      onEvent: (_, context) => void requests.push(context.request),
    });
    const response = await pipeline(incoming({ type: 'parsed', value: textLinkReceived }));
    expect(response.status).toBe(200);
    expect(requests[0]?.rawBody).toBeNull();
    expect(requests[0]?.body).toEqual(textLinkReceived);
    expect(requests[0]?.remoteAddress).toBe('203.0.113.9');
  });

  it('answers 500 raw_body_unavailable with the host advice when nothing kept the body', async () => {
    const reports: SmsWebhookErrorContext[] = [];
    const pipeline = createSmsWebhookPipeline({
      onEvent() {},
      onError: (_, context) => void reports.push(context),
    });
    const response = await pipeline(incoming({ type: 'unavailable' }));
    expect(response.status).toBe(500);
    const body = JSON.parse(response.body);
    expect(body.error.code).toBe('raw_body_unavailable');
    expect(body.error.message).toMatch(/Keep the raw body\.$/);
    expect(reports).toEqual([
      {
        status: 500,
        code: 'raw_body_unavailable',
        provider: undefined,
        method: 'POST',
        path: '/sms',
      },
    ]);
  });

  it('answers 400 to a body cut off before its end', async () => {
    const pipeline = createSmsWebhookPipeline({ onEvent() {} });
    const response = await pipeline(incoming({ type: 'incomplete' }));
    expect(response.status).toBe(400);
    expect(JSON.parse(response.body)).toEqual({
      ok: false,
      error: { code: 'invalid_json', issues: [{ path: '', message: 'body is incomplete' }] },
    });
  });

  it('answers 400 unknown_provider to JSON that is not an object, without asking any detector', async () => {
    const pipeline = createSmsWebhookPipeline({ onEvent() {} });
    for (const body of ['[]', 'null', '"{\\"phone_number\\":\\"+1\\"}"', '42']) {
      const response = await pipeline(incoming(body));
      expect(JSON.parse(response.body).error.code).toBe('unknown_provider');
    }
  });

  it('refuses with 401 a detected provider that lacks the configured scheme', async () => {
    const reports: unknown[] = [];
    const pipeline = createSmsWebhookPipeline({
      scheme: 'url-token',
      secret: 't0k3n',
      onEvent() {},
      onError: (error) => void reports.push(error),
    });
    const response = await pipeline(incoming(json(textLinkReceived)));
    expect(response.status).toBe(401);
    expect(String(reports[0])).toContain('TextLink has no "url-token" verification scheme');
    expect(String(reports[0])).not.toContain('t0k3n');
  });

  it('passes scheme and tolerance on to the provider', async () => {
    const pipeline = createSmsWebhookPipeline({
      provider: 'telmetrics',
      scheme: 'url-token',
      secret: 't0k3n',
      onEvent() {},
    });
    expect((await pipeline(incoming(json(telmetricsStart)))).status).toBe(200);
  });

  it('answers 500 internal_error when a provider verification fails unexpectedly', async () => {
    const errors: unknown[] = [];
    const pipeline = createSmsWebhookPipeline({
      provider: 'textrequest',
      secret: 'key',
      toleranceSeconds: 300,
      onEvent() {},
      onError: (error) => void errors.push(error),
    });
    const request = incoming('{"ContactId":1,"LocationPhoneNumber":"1","ContactPhoneNumber":"2"}');
    const hostile = {
      ...request,
      headers: {
        get(name: string): string | null {
          if (name === 'content-length') return null;
          throw new Error('header store broken');
        },
      },
    };
    const response = await pipeline(hostile);
    expect(response.status).toBe(500);
    expect(JSON.parse(response.body)).toEqual({ ok: false, error: { code: 'internal_error' } });
    expect(errors).toHaveLength(1);
  });

  it('never throws, even when reading the body throws', async () => {
    const pipeline = createSmsWebhookPipeline({ onEvent() {} });
    const request = incoming('{}');
    request.readBody = () => Promise.reject(new SmsWebhookError('invalid_json', 'boom'));
    const response = await pipeline(request);
    expect(response.status).toBe(500);
    expect(JSON.parse(response.body)).toEqual({ ok: false, error: { code: 'internal_error' } });
  });

  it('reports the path without the query string, where url-token secrets live', async () => {
    const reports: SmsWebhookErrorContext[] = [];
    const pipeline = createSmsWebhookPipeline({
      provider: 'telmetrics',
      scheme: 'url-token',
      secret: 'other',
      onEvent() {},
      onError: (_, context) => void reports.push(context),
    });
    await pipeline(incoming(json(telmetricsStart)));
    expect(reports).toEqual([
      {
        status: 401,
        code: 'unauthorized',
        provider: 'telmetrics',
        method: 'POST',
        path: '/sms',
        reason: 'secret_mismatch',
      },
    ]);
  });
});

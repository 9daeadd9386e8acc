import { getRequestListener } from '@hono/node-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type {
  SmsWebhookErrorContext,
  SmsWebhookHandlerOptions,
} from '../../src/adapters/core/options.js';
import { createFetchHandler, verifyAndParseSmsWebhook } from '../../src/adapters/fetch/index.js';
import { createNodeHandler } from '../../src/adapters/node/index.js';
import { isSmsWebhookError } from '../../src/errors/SmsWebhookError.js';
import type { SmsVerificationFailureReason } from '../../src/verify/verification-result.js';
import { fixtureJson, fixtureText } from '../support/fixtures.js';
import { send } from '../support/http.js';
import { startServer, type TestServer } from '../support/server.js';
import { signTelmetrics, signTextRequest, withTextLinkSecret } from '../support/sign.js';

const SECRETS = {
  textlink: 'tl-reason-secret-51c2',
  textrequest: 'tr-reason-key-a9f0',
  telmetrics: 'tm-reason-secret-e47b',
  telmetricsToken: 'tm-reason-token-3d8e',
} as const;

const textLinkTagChange = fixtureJson('textlink/tag-changed');
const textRequestBody = fixtureText('textrequest/message-sent');
const telmetricsBody = fixtureText('telmetrics/sms-conversation-start');
const now = (): number => Math.floor(Date.now() / 1000);

/** One refused request and the reason `onError` must be given for it. */
interface RefusalCase {
  readonly name: string;
  readonly reason: SmsVerificationFailureReason;
  readonly options: Omit<SmsWebhookHandlerOptions, 'onEvent' | 'onError'>;
  readonly path?: string;
  readonly body: string;
  readonly headers?: Readonly<Record<string, string>>;
}

const cases: readonly RefusalCase[] = [
  // TextLink: the secret travels in the body.
  {
    name: 'TextLink, the documented tag-change sample (no secret field)',
    reason: 'missing_secret',
    options: { provider: 'textlink', secret: SECRETS.textlink },
    body: withTextLinkSecret(textLinkTagChange, undefined),
  },
  {
    name: 'TextLink, an empty secret field',
    reason: 'missing_secret',
    options: { provider: 'textlink', secret: SECRETS.textlink },
    body: withTextLinkSecret(textLinkTagChange, ''),
  },
  {
    name: 'TextLink, a secret that is a number',
    reason: 'malformed_secret',
    options: { provider: 'textlink', secret: SECRETS.textlink },
    body: JSON.stringify({ ...textLinkTagChange, secret: 512 }),
  },
  {
    name: 'TextLink, a wrong secret',
    reason: 'secret_mismatch',
    options: { provider: 'textlink', secret: SECRETS.textlink },
    body: withTextLinkSecret(textLinkTagChange, 'tl-guessed-secret'),
  },
  {
    name: 'TextLink, the secret option set from an unset variable',
    reason: 'no_secret',
    options: { provider: 'textlink', secret: undefined },
    body: withTextLinkSecret(textLinkTagChange, SECRETS.textlink),
  },
  // Text Request: an HMAC over the timestamp and the raw body, in two headers.
  {
    name: 'Text Request, no signature header',
    reason: 'missing_signature',
    options: { provider: 'textrequest', secret: SECRETS.textrequest },
    body: textRequestBody,
    headers: { 'x-tr-webhook-timestamp': String(now()) },
  },
  {
    name: 'Text Request, no timestamp header',
    reason: 'missing_timestamp',
    options: { provider: 'textrequest', secret: SECRETS.textrequest },
    body: textRequestBody,
    headers: {
      'x-tr-webhook-signature': signTextRequest(textRequestBody, SECRETS.textrequest)[
        'x-tr-webhook-signature'
      ] as string,
    },
  },
  {
    name: 'Text Request, a timestamp that is not Unix seconds',
    reason: 'malformed_timestamp',
    options: { provider: 'textrequest', secret: SECRETS.textrequest },
    body: textRequestBody,
    headers: {
      ...signTextRequest(textRequestBody, SECRETS.textrequest),
      'x-tr-webhook-timestamp': '2026-12-01T08:00:00Z',
    },
  },
  {
    name: 'Text Request, signed an hour ago',
    reason: 'timestamp_out_of_tolerance',
    options: { provider: 'textrequest', secret: SECRETS.textrequest },
    body: textRequestBody,
    headers: signTextRequest(textRequestBody, SECRETS.textrequest, now() - 3600),
  },
  {
    name: 'Text Request, a signature that is not Base64 of an HMAC',
    reason: 'malformed_signature',
    options: { provider: 'textrequest', secret: SECRETS.textrequest },
    body: textRequestBody,
    headers: {
      ...signTextRequest(textRequestBody, SECRETS.textrequest),
      'x-tr-webhook-signature': 'sha256=not-base64',
    },
  },
  {
    name: 'Text Request, signed with another key',
    reason: 'signature_mismatch',
    options: { provider: 'textrequest', secret: SECRETS.textrequest },
    body: textRequestBody,
    headers: signTextRequest(textRequestBody, 'tr-someone-elses-key'),
  },
  {
    name: 'Text Request, a resolver that finds no key',
    reason: 'no_secret',
    options: { provider: 'textrequest', secret: () => undefined },
    body: textRequestBody,
    headers: signTextRequest(textRequestBody, SECRETS.textrequest),
  },
  // Telmetrics: the ms-signature header, or a token in the URL.
  {
    name: 'Telmetrics ms-signature, no header',
    reason: 'missing_signature',
    options: { provider: 'telmetrics', secret: SECRETS.telmetrics },
    body: telmetricsBody,
  },
  {
    name: 'Telmetrics ms-signature, a sha1 header',
    reason: 'malformed_signature',
    options: { provider: 'telmetrics', secret: SECRETS.telmetrics },
    body: telmetricsBody,
    headers: { 'ms-signature': 'sha1=0123456789abcdef0123456789abcdef01234567' },
  },
  {
    name: 'Telmetrics ms-signature, signed with another secret',
    reason: 'signature_mismatch',
    options: { provider: 'telmetrics', secret: SECRETS.telmetrics },
    body: telmetricsBody,
    headers: signTelmetrics(telmetricsBody, 'tm-someone-elses-secret'),
  },
  {
    name: 'Telmetrics url-token, no token in the URL',
    reason: 'missing_secret',
    options: { provider: 'telmetrics', scheme: 'url-token', secret: SECRETS.telmetricsToken },
    body: telmetricsBody,
  },
  {
    name: 'Telmetrics url-token, the token twice',
    reason: 'malformed_secret',
    options: { provider: 'telmetrics', scheme: 'url-token', secret: SECRETS.telmetricsToken },
    path: `/hooks?token=${SECRETS.telmetricsToken}&token=tm-other`,
    body: telmetricsBody,
  },
  {
    name: 'Telmetrics url-token, a wrong token',
    reason: 'secret_mismatch',
    options: { provider: 'telmetrics', scheme: 'url-token', secret: SECRETS.telmetricsToken },
    path: '/hooks?token=tm-guessed-token',
    body: telmetricsBody,
  },
  // The handler's own settings.
  {
    name: 'a detected provider without the configured scheme',
    reason: 'unsupported_scheme',
    options: { scheme: 'url-token', secret: SECRETS.telmetricsToken },
    path: `/hooks?token=${SECRETS.telmetricsToken}`,
    body: withTextLinkSecret(textLinkTagChange, SECRETS.textlink),
  },
  {
    name: 'a verify option that refuses',
    reason: 'rejected_by_verify',
    options: { provider: 'textlink', verify: () => false },
    body: withTextLinkSecret(textLinkTagChange, SECRETS.textlink),
  },
];

/** Everything about a request that must never show up in an error: the secrets and the body's values. */
const forbidden = [
  ...Object.values(SECRETS),
  'tl-guessed-secret',
  'tm-guessed-token',
  'tr-someone-elses-key',
  '2026-12-01T08:00:00Z',
  'not-base64',
  '+381690156360',
  'Aleksandar Spremo',
  '14232074721',
  'This is an outbound message.',
  '9055802958',
  'John Doe',
];

const hosts = [
  {
    name: 'createNodeHandler on node:http',
    start: (options: SmsWebhookHandlerOptions) => startServer(createNodeHandler(options)),
  },
  {
    name: 'createFetchHandler on @hono/node-server',
    start: (options: SmsWebhookHandlerOptions) =>
      startServer(getRequestListener(createFetchHandler(options))),
  },
];

describe.each(hosts)('$name tells onError why a request was refused', ({ start }) => {
  const servers: TestServer[] = [];
  const reports: { error: unknown; context: SmsWebhookErrorContext }[] = [];
  const events: unknown[] = [];
  let origins: string[] = [];

  beforeAll(async () => {
    // One server per case, each configured as the case says, all answering at once.
    const started = await Promise.all(
      cases.map((refusal) =>
        start({
          ...refusal.options,
          onEvent: (event) => void events.push(event),
          onError: (error, context) => void reports.push({ error, context }),
        } as SmsWebhookHandlerOptions),
      ),
    );
    servers.push(...started);
    origins = started.map((server) => server.origin);
  });

  afterAll(async () => {
    await Promise.all(servers.splice(0).map((server) => server.close()));
  });

  it.each(cases.map((refusal, index) => ({ ...refusal, index })))(
    '$name: $reason',
    async ({ index, path, body, headers, reason }) => {
      reports.length = 0;
      const response = await send(`${origins[index]}${path ?? '/hooks'}`, {
        body,
        ...(headers === undefined ? {} : { headers }),
      });
      // The answer is the same whatever the reason: nothing about the check leaves the server.
      expect(response.status).toBe(401);
      expect(response.text).toBe('{"ok":false,"error":{"code":"unauthorized"}}');
      expect(events).toEqual([]);

      expect(reports).toHaveLength(1);
      const [{ error, context } = { error: undefined, context: undefined }] = reports;
      expect(context).toMatchObject({ status: 401, code: 'unauthorized', reason });
      expect(isSmsWebhookError(error)).toBe(true);
      expect(error).toMatchObject({ code: 'unauthorized', reason });
      const message = (error as Error).message;
      expect(message).toMatch(/\.$/);
      const reported = `${message}\n${JSON.stringify(error)}\n${JSON.stringify(context)}`;
      for (const value of forbidden) expect(reported).not.toContain(value);
    },
  );
});

describe('verifyAndParseSmsWebhook throws the same reasons', () => {
  it.each(cases)('$name: $reason', async ({ options, path, body, headers, reason }) => {
    const error = await verifyAndParseSmsWebhook(
      { body, headers: headers ?? {}, method: 'POST', url: path ?? '/hooks' },
      options as Parameters<typeof verifyAndParseSmsWebhook>[1],
    ).then(
      () => undefined,
      (caught: unknown) => caught,
    );
    expect(isSmsWebhookError(error)).toBe(true);
    expect(error).toMatchObject({ code: 'unauthorized', reason });
    for (const value of forbidden) expect(String(error)).not.toContain(value);
  });
});

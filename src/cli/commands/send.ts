import { detectProvider } from '../../parse.js';
import { type ProviderId, providers } from '../../providers/index.js';
import { getTestingKit, testingKits } from '../../testing/registry.js';
import {
  parseCommandArgs,
  providerIdList,
  readProvider,
  readScheme,
  readSecret,
  SECRET_ENV,
} from '../arguments.js';
import { CommandFailure } from '../CommandFailure.js';
import type { CliContext } from '../context.js';
import { printable } from '../format-event.js';
import { type PayloadSource, readPayloadSource, sourceBody } from '../payload-source.js';
import { UsageError } from '../UsageError.js';
import type { Command } from './command.js';

const TIMEOUT_MS = 30_000;

const help = `Usage: sms-webhooks send <payload> --url <url> [options]

POSTs a webhook to a URL the way the provider sends it, signed where the provider
signs: Text Request with x-tr-webhook-signature over the body and the current time,
Telmetrics with the ms-signature header (or ?token= with --scheme url-token),
TextLink with the secret in the body's "secret" field. Prints the answer's status
and body. A local "send test webhook" button for your endpoint.

<payload> is one of:
  a fixture name      e.g. textlink/received (see "sms-webhooks fixtures")
  a JSON file or "-"  sent byte for byte (TextLink: re-serialized to add the secret)
  a provider id       ${providerIdList}: a new valid payload
                      with fresh ids, so your endpoint sees a new event every time

Options:
  --url <url>        where to send it (required)
  --secret <secret>  the secret your endpoint is configured with (or set ${SECRET_ENV});
                     without one the request is sent unsigned. Never printed.
  --provider <id>    which provider's signing to use (known for fixtures and provider
                     ids; detected from the body of a file when absent)
  --kind <kind>      with a provider id, which payload to generate:
${testingKits.map((kit) => `                       ${kit.id}: ${kit.payloadKinds.join(', ')}\n`).join('')}  --scheme <scheme>  Telmetrics only: ms-signature (default) or url-token
  -h, --help         show this help

Examples:
  sms-webhooks send textlink/received --url http://127.0.0.1:3000/api/sms --secret s3cret
  sms-webhooks send textrequest --kind message_sent --url http://127.0.0.1:3000/hooks/tr
  SMS_WEBHOOKS_SECRET=s3cret sms-webhooks send body.json --provider telmetrics --url http://127.0.0.1:3000/t

Exit codes:
  0  the endpoint answered 2xx
  1  it answered anything else, or the request failed
  2  usage error
`;

function readUrl(value: string | undefined): URL {
  if (value === undefined) throw new UsageError('--url is required.');
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new UsageError('--url must be an absolute http:// or https:// URL.');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new UsageError('--url must be an absolute http:// or https:// URL.');
  }
  return url;
}

function providerOf(source: PayloadSource, requested: ProviderId | undefined): ProviderId {
  if (requested !== undefined) return requested;
  if (source.type === 'fixture') return source.fixture.provider;
  if (source.type === 'generated') return source.provider;
  const detected = detectProvider(source.bytes);
  if (detected === null) {
    throw new UsageError(
      `Cannot tell which provider sends ${source.label}; pass --provider (${providers.map((p) => p.id).join(', ')}).`,
    );
  }
  return detected;
}

async function buildRequest(
  provider: ProviderId,
  body: Uint8Array,
  secret: string | undefined,
  scheme: string | undefined,
  url: URL,
): Promise<{ readonly request: Request; readonly signing: string }> {
  const kit = getTestingKit(provider);
  if (!kit)
    throw new UsageError(`--provider must be one of ${providers.map((p) => p.id).join(', ')}.`);
  // readScheme accepted the scheme for this provider, so its signing takes it.
  const send = kit.createSendRequest as (options: {
    body: Uint8Array;
    secret: string | undefined;
    scheme: string | undefined;
    url: URL;
  }) => Promise<{ readonly request: Request; readonly signing: string }>;
  try {
    return await send({ body, secret, scheme, url });
  } catch (error) {
    // A body that cannot carry the secret (TextLink's goes in the body) is the input's fault.
    if (error instanceof TypeError) throw new CommandFailure(error.message);
    throw error;
  }
}

/** Hides the parts of a URL that may hold a secret: the password and the `token` parameter. */
function redactUrl(url: URL): string {
  const copy = new URL(url.href);
  if (copy.password !== '') copy.password = '***';
  if (copy.searchParams.has('token')) copy.searchParams.set('token', '***');
  return copy.href;
}

function redact(text: string, secret: string | undefined): string {
  return secret === undefined ? text : text.split(secret).join('***');
}

/** `sms-webhooks send`: POSTs a payload as the provider would and reports the answer. */
export const sendCommand: Command = {
  name: 'send',
  summary: 'POST a fixture, a file or a new payload to a URL, signed as the provider signs',
  help,
  async run(args, context: CliContext) {
    const { values, positionals } = parseCommandArgs(args, {
      url: { type: 'string' },
      secret: { type: 'string' },
      provider: { type: 'string' },
      kind: { type: 'string' },
      scheme: { type: 'string' },
    });
    if (positionals.length === 0) {
      throw new UsageError(
        'send needs a payload: a fixture name, a JSON file, "-" or a provider id.',
      );
    }
    if (positionals.length > 1) throw new UsageError('send takes one payload.');
    const url = readUrl(values.url);
    const requested = readProvider(values.provider);
    const secret = readSecret(values.secret, context.env);
    const source = await readPayloadSource(positionals[0], context, {
      allowGenerated: true,
      kind: values.kind,
    });
    if (values.kind !== undefined && source.type !== 'generated') {
      throw new UsageError(
        '--kind chooses the payload generated for a provider id (e.g. "send textlink --kind failed"); a fixture or file is sent as it is.',
      );
    }
    const provider = providerOf(source, requested);
    const scheme = readScheme(values.scheme, provider);

    const { request, signing } = await buildRequest(
      provider,
      sourceBody(source),
      secret,
      scheme,
      url,
    );
    context.err(
      `POST ${redactUrl(new URL(request.url))}  ${source.label} as ${provider}, ${signing}\n`,
    );
    if (secret === undefined) {
      context.err(`No secret given (--secret or ${SECRET_ENV}), so the request is not signed.\n`);
    }

    let response: Response;
    try {
      response = await fetch(request, {
        redirect: 'manual',
        signal: AbortSignal.timeout(TIMEOUT_MS),
      });
    } catch (error) {
      const cause = (error as { cause?: { message?: unknown } } | null)?.cause?.message;
      const reason =
        (error as Error | null)?.name === 'TimeoutError'
          ? `no answer within ${TIMEOUT_MS / 1000} seconds`
          : String(cause ?? (error as Error | null)?.message ?? error);
      throw new CommandFailure(redact(`The request failed: ${reason}.`, secret));
    }
    const text = printable(redact(await response.text(), secret), true);
    context.out(`${response.status} ${printable(response.statusText)}\n`);
    if (text !== '') context.out(text.endsWith('\n') ? text : `${text}\n`);
    const ok = response.status >= 200 && response.status < 300;
    if (ok && provider === 'textlink' && response.status !== 200) {
      context.err(
        'TextLink counts only status 200 as delivered; it would report this one as failed.\n',
      );
    }
    return ok ? 0 : 1;
  },
};

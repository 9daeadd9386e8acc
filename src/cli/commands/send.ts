import { detectProvider } from '../../parse.js';
import { type ProviderId, providers } from '../../providers/index.js';
import { fixtureList } from '../../testing/fixtures.js';
import { testingKits } from '../../testing/registry.js';
import {
  DEFAULT_LISTEN_URL,
  displayUrl,
  parseCommandArgs,
  providerIdList,
  readProvider,
  readRepeat,
  readScheme,
  readSecret,
  readTargetUrl,
  SECRET_ENV,
} from '../arguments.js';
import type { CliContext } from '../context.js';
import { printable } from '../format-event.js';
import { type PayloadSource, readPayloadSource, sourceBody } from '../payload-source.js';
import { maskSecret } from '../redact.js';
import { sendRequest, signRequest } from '../sign-request.js';
import { UsageError } from '../UsageError.js';
import type { Command } from './command.js';

const help = `Usage: sms-webhooks send <payload>... [options]
       sms-webhooks send --all [options]

POSTs webhooks to a URL the way the provider sends them, signed where the provider
signs: Text Request with x-tr-webhook-signature over the body and the current time,
Telmetrics with the ms-signature header (or ?token= with --scheme url-token),
TextLink with the secret in the body's "secret" field. Prints each answer's status
and body. A local "send test webhook" button for your endpoint, or for "listen".

<payload> is one or more of:
  a fixture name      e.g. textlink/received (see "sms-webhooks fixtures")
  a JSON file or "-"  sent byte for byte (TextLink: re-serialized to add the secret)
  a provider id       ${providerIdList}: a new valid payload
                      with fresh ids, so your endpoint sees a new event every time

Options:
  --url <url>        where to send (default ${DEFAULT_LISTEN_URL}, where "listen"
                     listens); user:pass@ in it is sent as basic authentication
  --secret <secret>  the secret your endpoint is configured with (or set ${SECRET_ENV});
                     without one the request is sent unsigned. Never printed.
  --all              send every bundled fixture, in the order "fixtures" lists them
  --repeat <n>       send each payload n times, the same body each time (a redelivery,
                     to see your deduplication at work), re-signed each time
  --provider <id>    which provider's signing to use (known for fixtures and provider
                     ids; detected from the body of a file when absent)
  --kind <kind>      with a provider id, which payload to generate:
${testingKits.map((kit) => `                       ${kit.id}: ${kit.payloadKinds.join(', ')}\n`).join('')}  --scheme <scheme>  Telmetrics only: ms-signature (default) or url-token
  -h, --help         show this help

Examples:
  sms-webhooks send textlink/received --secret s3cret
  sms-webhooks send textrequest --kind message_sent --url http://127.0.0.1:3000/hooks/tr
  sms-webhooks send --all --url http://127.0.0.1:3000/api/sms
  sms-webhooks send textlink/received textlink/failed --repeat 2 --secret s3cret
  SMS_WEBHOOKS_SECRET=s3cret sms-webhooks send body.json --provider telmetrics --url http://127.0.0.1:3000/t

Exit codes:
  0  every answer was 2xx
  1  an answer was anything else, or a request failed
  2  usage error
`;

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

async function readSources(
  positionals: readonly string[],
  all: boolean,
  kind: string | undefined,
  context: CliContext,
): Promise<PayloadSource[]> {
  if (all) {
    if (positionals.length > 0) {
      throw new UsageError('--all sends every fixture; drop the payload names, or drop --all.');
    }
    if (kind !== undefined) throw new UsageError('--kind goes with a provider id, not with --all.');
    return fixtureList.map((fixture) => ({ type: 'fixture', label: fixture.name, fixture }));
  }
  if (positionals.length === 0) {
    throw new UsageError(
      'send needs a payload: a fixture name, a JSON file, "-" or a provider id (or --all for every fixture).',
    );
  }
  if (positionals.filter((name) => name === '-').length > 1) {
    throw new UsageError('Standard input ("-") can be read once; give it once.');
  }
  const sources: PayloadSource[] = [];
  for (const name of positionals) {
    sources.push(await readPayloadSource(name, context, { allowGenerated: true, kind }));
  }
  if (kind !== undefined && sources.some((source) => source.type !== 'generated')) {
    throw new UsageError(
      '--kind chooses the payload generated for a provider id (e.g. "send textlink --kind failed"); a fixture or file is sent as it is, so drop --kind.',
    );
  }
  return sources;
}

/** `sms-webhooks send`: POSTs payloads as the provider would and reports each answer. */
export const sendCommand: Command = {
  name: 'send',
  summary: 'POST fixtures, files or new payloads to a URL, signed as the provider signs',
  help,
  async run(args, context: CliContext) {
    const { values, positionals } = parseCommandArgs(args, {
      url: { type: 'string' },
      secret: { type: 'string' },
      provider: { type: 'string' },
      kind: { type: 'string' },
      scheme: { type: 'string' },
      all: { type: 'boolean' },
      repeat: { type: 'string' },
    });
    const target = readTargetUrl('--url', values.url, DEFAULT_LISTEN_URL);
    const requested = readProvider(values.provider);
    const secret = readSecret(values.secret, context.env);
    const repeat = readRepeat(values.repeat);
    const sources = await readSources(positionals, values.all === true, values.kind, context);
    const planned = sources.map((source) => {
      const provider = providerOf(source, requested);
      return { source, provider, scheme: readScheme(values.scheme, provider) };
    });
    const mask = (text: string): string => maskSecret(text, secret);
    if (secret === undefined) {
      context.err(`No secret given (--secret or ${SECRET_ENV}), so requests are not signed.\n`);
    }

    let sent = 0;
    let failed = 0;
    for (const { source, provider, scheme } of planned) {
      const body = sourceBody(source);
      for (let attempt = 1; attempt <= repeat; attempt++) {
        let { request, signing } = await signRequest(provider, body, secret, scheme, target.url);
        if (target.authorization !== undefined) {
          const headers = new Headers(request.headers);
          headers.set('authorization', target.authorization);
          request = new Request(request, { headers });
          signing += ', basic authentication';
        }
        const count = repeat > 1 ? `  (${attempt}/${repeat})` : '';
        context.err(
          `POST ${displayUrl(request.url)}  ${printable(source.label)} as ${provider}, ${signing}${count}\n`,
        );
        const response = await sendRequest(request, mask);
        const text = printable(mask(await response.text()), true);
        context.out(`${response.status} ${printable(response.statusText)}\n`);
        if (text !== '') context.out(text.endsWith('\n') ? text : `${text}\n`);
        const ok = response.status >= 200 && response.status < 300;
        if (ok && provider === 'textlink' && response.status !== 200) {
          context.err(
            'TextLink counts only status 200 as delivered; it would report this one as failed.\n',
          );
        }
        sent++;
        if (!ok) failed++;
      }
    }
    if (sent > 1) {
      context.err(
        `Sent ${sent} requests: ${sent - failed} answered 2xx${failed > 0 ? `, ${failed} did not` : ''}.\n`,
      );
    }
    return failed === 0 ? 0 : 1;
  },
};

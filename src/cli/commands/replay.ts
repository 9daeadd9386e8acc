import { detectProvider } from '../../parse.js';
import { type ProviderId, providers } from '../../providers/index.js';
import {
  DEFAULT_LISTEN_URL,
  displayUrl,
  parseCommandArgs,
  readProvider,
  readScheme,
  readSecret,
  readTargetUrl,
  SECRET_ENV,
} from '../arguments.js';
import type { CliContext } from '../context.js';
import { printable } from '../format-event.js';
import { hopByHopHeaders, type Recording, readRecordings, recordingBody } from '../recording.js';
import { maskSecret } from '../redact.js';
import { sendRequest, signRequest } from '../sign-request.js';
import { UsageError } from '../UsageError.js';
import type { Command } from './command.js';

const help = `Usage: sms-webhooks replay <file | dir>... [options]

Sends requests that "listen --record" saved again, to a URL: the same method, headers,
body and query string. With a secret they are re-signed with the current time, so
they verify again (a Text Request signature is only good for minutes): Text Request
and Telmetrics get fresh signature headers over the unchanged body, TextLink the
secret in its body. Without one they are sent exactly as recorded, old signatures
included. A directory replays each of its .json files, in the order they arrived.

Options:
  --url <url>        where to send (default ${DEFAULT_LISTEN_URL}, where "listen"
                     listens); user:pass@ in it is sent as basic authentication
  --secret <secret>  re-sign with this secret (or set ${SECRET_ENV}). Never printed.
  --provider <id>    whose signing to use, when the recording does not say
  --scheme <scheme>  Telmetrics only: ms-signature (default) or url-token
  -h, --help         show this help

Examples:
  sms-webhooks replay recorded/ --url http://127.0.0.1:3000/api/sms --secret s3cret
  sms-webhooks replay recorded/2026-01-02T03-04-05.678Z-0001.json --secret s3cret

Exit codes:
  0  every answer was 2xx
  1  an answer was anything else, a request failed, or a file is no recording
  2  usage error
`;

function providerOf(
  recording: Recording,
  path: string,
  requested: ProviderId | undefined,
): ProviderId {
  const provider = requested ?? recording.provider ?? detectProvider(recordingBody(recording));
  if (provider === null) {
    throw new UsageError(
      `Cannot tell which provider sent ${path}; pass --provider (${providers.map((p) => p.id).join(', ')}).`,
    );
  }
  return provider;
}

/** The URL to send to, with the recorded request's query string added. */
function withRecordedQuery(target: URL, recordedUrl: string): URL {
  const url = new URL(target.href);
  for (const [name, value] of new URL(recordedUrl, 'http://localhost').searchParams) {
    if (!url.searchParams.has(name)) url.searchParams.append(name, value);
  }
  return url;
}

async function buildReplay(
  recording: Recording,
  provider: ProviderId,
  secret: string | undefined,
  scheme: string | undefined,
  target: URL,
  authorization: string | undefined,
): Promise<{ request: Request; signing: string }> {
  const body = recordingBody(recording);
  const recorded = recording.headers.filter(([name]) => !hopByHopHeaders.has(name.toLowerCase()));
  const headers = new Headers();
  let request: Request;
  let signing: string;
  if (secret === undefined) {
    for (const [name, value] of recorded) headers.append(name, value);
    request = new Request(target, {
      method: recording.method,
      headers,
      ...(recording.method === 'GET' || recording.method === 'HEAD'
        ? {}
        : { body: body as Uint8Array<ArrayBuffer> }),
    });
    signing = 'as recorded';
  } else {
    const signed = await signRequest(provider, body, secret, scheme, target);
    for (const [name, value] of recorded) headers.append(name, value);
    // The fresh signature headers (and TextLink's re-serialized body) win over what was recorded.
    for (const [name, value] of signed.request.headers) headers.set(name, value);
    request = new Request(signed.request, { headers });
    signing = `re-signed: ${signed.signing}`;
  }
  if (authorization !== undefined) {
    const withAuth = new Headers(request.headers);
    withAuth.set('authorization', authorization);
    request = new Request(request, { headers: withAuth });
  }
  return { request, signing };
}

/** `sms-webhooks replay`: sends recorded requests again, re-signed so they verify. */
export const replayCommand: Command = {
  name: 'replay',
  summary: 'Send requests recorded by "listen --record" again, re-signed with the current time',
  help,
  async run(args, context: CliContext) {
    const { values, positionals } = parseCommandArgs(args, {
      url: { type: 'string' },
      secret: { type: 'string' },
      provider: { type: 'string' },
      scheme: { type: 'string' },
    });
    if (positionals.length === 0) {
      throw new UsageError(
        'replay needs a recording: a file or directory "listen --record <dir>" wrote.',
      );
    }
    const target = readTargetUrl('--url', values.url, DEFAULT_LISTEN_URL);
    const requested = readProvider(values.provider);
    const secret = readSecret(values.secret, context.env);
    const scheme = readScheme(values.scheme, requested);
    const recordings = [];
    for (const path of positionals) recordings.push(...(await readRecordings(path)));
    if (secret === undefined) {
      context.err(
        `No secret given (--secret or ${SECRET_ENV}): requests are sent as recorded, with their old signatures.\n`,
      );
    }
    const mask = (text: string): string => maskSecret(text, secret);

    let failed = 0;
    for (const { path, recording } of recordings) {
      const provider = providerOf(recording, path, requested);
      const url = withRecordedQuery(target.url, recording.url);
      const { request, signing } = await buildReplay(
        recording,
        provider,
        secret,
        scheme,
        url,
        target.authorization,
      );
      context.err(
        `${request.method} ${displayUrl(request.url)}  ${printable(path)} as ${provider}, ${signing}\n`,
      );
      const response = await sendRequest(request, mask);
      const text = printable(mask(await response.text()), true);
      context.out(`${response.status} ${printable(response.statusText)}\n`);
      if (text !== '') context.out(text.endsWith('\n') ? text : `${text}\n`);
      if (!(response.status >= 200 && response.status < 300)) failed++;
    }
    if (recordings.length > 1) {
      context.err(
        `Replayed ${recordings.length} requests: ${recordings.length - failed} answered 2xx${failed > 0 ? `, ${failed} did not` : ''}.\n`,
      );
    }
    return failed === 0 ? 0 : 1;
  },
};

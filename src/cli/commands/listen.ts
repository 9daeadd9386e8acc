import {
  createServer,
  request as httpRequest,
  type IncomingMessage,
  type Server,
  type ServerResponse,
} from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { AddressInfo } from 'node:net';
import { createBodyCollector, DEFAULT_MAX_BODY_BYTES } from '../../adapters/core/body-limit.js';
import { errorResponse } from '../../adapters/core/responses.js';
import { createFetchHandler } from '../../adapters/fetch/index.js';
import { isSmsWebhookError } from '../../errors/SmsWebhookError.js';
import type { SmsEvent } from '../../events.js';
import type { ProviderId } from '../../providers/index.js';
import {
  DEFAULT_LISTEN_PORT,
  displayUrl,
  parseCommandArgs,
  providerIdList,
  readParseKind,
  readPort,
  readProvider,
  readScheme,
  readSecret,
  readTargetUrl,
  SECRET_ENV,
  type TargetUrl,
} from '../arguments.js';
import { CommandFailure } from '../CommandFailure.js';
import type { CliContext } from '../context.js';
import {
  createPalette,
  formatEvent,
  type Palette,
  printable,
  shouldColor,
} from '../format-event.js';
import { hopByHopHeaders, prepareRecordingDir, toRecording, writeRecording } from '../recording.js';
import { maskSecret } from '../redact.js';
import { UsageError } from '../UsageError.js';
import type { Command } from './command.js';
import { printDrift, printIssues } from './parse.js';

export { DEFAULT_LISTEN_PORT };

const FORWARD_TIMEOUT_MS = 30_000;

const help = `Usage: sms-webhooks listen [options]

Runs a local webhook receiver (the library's handler on node:http) and prints each
verified, normalized event as it arrives: readable, and coloured on a terminal
(NO_COLOR turns colour off, FORCE_COLOR on), or one JSON object per line with --json.
Refused requests (401 with the reason, e.g. missing_signature, 400 with the failing
fields, ...) and deliveries that differ from the provider's documents (drift, as
warnings) are reported on standard error. Every path is accepted. Ctrl-C stops it.

Its first line is always "Listening on http://<host>:<port>/" (on standard error
with --json): the URL to point a provider, "send" or a script at.

With --forward-to, every request up to 1 MiB is also passed on unchanged (method,
headers and body, and the query string added to the URL) to your own app, whether it
passed the check or not; both answers are printed (listen's check, then your app's), and the
sender gets your app's answer. With --record, each request is saved as one JSON file
(headers and raw body) that "sms-webhooks replay" sends again.

Options:
  --port <n>           the port, 0 for any free one (default ${DEFAULT_LISTEN_PORT})
  --host <host>        the interface to listen on (default 127.0.0.1)
  --provider <id>      accept only this provider: ${providerIdList}
                       (detected from each body when absent)
  --kind <kind>        the TextLink webhook this URL receives: received, sent, failed or
                       tag_changed (inferred from each body when absent)
  --secret <secret>    verify requests with this secret (or set ${SECRET_ENV}): the TextLink
                       body secret, the Text Request API key, the Telmetrics signing key or
                       URL token. Without one, requests are accepted unverified. Never printed.
  --scheme <scheme>    the verification scheme, e.g. url-token for Telmetrics
  --forward-to <url>   pass every request on to this URL, e.g. your app's webhook route
  --record <dir>       save every request in this directory (created if missing); the
                       files hold requests as sent, secrets included: keep them private
  --json               print events as JSON lines; status lines go to standard error
  -h, --help           show this help

Examples:
  sms-webhooks listen --provider textrequest --secret test-api-key
  sms-webhooks listen --secret s3cret --forward-to http://127.0.0.1:3000/api/sms
  sms-webhooks listen --record ./recorded && sms-webhooks replay ./recorded --secret s3cret
  sms-webhooks listen --port 0 --json | jq .type

Exit codes:
  0  stopped with Ctrl-C or SIGTERM
  1  the server could not start (e.g. the port is in use)
  2  usage error
`;

function urlOf(server: Server): string {
  const address = server.address() as AddressInfo;
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  return `http://${host}:${address.port}/`;
}

function listenOn(server: Server, port: number, host: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const onError = (error: NodeJS.ErrnoException): void => {
      server.off('listening', onListening);
      reject(error);
    };
    const onListening = (): void => {
      server.off('error', onError);
      resolve();
    };
    server.once('error', onError);
    server.once('listening', onListening);
    server.listen(port, host);
  });
}

function close(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve());
    // Keep-alive connections would hold the server open until they time out.
    server.closeAllConnections();
  });
}

/** A request as it arrived: the headers in their order and case, and the body bytes. */
interface ReceivedRequest {
  readonly method: string;
  readonly url: string;
  readonly headers: readonly (readonly [string, string])[];
  readonly body: Uint8Array;
}

/** Reads a request's body up to the handlers' limit; `null` when it is larger. */
async function readRequest(req: IncomingMessage): Promise<ReceivedRequest | null> {
  const collector = createBodyCollector(DEFAULT_MAX_BODY_BYTES);
  let tooLarge = false;
  for await (const chunk of req) {
    if (!tooLarge && !collector.add(chunk as Uint8Array)) tooLarge = true;
  }
  if (tooLarge) return null;
  const headers: [string, string][] = [];
  for (let i = 0; i + 1 < req.rawHeaders.length; i += 2) {
    headers.push([req.rawHeaders[i] as string, req.rawHeaders[i + 1] as string]);
  }
  return {
    method: (req.method ?? 'GET').toUpperCase(),
    url: req.url ?? '/',
    headers,
    body: collector.bytes(),
  };
}

function passedOnHeaders(received: ReceivedRequest): [string, string][] {
  return received.headers.filter(([name]) => !hopByHopHeaders.has(name.toLowerCase())) as [
    string,
    string,
  ][];
}

function hasBody(method: string): boolean {
  return method !== 'GET' && method !== 'HEAD';
}

/** The answer of the app a request was forwarded to. */
interface ForwardedAnswer {
  readonly status: number;
  readonly statusText: string;
  readonly headers: readonly (readonly [string, string])[];
  readonly body: Buffer;
}

/** `target` with the query string of the request added to its own. */
function forwardUrl(target: URL, path: string): URL {
  const url = new URL(target.href);
  const query = new URL(path, 'http://localhost').searchParams;
  for (const [name, value] of query) url.searchParams.append(name, value);
  return url;
}

function forward(received: ReceivedRequest, target: TargetUrl): Promise<ForwardedAnswer> {
  const url = forwardUrl(target.url, received.url);
  const headers = passedOnHeaders(received).flat();
  headers.push('Host', url.host);
  if (hasBody(received.method) || received.body.byteLength > 0) {
    headers.push('Content-Length', String(received.body.byteLength));
  }
  if (target.authorization !== undefined) headers.push('Authorization', target.authorization);
  const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
  return new Promise((resolve, reject) => {
    const outgoing = send(
      url,
      { method: received.method, headers, timeout: FORWARD_TIMEOUT_MS },
      (answer) => {
        const chunks: Buffer[] = [];
        answer.on('data', (chunk: Buffer) => chunks.push(chunk));
        answer.on('error', reject);
        answer.on('end', () => {
          const answerHeaders: [string, string][] = [];
          for (let i = 0; i + 1 < answer.rawHeaders.length; i += 2) {
            answerHeaders.push([
              answer.rawHeaders[i] as string,
              answer.rawHeaders[i + 1] as string,
            ]);
          }
          resolve({
            status: answer.statusCode ?? 502,
            statusText: answer.statusMessage ?? '',
            headers: answerHeaders,
            body: Buffer.concat(chunks),
          });
        });
      },
    );
    outgoing.on('timeout', () =>
      outgoing.destroy(new Error(`no answer within ${FORWARD_TIMEOUT_MS / 1000} seconds`)),
    );
    outgoing.on('error', reject);
    outgoing.end(received.body);
  });
}

/** One line of an answer body: printable, the secret masked, shortened past 200 characters. */
function snippet(body: string, secret: string | undefined): string {
  const line = printable(maskSecret(body.trim(), secret));
  return line.length > 200 ? `${line.slice(0, 200)}…` : line;
}

function paintStatus(status: number, palette: Palette): string {
  return status >= 200 && status < 300
    ? palette.green(String(status))
    : palette.red(String(status));
}

/** `sms-webhooks listen`: a local receiver that prints, forwards and records every delivery. */
export const listenCommand: Command = {
  name: 'listen',
  summary: 'Run a local receiver that prints, forwards and records each delivery',
  help,
  async run(args, context: CliContext) {
    const { values, positionals } = parseCommandArgs(args, {
      port: { type: 'string' },
      host: { type: 'string' },
      provider: { type: 'string' },
      kind: { type: 'string' },
      secret: { type: 'string' },
      scheme: { type: 'string' },
      'forward-to': { type: 'string' },
      record: { type: 'string' },
      json: { type: 'boolean' },
    });
    if (positionals.length > 0) {
      const [first = ''] = positionals;
      throw new UsageError(
        /^https?:\/\//.test(first)
          ? `listen takes no arguments, only options; did you mean --forward-to ${printable(first)}?`
          : 'listen takes no arguments, only options, e.g. --port 4848 or --forward-to <url>.',
      );
    }
    const port = readPort(values.port, DEFAULT_LISTEN_PORT);
    const host = values.host ?? '127.0.0.1';
    if (host === '') throw new UsageError('--host must not be empty; leave it out for 127.0.0.1.');
    const provider: ProviderId | undefined = readProvider(values.provider);
    const kind = readParseKind(values.kind, provider);
    const scheme = readScheme(values.scheme, provider);
    const secret = readSecret(values.secret, context.env);
    const forwardTo =
      values['forward-to'] === undefined
        ? undefined
        : readTargetUrl('--forward-to', values['forward-to']);
    const recordDir = values.record;
    if (recordDir === '')
      throw new UsageError('--record needs a directory, e.g. --record ./recorded.');
    const json = values.json === true;
    const outPalette = createPalette(!json && shouldColor(context.env, context.stdoutIsTTY));
    const errPalette = createPalette(shouldColor(context.env, context.stderrIsTTY));
    // In JSON mode standard output carries events only; everything else goes to standard error.
    const status = json ? context.err : context.out;
    const statusPalette = json ? errPalette : outPalette;
    if (recordDir !== undefined) await prepareRecordingDir(recordDir);

    let sequence = 0;
    let base = '';
    const onRequest = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
      const received = await readRequest(req);
      if (received === null) {
        const answer = errorResponse('payload_too_large');
        context.err(
          `${errPalette.red('413 payload_too_large')}  ${req.method ?? ''} ${printable(req.url ?? '')}\n`,
        );
        res.writeHead(answer.status, answer.headers).end(answer.body);
        return;
      }
      let seenProvider: ProviderId | null = provider ?? null;
      const handler = createFetchHandler({
        ...(provider === undefined ? {} : { provider }),
        ...(kind === undefined ? {} : { kind: kind as never }),
        ...(secret === undefined ? {} : { secret }),
        ...(scheme === undefined ? {} : { scheme }),
        onEvent: (event: SmsEvent) => {
          seenProvider = event.provider;
          context.out(json ? `${JSON.stringify(event)}\n` : formatEvent(event, outPalette));
        },
        onDrift: (report) => printDrift(report, context),
        onError: (error, info) => {
          seenProvider = info.provider ?? seenProvider;
          const code = errPalette.red(`${info.status} ${info.code}`);
          context.err(
            `${code}  ${info.method} ${printable(info.path)}${info.provider ? `  ${info.provider}` : ''}\n`,
          );
          if (!isSmsWebhookError(error)) return;
          // The reason stays on this side: the 401 the sender gets says only "unauthorized".
          if (error.reason !== undefined) {
            context.err(`  ${error.reason}: ${printable(error.message)}\n`);
          }
          printIssues(error, context);
        },
      });
      const verdict = await handler(
        new Request(new URL(received.url, base), {
          method: received.method,
          headers: passedOnHeaders(received),
          ...(hasBody(received.method) ? { body: received.body as Uint8Array<ArrayBuffer> } : {}),
        }),
      );
      const verdictBody = await verdict.text();

      if (recordDir !== undefined) {
        sequence++;
        try {
          const path = await writeRecording(
            recordDir,
            toRecording(received, seenProvider, new Date()),
            sequence,
          );
          status(statusPalette.dim(`  recorded ${printable(path)}\n`));
        } catch (error) {
          context.err(
            errPalette.red(
              `  not recorded: ${String((error as NodeJS.ErrnoException).code ?? (error as Error).message)}\n`,
            ),
          );
        }
      }

      if (forwardTo === undefined) {
        res.writeHead(verdict.status, Object.fromEntries(verdict.headers)).end(verdictBody);
        return;
      }
      const own = `${statusPalette.dim('(listen:')} ${paintStatus(verdict.status, statusPalette)}${statusPalette.dim(')')}`;
      try {
        const answer = await forward(received, forwardTo);
        const body = snippet(answer.body.toString('utf8'), secret);
        status(
          `  → ${displayUrl(forwardUrl(forwardTo.url, received.url))}  ${paintStatus(answer.status, statusPalette)} ${printable(answer.statusText)}${body === '' ? '' : `  ${body}`}  ${own}\n`,
        );
        res.writeHead(
          answer.status,
          answer.headers.filter(([name]) => !hopByHopHeaders.has(name.toLowerCase())).flat(),
        );
        res.end(answer.body);
      } catch (error) {
        const code = (error as { code?: unknown }).code;
        const reason = maskSecret(
          code === 'ECONNREFUSED'
            ? 'ECONNREFUSED, is your app running there?'
            : String(code ?? (error as Error).message),
          secret,
        );
        status(
          `  → ${displayUrl(forwardUrl(forwardTo.url, received.url))}  ${statusPalette.red(`not forwarded: ${printable(reason)}`)}  ${own}\n`,
        );
        res
          .writeHead(502, { 'content-type': 'application/json' })
          .end('{"ok":false,"error":{"code":"forward_failed"}}');
      }
    };

    // Watching for Ctrl-C before the URL is printed: whoever reads the URL may stop us at once.
    const stopped = context.untilSignal();
    const server = createServer((req, res) => {
      onRequest(req, res).catch(() => {
        // Only a broken connection gets here; there is nobody left to answer.
        res.destroy();
      });
    });
    try {
      await listenOn(server, port, host);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      const reason =
        code === 'EADDRINUSE'
          ? `port ${port} is in use; pick another with --port (0 for any free one)`
          : code === 'EACCES'
            ? `no permission to listen on port ${port}; pick one above 1023 with --port`
            : String((error as Error).message);
      throw new CommandFailure(`Cannot listen on ${host}:${port}: ${reason}.`);
    }

    const url = urlOf(server);
    base = url;
    status(`Listening on ${statusPalette.bold(url)}\n`);
    if (forwardTo !== undefined)
      status(`Forwarding to ${statusPalette.bold(displayUrl(forwardTo.url))}\n`);
    if (recordDir !== undefined)
      status(`Recording into ${statusPalette.bold(printable(recordDir))}\n`);
    if (secret === undefined) {
      context.err(
        `No secret given (--secret or ${SECRET_ENV}): requests are accepted unverified.\n`,
      );
    }
    if (!json) {
      const extraOptions =
        (kind === undefined ? '' : ` --kind ${kind}`) +
        (scheme === undefined ? '' : ` --scheme ${scheme}`);
      const secretOption = values.secret === undefined ? '' : ' --secret <secret>';
      const urlOption = port === DEFAULT_LISTEN_PORT && host === '127.0.0.1' ? '' : ` --url ${url}`;
      const example = `sms-webhooks send ${provider ?? 'textlink'}${extraOptions}${urlOption}${secretOption}`;
      status(statusPalette.dim(`Try: ${example}  (Ctrl-C stops)\n`));
    }

    await stopped;
    await close(server);
    status('Stopped.\n');
    return 0;
  },
};

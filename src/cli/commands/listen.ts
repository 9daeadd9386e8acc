import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createNodeHandler } from '../../adapters/node/index.js';
import { isSmsWebhookError } from '../../errors/SmsWebhookError.js';
import type { SmsEvent } from '../../events.js';
import type { ProviderId } from '../../providers/index.js';
import {
  parseCommandArgs,
  providerIdList,
  readParseKind,
  readPort,
  readProvider,
  readScheme,
  readSecret,
  SECRET_ENV,
} from '../arguments.js';
import { CommandFailure } from '../CommandFailure.js';
import type { CliContext } from '../context.js';
import { createPalette, formatEvent, printable, shouldColor } from '../format-event.js';
import { UsageError } from '../UsageError.js';
import type { Command } from './command.js';
import { printIssues } from './parse.js';

/** The port `listen` uses unless told otherwise. */
export const DEFAULT_LISTEN_PORT = 4848;

const help = `Usage: sms-webhooks listen [options]

Runs a local webhook receiver (the sms-webhooks/node handler on node:http) and prints
each verified, normalized event as it arrives: readable, and coloured on a terminal
(NO_COLOR turns colour off), or one JSON object per line with --json. Refused
requests (401, 400 with the failing fields, ...) are reported on standard error.
Prints the URL it listens on first. Every path is accepted. Ctrl-C stops it.

Options:
  --port <n>         the port, 0 for any free one (default ${DEFAULT_LISTEN_PORT})
  --host <host>      the interface to listen on (default 127.0.0.1)
  --provider <id>    accept only this provider: ${providerIdList}
                     (detected from each body when absent)
  --kind <kind>      the TextLink webhook this URL receives: received, sent, failed or
                     tag_changed (inferred from each body when absent)
  --secret <secret>  verify requests with this secret (or set ${SECRET_ENV}): the TextLink
                     body secret, the Text Request API key, the Telmetrics signing key or
                     URL token. Without one, requests are accepted unverified. Never printed.
  --scheme <scheme>  the verification scheme, e.g. url-token for Telmetrics
  --json             print events as JSON lines; status lines go to standard error
  -h, --help         show this help

Examples:
  sms-webhooks listen --provider textrequest --secret test-api-key
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

/** `sms-webhooks listen`: a local receiver that prints every verified event. */
export const listenCommand: Command = {
  name: 'listen',
  summary: 'Run a local receiver that prints each verified event as it arrives',
  help,
  async run(args, context: CliContext) {
    const { values, positionals } = parseCommandArgs(args, {
      port: { type: 'string' },
      host: { type: 'string' },
      provider: { type: 'string' },
      kind: { type: 'string' },
      secret: { type: 'string' },
      scheme: { type: 'string' },
      json: { type: 'boolean' },
    });
    if (positionals.length > 0) throw new UsageError('listen takes no arguments.');
    const port = readPort(values.port, DEFAULT_LISTEN_PORT);
    const host = values.host ?? '127.0.0.1';
    if (host === '') throw new UsageError('--host must not be empty.');
    const provider: ProviderId | undefined = readProvider(values.provider);
    const kind = readParseKind(values.kind, provider);
    const scheme = readScheme(values.scheme, provider);
    const secret = readSecret(values.secret, context.env);
    const json = values.json === true;
    const palette = createPalette(!json && shouldColor(context.env, context.stdoutIsTTY));
    // In JSON mode standard output carries events only; everything else goes to standard error.
    const status = json ? context.err : context.out;

    const printEvent = (event: SmsEvent): void => {
      context.out(json ? `${JSON.stringify(event)}\n` : formatEvent(event, palette));
    };
    const handler = createNodeHandler({
      ...(provider === undefined ? {} : { provider }),
      ...(kind === undefined ? {} : { kind: kind as never }),
      ...(secret === undefined ? {} : { secret }),
      ...(scheme === undefined ? {} : { scheme }),
      onEvent: printEvent,
      onError: (error, info) => {
        const code = palette.red(`${info.status} ${info.code}`);
        context.err(
          `${code}  ${info.method} ${printable(info.path)}${info.provider ? `  ${info.provider}` : ''}\n`,
        );
        if (isSmsWebhookError(error)) printIssues(error, context);
      },
    });

    // Watching for Ctrl-C before the URL is printed: whoever reads the URL may stop us at once.
    const stopped = context.untilSignal();
    const server = createServer((req, res) => {
      void handler(req, res);
    });
    try {
      await listenOn(server, port, host);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      const reason =
        code === 'EADDRINUSE'
          ? `port ${port} is in use; pick another with --port (0 for any free one)`
          : code === 'EACCES'
            ? `no permission to listen on port ${port}`
            : String((error as Error).message);
      throw new CommandFailure(`Cannot listen on ${host}:${port}: ${reason}.`);
    }

    const url = urlOf(server);
    status(`Listening on ${palette.bold(url)}\n`);
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
      const example = `sms-webhooks send ${provider ?? 'textlink'}${extraOptions} --url ${url}${secretOption}`;
      status(palette.dim(`Try: ${example}  (Ctrl-C stops)\n`));
    }

    await stopped;
    await close(server);
    status('Stopped.\n');
    return 0;
  },
};

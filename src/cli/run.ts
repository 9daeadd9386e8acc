import { isSmsWebhookError } from '../errors/SmsWebhookError.js';
import { wantsHelp } from './arguments.js';
import { CommandFailure } from './CommandFailure.js';
import type { Command } from './commands/command.js';
import { fixturesCommand } from './commands/fixtures.js';
import { hooksCommand } from './commands/hooks.js';
import { listenCommand } from './commands/listen.js';
import { parseCommand, printParseError } from './commands/parse.js';
import { replayCommand } from './commands/replay.js';
import { sendCommand } from './commands/send.js';
import type { CliContext } from './context.js';
import { didYouMean } from './did-you-mean.js';
import { printable } from './format-event.js';
import { UsageError } from './UsageError.js';
import { packageVersion } from './version.js';

/** Every command, in the order `--help` lists them. */
export const commands: readonly Command[] = [
  parseCommand,
  sendCommand,
  listenCommand,
  replayCommand,
  fixturesCommand,
  hooksCommand,
];

const commandNames = commands.map((command) => command.name);

const width = Math.max(...commands.map((command) => command.name.length)) + 2;

/** The text of `sms-webhooks --help`. */
export const mainHelp: string = `sms-webhooks: check, send and receive SMS provider webhooks
(Telmetrics, TextLink, Text Request).

Usage: sms-webhooks <command> [options]

Commands:
${commands.map((command) => `  ${command.name.padEnd(width)}${command.summary}`).join('\n')}

Options:
  -h, --help     show this help; "sms-webhooks <command> --help" shows a command's
  -v, --version  print the version

Secrets: pass --secret or set SMS_WEBHOOKS_SECRET. Secrets are never printed.

Exit codes:
  0  success
  1  failure: an invalid payload, a non-2xx answer, a request or server error
  2  usage error: an unknown command or option, a missing or invalid argument
`;

function usageError(message: string, command: Command | undefined, context: CliContext): number {
  const prefix = command ? `sms-webhooks ${command.name}` : 'sms-webhooks';
  context.err(`${prefix}: ${printable(message)}\nRun "${prefix} --help" for usage.\n`);
  return 2;
}

/**
 * Runs the `sms-webhooks` command line with the arguments after the program name and resolves to
 * the exit status: 0 success, 1 failure, 2 usage error.
 */
export async function runCli(argv: readonly string[], context: CliContext): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined) {
    context.err(mainHelp);
    return 2;
  }
  if (name === '-h' || name === '--help') {
    context.out(mainHelp);
    return 0;
  }
  if (name === '-v' || name === '--version') {
    context.out(`${packageVersion()}\n`);
    return 0;
  }
  if (name === 'help') {
    const [topic] = rest;
    const command = commands.find((candidate) => candidate.name === topic);
    if (topic !== undefined && !command) {
      return usageError(
        `Unknown command "${topic}".${didYouMean(topic, commandNames)}`,
        undefined,
        context,
      );
    }
    context.out(command ? command.help : mainHelp);
    return 0;
  }
  const command = commands.find((candidate) => candidate.name === name);
  if (!command) {
    const hint = name.startsWith('-')
      ? `Unknown option "${name}".${didYouMean(name, ['--help', '--version'])}`
      : `Unknown command "${name}".${didYouMean(name, commandNames)}`;
    return usageError(hint, undefined, context);
  }
  if (wantsHelp(rest)) {
    context.out(command.help);
    return 0;
  }
  try {
    return await command.run(rest, context);
  } catch (error) {
    if (error instanceof UsageError) return usageError(error.message, command, context);
    if (error instanceof CommandFailure) {
      context.err(`sms-webhooks ${command.name}: ${printable(error.message)}\n`);
      return 1;
    }
    if (isSmsWebhookError(error)) {
      printParseError(error, context);
      return 1;
    }
    throw error;
  }
}

/**
 * The `sms-webhooks` command line: `parse`, `send`, `listen`, `replay` and `fixtures`. Run
 * `sms-webhooks --help` for the commands and exit codes.
 *
 * @module sms-webhooks/cli
 */
import process from 'node:process';
import { processContext } from './context.js';
import { runCli } from './run.js';

// A reader that goes away (`sms-webhooks fixtures | head -1`) is not an error worth a stack trace.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw error;
});

try {
  process.exitCode = await runCli(process.argv.slice(2), processContext());
} catch (error) {
  // A message only: a stack trace helps nobody at a prompt and may quote what was typed (a URL
  // with a password). SMS_WEBHOOKS_DEBUG=1 shows it for a bug report.
  const detail =
    process.env.SMS_WEBHOOKS_DEBUG === '1'
      ? String((error as Error)?.stack ?? error)
      : `${(error as Error)?.name ?? 'Error'} (run with SMS_WEBHOOKS_DEBUG=1 for details)`;
  process.stderr.write(`sms-webhooks: unexpected error: ${detail}\n`);
  process.exitCode = 1;
}

/**
 * The `sms-webhooks` command line: `parse`, `send`, `listen` and `fixtures`. Run
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
  process.stderr.write(
    `sms-webhooks: unexpected error: ${String((error as Error)?.stack ?? error)}\n`,
  );
  process.exitCode = 1;
}

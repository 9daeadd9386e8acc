import type { CliContext } from '../context.js';

/** One `sms-webhooks` command. */
export interface Command {
  /** The name typed after `sms-webhooks`. */
  readonly name: string;
  /** One line for the command list of `sms-webhooks --help`. */
  readonly summary: string;
  /** The full text of `sms-webhooks <name> --help`. */
  readonly help: string;
  /**
   * Runs the command with the arguments after its name and resolves to the exit status.
   *
   * @throws {UsageError} for a mistake in the arguments (exit status 2).
   * @throws {CommandFailure} for a failure to report in one line (exit status 1).
   */
  run(args: readonly string[], context: CliContext): Promise<number>;
}

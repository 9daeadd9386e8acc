/**
 * A mistake in how the command was called (unknown option, missing argument, invalid value); the
 * command prints it with a pointer to `--help` and exits with status 2.
 */
export class UsageError extends Error {
  /** Always `'UsageError'`. */
  override readonly name: 'UsageError' = 'UsageError';
}

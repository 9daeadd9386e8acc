/**
 * A failure of the command itself (an unreadable file, a refused request, a port in use): printed
 * as one line and answered with exit status 1.
 */
export class CommandFailure extends Error {
  /** Always `'CommandFailure'`. */
  override readonly name: 'CommandFailure' = 'CommandFailure';
}

import process from 'node:process';

/** What a command reads from and writes to; the process's own streams and environment when run. */
export interface CliContext {
  /** Writes to standard output. */
  readonly out: (text: string) => void;
  /** Writes to standard error. */
  readonly err: (text: string) => void;
  /** Standard input. */
  readonly stdin: NodeJS.ReadableStream & { readonly isTTY?: boolean | undefined };
  /** Whether standard output is a terminal. */
  readonly stdoutIsTTY: boolean;
  /** Whether standard error is a terminal. */
  readonly stderrIsTTY: boolean;
  /** The environment variables. */
  readonly env: Readonly<Record<string, string | undefined>>;
  /** Resolves when SIGINT or SIGTERM arrives; used by long-running commands to stop cleanly. */
  readonly untilSignal: () => Promise<NodeJS.Signals>;
}

/** The context of the running process. */
export function processContext(): CliContext {
  return {
    out: (text) => {
      process.stdout.write(text);
    },
    err: (text) => {
      process.stderr.write(text);
    },
    stdin: process.stdin,
    stdoutIsTTY: process.stdout.isTTY === true,
    stderrIsTTY: process.stderr.isTTY === true,
    env: process.env,
    untilSignal: () =>
      new Promise((resolve) => {
        const stop = (signal: NodeJS.Signals): void => {
          process.off('SIGINT', stop);
          process.off('SIGTERM', stop);
          resolve(signal);
        };
        process.on('SIGINT', stop);
        process.on('SIGTERM', stop);
      }),
  };
}

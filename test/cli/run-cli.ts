import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/** The package root, where `node dist/cli.js` runs as a user's `npx sms-webhooks` would. */
export const root: string = fileURLToPath(new URL('../..', import.meta.url));

/** The built bin, as `package.json` names it. */
export const bin: string = fileURLToPath(new URL('../../dist/cli.js', import.meta.url));

/** What a finished CLI process left behind. */
export interface CliResult {
  /** The exit status. */
  readonly code: number | null;
  /** Everything written to standard output. */
  readonly stdout: string;
  /** Everything written to standard error. */
  readonly stderr: string;
}

/** Options of {@link runCli}. */
export interface RunCliOptions {
  /** Written to the process's standard input, which is then closed. */
  readonly input?: string;
  /** Extra environment variables. */
  readonly env?: Readonly<Record<string, string>>;
}

/** The environment of every CLI process: without colour hints or a secret inherited from the test runner. */
function cliEnv(extra: Readonly<Record<string, string>> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const name of ['NO_COLOR', 'FORCE_COLOR', 'SMS_WEBHOOKS_SECRET']) delete env[name];
  return { ...env, ...extra };
}

/** Runs `node dist/cli.js …args` to completion. */
export function runCli(args: readonly string[], options: RunCliOptions = {}): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [bin, ...args], {
      cwd: root,
      env: cliEnv(options.env),
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      stdout += chunk;
    });
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
      stderr += chunk;
    });
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(options.input ?? '');
  });
}

/** A running `sms-webhooks listen` process. */
export interface ListenProcess {
  /** The URL it printed that it listens on. */
  readonly url: string;
  /** Standard output so far. */
  stdout(): string;
  /** Standard error so far. */
  stderr(): string;
  /** Resolves once standard output contains `text`; rejects after `timeoutMs`. */
  waitForOutput(text: string, timeoutMs?: number): Promise<void>;
  /** Sends a signal and resolves with the exit status once the process has ended. */
  stop(signal?: NodeJS.Signals): Promise<number | null>;
}

/** Starts `node dist/cli.js listen …args` and resolves once it has printed its URL. */
export function startListen(
  args: readonly string[],
  options: { readonly env?: Readonly<Record<string, string>> } = {},
): Promise<ListenProcess> {
  const child: ChildProcess = spawn(process.execPath, [bin, 'listen', ...args], {
    cwd: root,
    env: cliEnv(options.env),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  const waiters = new Set<() => void>();
  const notify = (): void => {
    for (const waiter of waiters) waiter();
  };
  child.stdout?.setEncoding('utf8').on('data', (chunk: string) => {
    stdout += chunk;
    notify();
  });
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => {
    stderr += chunk;
    notify();
  });
  const exited = new Promise<number | null>((resolve) => child.on('close', resolve));

  const waitFor = (
    found: () => string | undefined,
    what: string,
    timeoutMs: number,
  ): Promise<string> =>
    new Promise((resolve, reject) => {
      const check = (): void => {
        const value = found();
        if (value === undefined) return;
        cleanup();
        resolve(value);
      };
      const timer = setTimeout(() => {
        cleanup();
        reject(new Error(`Timed out waiting for ${what}.\nstdout: ${stdout}\nstderr: ${stderr}`));
      }, timeoutMs);
      const onExit = (): void => {
        cleanup();
        reject(
          new Error(
            `listen exited while waiting for ${what}.\nstdout: ${stdout}\nstderr: ${stderr}`,
          ),
        );
      };
      const cleanup = (): void => {
        clearTimeout(timer);
        waiters.delete(check);
        child.off('close', onExit);
      };
      waiters.add(check);
      child.once('close', onExit);
      check();
    });

  return waitFor(
    // biome-ignore lint/suspicious/noControlCharactersInRegex: the URL ends where a colour code starts.
    () => /Listening on (?:\u001b\[1m)?(http:\/\/[^\s\u001b]+)/.exec(`${stdout}\n${stderr}`)?.[1],
    'the listening URL',
    10_000,
  )
    .then(
      (url): ListenProcess => ({
        url,
        stdout: () => stdout,
        stderr: () => stderr,
        waitForOutput: (text, timeoutMs = 10_000) =>
          waitFor(
            () => (stdout.includes(text) ? text : undefined),
            JSON.stringify(text),
            timeoutMs,
          ).then(() => undefined),
        stop: (signal = 'SIGTERM') => {
          if (child.exitCode === null && child.signalCode === null) child.kill(signal);
          return exited;
        },
      }),
    )
    .catch((error: unknown) => {
      child.kill('SIGKILL');
      throw error;
    });
}

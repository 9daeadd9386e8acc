import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { freePort, stopProcessGroup } from './process.js';

/** The repository root, where `sms-webhooks` resolves to the built dist/ by its own name. */
export const repositoryRoot: string = fileURLToPath(new URL('../../', import.meta.url));

/** A host file of test/runtimes/hosts/, by name. */
export function hostFile(name: string): string {
  return fileURLToPath(new URL(`../runtimes/hosts/${name}`, import.meta.url));
}

/** A command installed in node_modules/.bin, e.g. `bun`, `deno`, `workerd`. */
export function binary(name: string): string {
  return fileURLToPath(new URL(`../../node_modules/.bin/${name}`, import.meta.url));
}

/** What reached `onEvent` on one route of a host. */
export interface RecordedEvent {
  /** The webhook path whose handler received the event. */
  readonly route: string;
  /** The event, as JSON. */
  readonly event: unknown;
}

/** A server process running one of the hosts, answering on 127.0.0.1. */
export interface RuntimeHost {
  /** The server's origin, e.g. `http://127.0.0.1:51234`. */
  readonly origin: string;
  /** The events recorded since the last call, in the order `onEvent` received them. */
  takeEvents(): Promise<RecordedEvent[]>;
  /** Everything the process printed, for failure messages. */
  output(): string;
  /** Stops the process and everything it started. */
  stop(): Promise<void>;
}

/** How to start a host: the command, given the free port it must listen on. */
export interface RuntimeHostCommand {
  /** The program to run. */
  readonly command: string;
  /** Its arguments, given the port. */
  readonly args: (port: number) => readonly string[];
  /** Variables added to the environment (the port is also passed as `PORT`). */
  readonly env?: Readonly<Record<string, string>>;
  /** Runs before the process starts, given the port (e.g. to write a configuration file). */
  readonly prepare?: (port: number) => Promise<void>;
  /** How long the process may take to answer its first request, in milliseconds. */
  readonly startTimeoutMs?: number;
}

/**
 * Starts a host process on a free port of 127.0.0.1 and waits until it answers `GET /events`.
 * A process that exits or does not answer in time fails with everything it printed.
 */
export async function startRuntimeHost(spec: RuntimeHostCommand): Promise<RuntimeHost> {
  const port = await freePort();
  const origin = `http://127.0.0.1:${port}`;
  let output = '';
  await spec.prepare?.(port);
  const child: ChildProcess = spawn(spec.command, [...spec.args(port)], {
    cwd: repositoryRoot,
    detached: true,
    env: { ...process.env, NODE_ENV: 'production', ...spec.env, PORT: String(port) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout?.on('data', (chunk: Buffer) => {
    output += chunk.toString();
  });
  child.stderr?.on('data', (chunk: Buffer) => {
    output += chunk.toString();
  });
  const spawnError = new Promise<never>((_, reject) => {
    child.once('error', (error) => reject(new Error(`${spec.command} could not start: ${error}`)));
  });
  // Marked as handled: after the start it only matters through `exitCode`.
  spawnError.catch(() => {});
  const host: RuntimeHost = {
    origin,
    async takeEvents() {
      const response = await fetch(`${origin}/events`);
      if (response.status !== 200) throw new Error(`GET /events answered ${response.status}`);
      return (await response.json()) as RecordedEvent[];
    },
    output: () => output,
    stop: () => stopProcessGroup(child),
  };
  const deadline = Date.now() + (spec.startTimeoutMs ?? 60_000);
  try {
    for (;;) {
      if (child.exitCode !== null || child.signalCode !== null) {
        throw new Error(`${spec.command} exited before answering:\n${output}`);
      }
      try {
        await Promise.race([host.takeEvents(), spawnError]);
        return host;
      } catch (error) {
        if (String(error).includes('could not start')) throw error;
      }
      if (Date.now() > deadline) {
        throw new Error(`${spec.command} did not answer on ${origin} in time:\n${output}`);
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  } catch (error) {
    await stopProcessGroup(child);
    throw error;
  }
}

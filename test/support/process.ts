import type { ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { createServer } from 'node:net';

/** Finds a port nobody listens on by letting the system pick one on 127.0.0.1 and releasing it. */
export async function freePort(): Promise<number> {
  const probe = createServer();
  probe.listen(0, '127.0.0.1');
  await once(probe, 'listening');
  const address = probe.address();
  probe.close();
  await once(probe, 'close');
  if (address === null || typeof address === 'string') throw new Error('no port was assigned');
  return address.port;
}

/**
 * Stops a process spawned with `detached: true` and everything it started: SIGTERM to its process
 * group, SIGKILL if it is still running 5 s later. Resolves once it has exited.
 */
export async function stopProcessGroup(child: ChildProcess): Promise<void> {
  const { pid } = child;
  if (pid === undefined || child.exitCode !== null || child.signalCode !== null) return;
  const exited = once(child, 'exit');
  const signalGroup = (signal: NodeJS.Signals): void => {
    try {
      // The negative pid reaches the whole process group, workers included.
      process.kill(-pid, signal);
    } catch {
      // Already gone.
    }
  };
  signalGroup('SIGTERM');
  const timer = setTimeout(() => signalGroup('SIGKILL'), 5_000);
  await exited;
  clearTimeout(timer);
}

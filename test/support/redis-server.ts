import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort, stopProcessGroup } from './process.js';

/** A real `redis-server` on 127.0.0.1, in a temporary folder, that a test can stop and restart. */
export interface RedisServer {
  /** `redis://127.0.0.1:<port>`. */
  readonly url: string;
  /** The port it listens on, the same after a restart. */
  readonly port: number;
  /** Stops the server (it writes its append-only file first); its data survives a restart. */
  stop(): Promise<void>;
  /** Starts it again on the same port and folder. */
  restart(): Promise<void>;
  /** Stops it and deletes its folder. */
  close(): Promise<void>;
}

/** Whether something answers a TCP connection on the port. */
function accepts(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

/**
 * Starts `redis-server` (Debian's package; `.ci/run` installs it) with an append-only file synced
 * on every write, so done events survive a restart. Throws, with the server's output, when it does
 * not start: a test that needs Redis fails rather than skips.
 */
export async function startRedisServer(): Promise<RedisServer> {
  const dir = await mkdtemp(join(tmpdir(), 'sms-webhooks-redis-'));
  const port = await freePort();
  let child: ChildProcess | undefined;

  async function start(): Promise<void> {
    let output = '';
    const started = spawn(
      'redis-server',
      [
        '--bind',
        '127.0.0.1',
        '--port',
        String(port),
        '--dir',
        dir,
        '--save',
        '',
        '--appendonly',
        'yes',
        '--appendfsync',
        'always',
        '--protected-mode',
        'no',
      ],
      { detached: true, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    child = started;
    started.stdout?.on('data', (chunk: Buffer) => (output += chunk));
    started.stderr?.on('data', (chunk: Buffer) => (output += chunk));
    const failed = new Promise<never>((_, reject) => {
      started.once('error', (error) =>
        reject(new Error(`redis-server could not be run (is it installed?): ${error.message}`)),
      );
      started.once('exit', (code) =>
        reject(new Error(`redis-server exited with ${code} before it was ready:\n${output}`)),
      );
    });
    failed.catch(() => {});
    const deadline = Date.now() + 15_000;
    while (!/Ready to accept connections/.test(output) || !(await accepts(port))) {
      if (Date.now() > deadline) throw new Error(`redis-server did not start in 15 s:\n${output}`);
      await Promise.race([new Promise((resolve) => setTimeout(resolve, 50)), failed]);
    }
  }

  async function stop(): Promise<void> {
    if (child) await stopProcessGroup(child);
    child = undefined;
  }

  try {
    await start();
  } catch (error) {
    await stop();
    await rm(dir, { recursive: true, force: true });
    throw error;
  }
  return {
    url: `redis://127.0.0.1:${port}`,
    port,
    stop,
    restart: start,
    async close() {
      await stop();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

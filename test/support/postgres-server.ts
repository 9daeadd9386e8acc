import { execFile } from 'node:child_process';
import { chown, mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { freePort } from './process.js';

const run = promisify(execFile);

/** A real PostgreSQL server on 127.0.0.1, in a temporary folder, that a test can stop and restart. */
export interface PostgresServer {
  /** `postgres://postgres@127.0.0.1:<port>/postgres` (trust authentication, local only). */
  readonly url: string;
  /** Stops the server (fast shutdown); its data survives a restart. */
  stop(): Promise<void>;
  /** Starts it again on the same port and folder. */
  restart(): Promise<void>;
  /** Stops it and deletes its folder. */
  close(): Promise<void>;
}

/** The newest `/usr/lib/postgresql/<version>/bin` (Debian's `postgresql` package). */
async function binDirectory(): Promise<string> {
  const root = '/usr/lib/postgresql';
  const versions = (await readdir(root).catch(() => [] as string[]))
    .filter((name) => /^\d+$/.test(name))
    .sort((a, b) => Number(b) - Number(a));
  if (versions[0] === undefined) {
    throw new Error(`No PostgreSQL server under ${root}; install Debian's postgresql package.`);
  }
  return join(root, versions[0], 'bin');
}

/** initdb and postgres refuse to run as root, so as root the server runs as the `postgres` user. */
async function serverUser(): Promise<{ uid: number; gid: number } | undefined> {
  if (process.getuid?.() !== 0) return undefined;
  const uid = Number((await run('id', ['-u', 'postgres'])).stdout.trim());
  const gid = Number((await run('id', ['-g', 'postgres'])).stdout.trim());
  return { uid, gid };
}

/**
 * Creates a cluster with `initdb` in a temporary folder and starts it with `pg_ctl` on a free port
 * on 127.0.0.1. Throws, with the server's log, when it does not start: a test that needs
 * PostgreSQL fails rather than skips.
 */
export async function startPostgresServer(): Promise<PostgresServer> {
  const bin = await binDirectory();
  const user = await serverUser();
  const dir = await mkdtemp(join(tmpdir(), 'sms-webhooks-postgres-'));
  if (user) await chown(dir, user.uid, user.gid);
  const data = join(dir, 'data');
  const log = join(dir, 'server.log');
  const port = await freePort();
  const asUser = user ? { uid: user.uid, gid: user.gid } : {};

  async function tool(name: string, args: string[]): Promise<void> {
    try {
      await run(join(bin, name), args, { ...asUser, cwd: dir, timeout: 60_000 });
    } catch (error) {
      const { stdout, stderr } = error as { stdout?: string; stderr?: string };
      const serverLog = await run('cat', [log]).then(
        ({ stdout: text }) => text,
        () => '',
      );
      throw new Error(`${name} failed:\n${stdout ?? ''}${stderr ?? ''}\n${serverLog}`);
    }
  }

  async function start(): Promise<void> {
    await tool('pg_ctl', [
      'start',
      '--wait',
      '--timeout=60',
      '-D',
      data,
      '-l',
      log,
      '-o',
      `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off`,
    ]);
  }

  async function stop(): Promise<void> {
    await tool('pg_ctl', ['stop', '--wait', '-m', 'fast', '-D', data]);
  }

  try {
    await tool('initdb', ['-D', data, '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--no-sync']);
    await start();
  } catch (error) {
    await rm(dir, { recursive: true, force: true });
    throw error;
  }
  let running = true;
  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    async stop() {
      await stop();
      running = false;
    },
    async restart() {
      await start();
      running = true;
    },
    async close() {
      if (running) await stop().catch(() => {});
      running = false;
      await rm(dir, { recursive: true, force: true });
    },
  };
}

// Starts throwaway redis-server and PostgreSQL servers on free ports on 127.0.0.1, in temporary
// folders, for `npm run bench` (Debian's redis-server and postgresql packages; .ci/run installs
// them). Each returns { url, close() }; close() stops the server and deletes its folder.
import { execFile, spawn } from 'node:child_process';
import { once } from 'node:events';
import { chown, mkdtemp, readdir, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

async function freePort() {
  const probe = createServer().listen(0, '127.0.0.1');
  await once(probe, 'listening');
  const { port } = probe.address();
  probe.close();
  await once(probe, 'close');
  return port;
}

/** Starts redis-server without persistence and waits until it answers PING. */
export async function startRedis() {
  const dir = await mkdtemp(join(tmpdir(), 'sms-webhooks-bench-redis-'));
  const port = await freePort();
  const child = spawn(
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
      'no',
    ],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let output = '';
  child.stdout.on('data', (chunk) => (output += chunk));
  child.stderr.on('data', (chunk) => (output += chunk));
  const failed = new Promise((_, reject) => {
    child.once('error', reject);
    child.once('exit', (code) => reject(new Error(`redis-server exited with ${code}:\n${output}`)));
  });
  const deadline = Date.now() + 15_000;
  while (!output.includes('Ready to accept connections')) {
    if (Date.now() > deadline) throw new Error(`redis-server did not start:\n${output}`);
    await Promise.race([new Promise((resolve) => setTimeout(resolve, 50)), failed]);
  }
  failed.catch(() => {});
  return {
    url: `redis://127.0.0.1:${port}`,
    async close() {
      const exited = once(child, 'exit');
      child.kill('SIGTERM');
      await exited;
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/** Creates a cluster with initdb and starts it with pg_ctl, as the `postgres` user when root. */
export async function startPostgres() {
  const versions = (await readdir('/usr/lib/postgresql').catch(() => []))
    .filter((name) => /^\d+$/.test(name))
    .sort((a, b) => Number(b) - Number(a));
  if (versions.length === 0) throw new Error('No PostgreSQL under /usr/lib/postgresql.');
  const bin = join('/usr/lib/postgresql', versions[0], 'bin');
  const dir = await mkdtemp(join(tmpdir(), 'sms-webhooks-bench-postgres-'));
  let user = {};
  if (process.getuid?.() === 0) {
    const uid = Number((await run('id', ['-u', 'postgres'])).stdout);
    const gid = Number((await run('id', ['-g', 'postgres'])).stdout);
    await chown(dir, uid, gid);
    user = { uid, gid };
  }
  const data = join(dir, 'data');
  const port = await freePort();
  const tool = (name, args) => run(join(bin, name), args, { ...user, cwd: dir, timeout: 60_000 });
  await tool('initdb', ['-D', data, '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--no-sync']);
  await tool('pg_ctl', [
    'start',
    '--wait',
    '-D',
    data,
    '-l',
    join(dir, 'server.log'),
    '-o',
    `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1`,
  ]);
  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    async close() {
      await tool('pg_ctl', ['stop', '--wait', '-m', 'fast', '-D', data]);
      await rm(dir, { recursive: true, force: true });
    },
  };
}

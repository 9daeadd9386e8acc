// What the HTTP benchmarks share (bench.mjs with http-servers.mjs, compare.mjs with
// compare-server.mjs): the servers run in processes of their own and print JSON lines; a line
// "cpu" on a server's standard input is answered with its CPU time so far, so the driver can tell
// what each request cost the server, which other work on the machine changes far less than it
// changes requests per second.
import { createHmac } from 'node:crypto';
import autocannon from 'autocannon';

/** In a server process: answers each "cpu" line on standard input with `{"cpu": µs}`. */
export function answerCpuQueries() {
  let pending = '';
  process.stdin.setEncoding('utf8');
  process.stdin.on('data', (chunk) => {
    pending += chunk;
    for (let at = pending.indexOf('\n'); at !== -1; at = pending.indexOf('\n')) {
      const line = pending.slice(0, at).trim();
      pending = pending.slice(at + 1);
      if (line === 'cpu') {
        const { user, system } = process.cpuUsage();
        process.stdout.write(`${JSON.stringify({ cpu: user + system })}\n`);
      }
    }
  });
}

/**
 * In the driver: reads a server process's standard output as JSON lines. `nextLine()` resolves to
 * the next one (rejecting once the process has exited); `cpu()` asks for its CPU time in µs.
 */
export function serverLines(child, name) {
  const lines = [];
  const waiting = [];
  let out = '';
  child.stdout.setEncoding('utf8');
  child.stdout.on('data', (chunk) => {
    out += chunk;
    for (let at = out.indexOf('\n'); at !== -1; at = out.indexOf('\n')) {
      const line = JSON.parse(out.slice(0, at));
      out = out.slice(at + 1);
      const next = waiting.shift();
      if (next) next.resolve(line);
      else lines.push(line);
    }
  });
  child.once('exit', (code) => {
    for (const next of waiting.splice(0)) next.reject(new Error(`${name} exited with ${code}`));
  });
  const nextLine = () =>
    lines.length > 0
      ? Promise.resolve(lines.shift())
      : new Promise((resolve, reject) => waiting.push({ resolve, reject }));
  return {
    nextLine,
    cpu: async () => {
      child.stdin.write('cpu\n');
      return (await nextLine()).cpu;
    },
  };
}

/**
 * Loads one route with autocannon (16 connections) for `seconds`, signing the body as Text
 * Request does when `apiKey` is given, and refuses a run in which any request failed. Returns
 * requests/s, p99 latency (ms) and the server's CPU time per answered request, in µs.
 */
export async function loadRoute({ url, body, apiKey, seconds, cpu }) {
  const headers = { 'content-type': 'application/json' };
  if (apiKey !== undefined) {
    const timestamp = String(Math.floor(Date.now() / 1000));
    headers['x-tr-webhook-timestamp'] = timestamp;
    headers['x-tr-webhook-signature'] = createHmac('sha256', apiKey)
      .update(`${timestamp}.${body}`)
      .digest('base64');
  }
  const before = await cpu();
  const result = await autocannon({
    url,
    method: 'POST',
    headers,
    body,
    connections: 16,
    duration: seconds,
  });
  const used = (await cpu()) - before;
  const failed = result.non2xx + result.errors + result.timeouts;
  if (failed > 0 || result.requests.total === 0) {
    throw new Error(`${url}: ${failed} failed of ${result.requests.total} requests`);
  }
  return {
    rps: result.requests.average,
    p99: result.latency.p99,
    cpuPerRequest: used / result.requests.total,
  };
}

import { connect } from 'node:net';

/** A response as a test reads it. */
export interface SentResponse {
  /** The HTTP status. */
  readonly status: number;
  /** The response headers. */
  readonly headers: Headers;
  /** The body text. */
  readonly text: string;
  /** The body parsed as JSON, or `undefined` when it is not JSON. */
  readonly json: unknown;
}

/** Every response body received through {@link send}, to check afterwards that none leaks a secret. */
export const receivedBodies: string[] = [];

/** Sends a request with `fetch`, as a provider would (JSON content type unless told otherwise). */
export async function send(
  url: string,
  init: {
    readonly method?: string;
    readonly body?: string | Uint8Array;
    readonly headers?: Readonly<Record<string, string>>;
  } = {},
): Promise<SentResponse> {
  const response = await fetch(url, {
    method: init.method ?? 'POST',
    headers: { 'content-type': 'application/json', ...init.headers },
    ...(init.body === undefined
      ? {}
      : { body: typeof init.body === 'string' ? init.body : new Uint8Array(init.body) }),
  });
  const text = await response.text();
  receivedBodies.push(text);
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status: response.status, headers: response.headers, text, json };
}

/**
 * Sends `request` (a whole HTTP/1.1 request, with `connection: close`) on a raw socket to
 * 127.0.0.1:`port` and returns every byte that came back until the server closed: what a client
 * receives before any parsing, to check framing a `fetch` would hide.
 */
export function rawExchange(port: number, request: string): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1');
    const parts: Buffer[] = [];
    socket.on('data', (data: Buffer) => parts.push(data));
    socket.on('error', reject);
    socket.on('end', () => resolve(Buffer.concat(parts)));
    socket.end(request);
  });
}

/** The result of {@link sendEndlessBody}. */
export interface EndlessBodyResult {
  /** The response status. */
  readonly status: number;
  /** The response body text. */
  readonly text: string;
  /** How many body bytes the server had taken when its response arrived. */
  readonly bytesSent: number;
  /** How many it had taken half a second later; a server that kept reading takes hundreds of MiB more. */
  readonly bytesSentLater: number;
  /** How long the response took, in milliseconds. */
  readonly elapsedMs: number;
}

/**
 * Reads the first HTTP/1.1 response in what a raw socket received, its body framed by its own
 * `Content-Length` or chunked encoding: a host may answer more on the same connection afterwards
 * (`@hono/node-server` with Node 20 sometimes answers the refused body's bytes with its own
 * `400 Bad Request`), which is not part of the handler's answer.
 */
export function firstResponse(received: Buffer): { status: number; text: string } {
  const separator = received.indexOf('\r\n\r\n');
  if (separator < 0)
    return { status: Number(received.subarray(9, 12).toString('latin1')), text: '' };
  const head = received.subarray(0, separator).toString('latin1').split('\r\n');
  const status = Number(head[0]?.slice(9, 12));
  const header = (name: string): string | undefined =>
    head
      .slice(1)
      .find((line) => line.slice(0, line.indexOf(':')).trim().toLowerCase() === name)
      ?.slice(name.length + 1)
      .trim();
  let rest = received.subarray(separator + 4);
  const length = header('content-length');
  if (length !== undefined)
    return { status, text: rest.subarray(0, Number(length)).toString('utf8') };
  if (header('transfer-encoding')?.toLowerCase() !== 'chunked')
    return { status, text: rest.toString('utf8') };
  const parts: Buffer[] = [];
  for (;;) {
    const lineEnd = rest.indexOf('\r\n');
    if (lineEnd < 0) break;
    const size = Number.parseInt(rest.subarray(0, lineEnd).toString('latin1'), 16);
    if (!(size > 0)) break;
    parts.push(rest.subarray(lineEnd + 2, lineEnd + 2 + size));
    rest = rest.subarray(lineEnd + 2 + size + 2);
  }
  return { status, text: Buffer.concat(parts).toString('utf8') };
}

/**
 * Posts an endless body, chunked or with a huge `Content-Length`, writing only as fast as the server
 * takes it, and reports how much the server had taken when it answered and half a second later.
 *
 * This uses a raw socket rather than `fetch`, because `fetch` stops uploading once a response
 * arrives and so cannot tell a server that stopped reading from one that reads on to discard.
 */
export function sendEndlessBody(
  url: string,
  framing: 'chunked' | 'content-length' = 'chunked',
): Promise<EndlessBodyResult> {
  const { hostname, port, pathname } = new URL(url);
  const chunk = Buffer.alloc(64 * 1024, 0x20);
  const frame =
    framing === 'chunked'
      ? Buffer.concat([
          Buffer.from(`${chunk.byteLength.toString(16)}\r\n`),
          chunk,
          Buffer.from('\r\n'),
        ])
      : chunk;
  const framingHeader =
    framing === 'chunked' ? 'transfer-encoding: chunked' : `content-length: ${1024 * 1024 * 1024}`;
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const socket = connect(Number(port), hostname);
    let bytesSent = 0;
    let answeredAt = -1;
    let elapsedMs = 0;
    let received = Buffer.alloc(0);
    let finished = false;
    const finish = (): void => {
      finished = true;
      socket.destroy();
      const { status, text } = firstResponse(received);
      receivedBodies.push(text);
      resolve({ status, text, bytesSent: answeredAt, bytesSentLater: bytesSent, elapsedMs });
    };
    // Writes fail with EPIPE or ECONNRESET once a server that stopped reading closes the connection.
    socket.on('error', () => {});
    socket.on('data', (data: Buffer) => {
      received = Buffer.concat([received, data]);
      if (answeredAt < 0 && received.includes('\r\n\r\n')) {
        answeredAt = bytesSent;
        elapsedMs = performance.now() - started;
        setTimeout(finish, 500);
      }
    });
    socket.on('close', () => {
      if (answeredAt < 0 && !finished)
        reject(new Error('the connection closed without a response'));
    });
    socket.write(
      `POST ${pathname} HTTP/1.1\r\nhost: ${hostname}:${port}\r\ncontent-type: application/json\r\n${framingHeader}\r\n\r\n`,
    );
    const pump = (): void => {
      while (!finished && !socket.destroyed) {
        bytesSent += chunk.byteLength;
        if (!socket.write(frame)) {
          socket.once('drain', pump);
          return;
        }
      }
    };
    pump();
  });
}

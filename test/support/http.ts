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
      const raw = received.toString('utf8');
      const separator = raw.indexOf('\r\n\r\n');
      const status = Number(raw.slice(9, 12));
      const text = separator < 0 ? '' : raw.slice(separator + 4);
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

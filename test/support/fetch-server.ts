import type { IncomingMessage, RequestListener } from 'node:http';

/** A Web handler, as `createFetchHandler` returns and Bun, Deno or Hono would call it. */
export type WebHandler = (request: Request) => Promise<Response>;

/** Streams a Node request body into a Web `ReadableStream` that pauses the socket on cancel. */
function bodyStream(req: IncomingMessage): ReadableStream<Uint8Array> {
  let cancelled = false;
  return new ReadableStream<Uint8Array>({
    start(controller) {
      req.on('data', (chunk: Buffer) => {
        if (cancelled) return;
        controller.enqueue(new Uint8Array(chunk));
        if ((controller.desiredSize ?? 0) <= 0) req.pause();
      });
      req.on('end', () => {
        if (!cancelled) controller.close();
      });
      req.on('error', (error) => {
        if (!cancelled) controller.error(error);
      });
      req.pause();
    },
    pull() {
      req.resume();
    },
    cancel() {
      cancelled = true;
      req.pause();
    },
  });
}

/**
 * Turns a Web handler into a Node request listener, the way Web-standard servers (Bun, Deno,
 * `@hono/node-server`) hand handlers real `Request` objects whose body streams from the socket.
 */
export function toNodeListener(handler: WebHandler): RequestListener {
  return (req, res) => {
    const headers = new Headers();
    for (const [name, value] of Object.entries(req.headers)) {
      if (value === undefined) continue;
      for (const item of Array.isArray(value) ? value : [value]) headers.append(name, item);
    }
    const method = req.method ?? 'GET';
    // The origin is fixed: a Host header must not be able to add a path or query to the URL.
    const request = new Request(`http://127.0.0.1${req.url ?? '/'}`, {
      method,
      headers,
      ...(method === 'GET' || method === 'HEAD' ? {} : { body: bodyStream(req), duplex: 'half' }),
    } as RequestInit);
    void handler(request).then(async (response) => {
      res.statusCode = response.status;
      response.headers.forEach((value, name) => {
        res.setHeader(name, value);
      });
      const body = new Uint8Array(await response.arrayBuffer());
      res.setHeader('content-length', String(body.byteLength));
      // The handler stopped reading an oversized body; closing keeps Node from reading the rest.
      if (!req.complete) res.setHeader('connection', 'close');
      res.end(body);
    });
  };
}

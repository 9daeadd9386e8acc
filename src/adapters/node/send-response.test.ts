import { createServer, type Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rawExchange } from '../../../test/support/http.js';
import { sendResponse } from './send-response.js';

// Each request's path picks the body the server answers with.
const bodies: Record<string, string> = {
  '/ascii': '{"ok":true}',
  '/two-byte': '{"path":"café"}',
  '/pair': '{"path":"🎉"}',
  '/lone': '{"path":"a\ud800b"}',
  '/mixed': `{"path":"${'x'.repeat(300)}é\udfff🎉"}`,
};

let server: Server;
let port: number;

beforeAll(async () => {
  server = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      const body = bodies[req.url ?? ''] ?? '';
      sendResponse(req, res, {
        status: 200,
        headers: { 'content-type': 'application/json' },
        body,
      });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as { port: number }).port;
});

afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
});

/** The head and the bytes after it, of a GET answered on a raw socket, as they arrived. */
async function rawGet(path: string): Promise<{ head: string; body: Buffer }> {
  const received = await rawExchange(
    port,
    `GET ${path} HTTP/1.1\r\nhost: 127.0.0.1\r\nconnection: close\r\n\r\n`,
  );
  const split = received.indexOf('\r\n\r\n');
  return {
    head: received.subarray(0, split).toString('latin1'),
    body: received.subarray(split + 4),
  };
}

describe('sendResponse', () => {
  it.each(Object.keys(bodies))('declares the length of the bytes it sends for %s', async (path) => {
    const { head, body } = await rawGet(path);
    const declared = /\r\ncontent-length: (\d+)/i.exec(head)?.[1];
    // The bytes that arrived, up to the connection's end, are exactly the declared length.
    expect(Number(declared)).toBe(body.byteLength);
    expect(body.byteLength).toBe(Buffer.byteLength(bodies[path] as string, 'utf8'));
  });
});

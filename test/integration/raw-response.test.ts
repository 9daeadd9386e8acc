import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { firstResponse, rawExchange } from '../support/http.js';

const answer = '{"ok":false,"error":{"code":"payload_too_large"}}';
const trailing = 'HTTP/1.1 400 Bad Request\r\nConnection: close\r\n\r\n';

/** What a raw socket receives from a real node:http server answering `answer` with its own framing. */
async function receivedFrom(chunked: boolean): Promise<Buffer> {
  const server = createServer((_request, response) => {
    response.statusCode = 413;
    response.setHeader('content-type', 'application/json');
    if (!chunked) response.setHeader('content-length', Buffer.byteLength(answer));
    response.write(answer.slice(0, 20));
    response.end(answer.slice(20));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const bytes = await rawExchange(
    port,
    'POST / HTTP/1.1\r\nhost: x\r\nconnection: close\r\ncontent-length: 2\r\n\r\n{}',
  );
  server.close();
  return bytes;
}

describe('firstResponse (how the suites read a response off a raw socket)', () => {
  it.each([false, true])('reads the first response only, chunked: %s', async (chunked) => {
    const received = await receivedFrom(chunked);
    // The server framed it as asked: by length, or in chunks (two writes, so more than one).
    expect(received.toString('latin1').toLowerCase()).toContain(
      chunked ? 'transfer-encoding: chunked' : 'content-length: 49',
    );
    for (const extra of ['', trailing]) {
      const result = firstResponse(Buffer.concat([received, Buffer.from(extra)]));
      expect(result).toEqual({ status: 413, text: answer });
    }
  });

  it('keeps a response without framing whole, and answers no body before the headers end', () => {
    expect(firstResponse(Buffer.from('HTTP/1.1 200 OK\r\nconnection: close\r\n\r\nhello'))).toEqual(
      {
        status: 200,
        text: 'hello',
      },
    );
    expect(firstResponse(Buffer.from('HTTP/1.1 413 Payload Too Large\r\ncontent-'))).toEqual({
      status: 413,
      text: '',
    });
  });
});

import { createServer, type RequestListener } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A server listening on 127.0.0.1 for one test file. */
export interface TestServer {
  /** The server's origin, e.g. `http://127.0.0.1:51234`. */
  readonly origin: string;
  /** Stops listening and drops open connections. */
  close(): Promise<void>;
}

/** Starts an HTTP server with a request listener (a Node handler or an Express app) on a free port. */
export async function startServer(listener: RequestListener): Promise<TestServer> {
  const server = createServer(listener);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

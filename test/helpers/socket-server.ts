import { createServer, type RequestListener, type Server } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

/** How the fake goes away: stop listening (connection refused) or accept and reset every socket. */
export type DownMode = 'refuse' | 'reset';

export type SocketServer = {
  url: string;
  /** Cuts every open connection, then refuses or resets new ones until `up()`. */
  down(mode?: DownMode): Promise<void>;
  /** Serves again on the same port. */
  up(): Promise<void>;
  close(): Promise<void>;
};

/** An HTTP server on 127.0.0.1 (a free port) that a test can take down and bring back. */
export async function startSocketServer(listener: RequestListener): Promise<SocketServer> {
  const server = createServer(listener);
  const sockets = new Set<Socket>();
  let isResetting = false;
  server.on('connection', (socket) => {
    if (isResetting) return void socket.resetAndDestroy();
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
  });
  await listen(server, 0);
  const { port } = server.address() as AddressInfo;
  const cutAll = () => {
    for (const socket of sockets) socket.destroy();
  };
  const stop = () =>
    new Promise<void>((resolve) => {
      if (!server.listening) return resolve();
      server.close(() => resolve());
      cutAll();
    });
  return {
    url: `http://127.0.0.1:${port}`,
    async down(mode = 'refuse') {
      if (mode === 'reset') {
        isResetting = true;
        cutAll();
      } else await stop();
    },
    async up() {
      isResetting = false;
      if (!server.listening) await listen(server, port);
    },
    async close() {
      isResetting = false;
      await stop();
    },
  };
}

function listen(server: Server, port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
}

/**
 * A session's one-shot loopback port (DESIGN.md "Sessions": it accepts only the RDP client Hako
 * started). It listens on 127.0.0.1, port 0, and hands over the first connection whose connecting socket
 * is held by the client process or by a process the client started (`ConnectionPeers`: the owning PID
 * from GetExtendedTcpTable on Windows, the socket inode in procfs on Linux). Every other connection is
 * closed at once — one that arrives before the client has been started, one from any other process,
 * one whose owner cannot be told — and the port keeps waiting for the client; the session's timeout
 * bounds the wait. Once the client's connection is taken the listener closes, so later connections are
 * refused by the system.
 *
 * Peers are checked a few at a time ({@link MAX_CHECKS}); a connection beyond that is closed unchecked, so
 * a flood of connections costs bounded work (a process that floods the port can still delay the real
 * client, as it could by any other means of using the machine).
 */
import net from 'node:net';
import type { ConnectionPeers } from '../ports.js';

export const MAX_CHECKS = 8;

export interface OneShotListenerOptions {
  readonly peers: ConnectionPeers;
  /** The client's process id once it has been started; null before. */
  clientPid(): number | null;
}

export interface OneShotListener {
  readonly port: number;
  /** Settles only with the client's connection (the session's timeout bounds the wait). */
  readonly connection: Promise<net.Socket>;
  /** Connections closed because they were not the client's. */
  readonly refused: number;
  close(): void;
}

/** Listens; resolves once the port is open. Rejects when `close` comes first or listening fails. */
export function listenOnce(options: OneShotListenerOptions): Promise<OneShotListener> {
  let accept!: (socket: net.Socket) => void;
  const connection = new Promise<net.Socket>((resolve) => {
    accept = resolve;
  });
  let taken = false;
  let closed = false;
  let checking = 0;
  let refused = 0;
  const refuse = (socket: net.Socket) => {
    refused++;
    socket.destroy();
  };

  const server = net.createServer((socket) => {
    socket.on('error', () => undefined);
    const pid = options.clientPid();
    if (taken || closed || pid === null || checking >= MAX_CHECKS || socket.remoteAddress === undefined || socket.remotePort === undefined) {
      refuse(socket);
      return;
    }
    checking++;
    const client = { address: socket.remoteAddress, port: socket.remotePort };
    const local = { address: socket.localAddress ?? '127.0.0.1', port: socket.localPort ?? 0 };
    options.peers
      .isFrom(client, local, pid)
      .catch(() => false)
      .then((ours) => {
        checking--;
        if (!ours || taken || closed || socket.destroyed) {
          refuse(socket);
          return;
        }
        taken = true;
        server.close();
        accept(socket);
      });
  });

  return new Promise((resolve, reject) => {
    server.once('close', () => reject(new Error('The listener was closed before it listened.')));
    server.once('error', reject);
    server.listen({ host: '127.0.0.1', port: 0, exclusive: true }, () => {
      server.removeListener('error', reject);
      server.on('error', () => undefined);
      resolve({
        port: (server.address() as net.AddressInfo).port,
        connection,
        get refused() {
          return refused;
        },
        close() {
          closed = true;
          server.close();
        },
      });
    });
  });
}

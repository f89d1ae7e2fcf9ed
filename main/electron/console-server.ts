/**
 * The Electron shell's console endpoint: a WebSocket server on 127.0.0.1, port 0, that accepts exactly
 * one kind of connection — an upgrade of `/console` from a loopback peer naming this host exactly, with
 * the Origin `app://hako` — and hands it to the console proxy. Everything else gets 403. A local program
 * can forge the Origin header, but it would still need a console ticket's one-time token, which only
 * Hako's window can obtain (over Electron IPC from our main frame), and the token opens one connection
 * to one VM within 30 s. No Electron here: the shell passes the accept function.
 */
import http from 'node:http';
import { type AddressInfo } from 'node:net';
import { type Duplex } from 'node:stream';
import { CONSOLE_SOCKET_PATH } from '../../app/session/console.js';
import { consoleSocketServer, wsConsoleSocket } from '../host/console-socket.js';
import { isLoopbackAddress } from '../host/server.js';
import { type ConsoleSocket } from '../services/screen/console-socket.js';
import { APP_ORIGIN } from './origin.js';

export interface ConsoleServer {
  /** `ws://127.0.0.1:<port>/console`. */
  readonly url: string;
  close(): Promise<void>;
}

export async function startConsoleServer(accept: (socket: ConsoleSocket) => void): Promise<ConsoleServer> {
  let authority = '';
  const wss = consoleSocketServer();
  const refuse = (socket: Duplex) => {
    socket.on('error', () => undefined);
    socket.end('HTTP/1.1 403 Forbidden\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
    socket.once('finish', () => socket.destroy());
  };
  const server = http.createServer((_req, res) => {
    res.writeHead(403, { 'Content-Type': 'text/plain; charset=utf-8', 'Content-Length': '9' });
    res.end('Forbidden');
  });
  server.on('upgrade', (req, socket, head) => {
    const allowed =
      authority !== '' &&
      isLoopbackAddress(req.socket.remoteAddress) &&
      (req.headers.host ?? '').toLowerCase() === authority &&
      req.url === CONSOLE_SOCKET_PATH &&
      req.headers.origin === APP_ORIGIN &&
      (req.headers.upgrade ?? '').toLowerCase() === 'websocket';
    if (!allowed) return refuse(socket);
    wss.handleUpgrade(req, socket, head, (ws) => accept(wsConsoleSocket(ws)));
  });
  server.on('clientError', (_error, socket) => socket.destroy());
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen({ host: '127.0.0.1', port: 0, exclusive: true }, () => {
      server.off('error', reject);
      resolve();
    });
  });
  authority = `127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url: `ws://${authority}${CONSOLE_SOCKET_PATH}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
        wss.close();
      }),
  };
}

/**
 * The console endpoints' side of a console WebSocket (the browser host's `/console`, Electron's loopback
 * console server): `ws` adapted to the proxy's ConsoleSocket, and the limits both endpoints apply.
 */
import { WebSocketServer, type RawData, type WebSocket } from 'ws';
import { type ConsoleSocket } from '../services/screen/console-socket.js';

/** IronRDP's messages to the proxy are input events and small PDUs; a larger frame closes the socket. */
export const CONSOLE_MAX_FRAME_BYTES = 1024 * 1024;
/** How long a closing handshake may take before the socket is destroyed. */
const CLOSE_GRACE_MS = 1_000;

/** A WebSocketServer for console connections, for `handleUpgrade` (the caller owns the HTTP server). */
export function consoleSocketServer(): WebSocketServer {
  // No subprotocol: IronRDP opens the URL exactly as given; authentication is RDCleanPath's proxy_auth.
  return new WebSocketServer({ noServer: true, maxPayload: CONSOLE_MAX_FRAME_BYTES, perMessageDeflate: false, clientTracking: false });
}

function bytes(data: RawData): Uint8Array {
  if (Array.isArray(data)) return Buffer.concat(data);
  return Buffer.isBuffer(data) ? data : new Uint8Array(data);
}

export function wsConsoleSocket(ws: WebSocket): ConsoleSocket {
  ws.on('error', () => undefined); // 'close' follows
  return {
    onMessage: (listener) => ws.on('message', (data, isBinary) => listener(bytes(data), isBinary)),
    onClose: (listener) => ws.once('close', () => listener()),
    send(data, sent) {
      if (ws.readyState !== ws.OPEN) {
        sent?.();
        return;
      }
      ws.send(data, { binary: true }, () => sent?.());
    },
    get bufferedAmount() {
      return ws.bufferedAmount;
    },
    pause: () => ws.pause(),
    resume: () => ws.resume(),
    close(code, reason) {
      if (ws.readyState === ws.CLOSED) return;
      ws.close(code, reason.slice(0, 120));
      setTimeout(() => ws.terminate(), CLOSE_GRACE_MS).unref();
    },
  };
}

/**
 * The browser host: serves the built renderer over HTTP on a loopback address and the IPC contract
 * over a WebSocket at `/ipc`, so Hako runs in any Chromium (off Windows, on the stand-ins; end-to-end
 * tests). It knows nothing of the services: it is given the contract's `Dispatch` and an event source.
 *
 * Who may talk to it: only a loopback peer, naming the host exactly in its `Host` header (no DNS
 * rebinding). The static files carry nothing secret and need nothing more. The WebSocket at `/ipc` needs
 * an `Origin` exactly equal to the host's own, and then the per-run secret as its first message,
 * `{"type":"auth","secret":"…"}`, within AUTH_TIMEOUT_MS; until then the host answers nothing, and a
 * wrong or missing secret closes the socket with code 4401. The secret travels in the printed URL's
 * fragment (`/#secret=…`), which browsers never send to a server, and the page keeps it in its
 * sessionStorage; the host sets no cookie (cookies ignore ports, so any other local server would be
 * sent one). Everything else gets 403 (an upgrade: 403 and a closed socket). Every response carries the
 * app's CSP.
 *
 * The console: a WebSocket at `/console` (the same Origin check as `/ipc`) is handed to `onConsole`, the
 * RDCleanPath proxy, which authenticates it by the one-time token in its first message (app/session/
 * console.ts). `console.html` is served with its own CSP (app/ipc/csp.ts) and `X-Frame-Options:
 * SAMEORIGIN`, so the VM page can frame it; every other response keeps `DENY`.
 *
 * Protocol (JSON text frames), after the auth message: `{id, channel, input?}` → `{id, envelope}`; events
 * `{event, payload}`, held per connection until that connection's client has called `app.ready`.
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { realpath, stat } from 'node:fs/promises';
import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import { isIP, type AddressInfo } from 'node:net';
import path from 'node:path';
import { type Duplex } from 'node:stream';
import { WebSocketServer, type RawData, type WebSocket } from 'ws';
import { channelOf, type EventName, type Envelope } from '../../app/ipc/contract.js';
import { CHANNEL_PREFIX } from '../../app/ipc/channels.js';
import { consolePolicy, CSP_DIRECTIVES, policyText, SECURITY_HEADERS } from '../../app/ipc/csp.js';
import { CONSOLE_DOCUMENT, CONSOLE_SOCKET_PATH } from '../../app/session/console.js';
import { type ConsoleSocket } from '../services/screen/console-socket.js';
import { consoleSocketServer, wsConsoleSocket } from './console-socket.js';
import { badRequest, type Dispatch } from '../../app/ipc/dispatch.js';
import { EventGate } from '../ipc/event-gate.js';
import { contentTypeOf, fileInside, realFileInside, requestPath } from '../static-files.js';

/** Main → renderer events (the composition root's `EventSource` fits). */
export interface HostEventSource {
  subscribe(listener: (name: EventName, payload: unknown) => void): () => void;
}

export interface HostLog {
  warn(message: string): void;
}

export interface BrowserHostOptions {
  readonly dispatch: Dispatch;
  readonly events?: HostEventSource;
  /** The built renderer (out/renderer). Nothing outside it is ever served. */
  readonly staticDir: string;
  /** 0 (the default) takes an ephemeral port. */
  readonly port?: number;
  /** A loopback address: 127.x.x.x or ::1. Anything else is refused. */
  readonly host?: string;
  /** The per-run secret; random (32 bytes, base64url) unless given (tests). */
  readonly secret?: string;
  readonly log?: HostLog;
  /** Console connections (Origin checked), for the RDCleanPath proxy; without it `/console` is refused. */
  readonly onConsole?: (socket: ConsoleSocket) => void;
}

export interface BrowserHost {
  /** `http://127.0.0.1:<port>/#secret=…`: what the user opens. */
  readonly url: string;
  /** `http://127.0.0.1:<port>`: the only Origin the WebSocket accepts. */
  readonly origin: string;
  readonly port: number;
  /** `ws://127.0.0.1:<port>/console`: the console proxy's URL. */
  readonly consoleUrl: string;
  close(): Promise<void>;
}

export const IPC_PATH = '/ipc';
/** Larger messages are answered with BadRequest (when their id can be read) and otherwise ignored. */
export const MAX_MESSAGE_BYTES = 1024 * 1024;
/** Larger frames close the connection (ws answers 1009 before reading them). */
const MAX_FRAME_BYTES = 4 * MAX_MESSAGE_BYTES;
/** A client that reads nothing while this much waits to be sent is cut off. */
const MAX_BUFFERED_BYTES = 16 * 1024 * 1024;
const MAX_QUEUED_EVENTS = 10_000;
const MAX_ID_LENGTH = 64;
/** How long a new socket has to send the secret. */
export const AUTH_TIMEOUT_MS = 2_000;
/** The close code for a missing or wrong secret (4000–4999 are the application's; 401 as in HTTP). */
export const AUTH_FAILED_CLOSE_CODE = 4401;

export function isLoopbackAddress(address: string | undefined): boolean {
  if (address === undefined) return false;
  const plain = address.toLowerCase().startsWith('::ffff:') ? address.slice(7) : address;
  if (isIP(plain) === 4) return plain.startsWith('127.');
  return plain === '::1' || plain === '0:0:0:0:0:0:0:1';
}

const digest = (text: string): Buffer => createHash('sha256').update(text, 'utf8').digest();

/** The id of a message that could not be parsed, when it starts with one (as our client writes them). */
function leadingId(text: string): number | string | undefined {
  const match = /^\s*\{\s*"id"\s*:\s*(?:(\d{1,15})|"([A-Za-z0-9_.:-]{1,64})")\s*[,}]/.exec(text.slice(0, 128));
  if (match === null) return undefined;
  return match[1] !== undefined ? Number(match[1]) : match[2];
}

const isId = (id: unknown): id is number | string =>
  (typeof id === 'number' && Number.isSafeInteger(id) && id >= 0) || (typeof id === 'string' && id.length > 0 && id.length <= MAX_ID_LENGTH);

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

function rawText(data: RawData): string {
  if (Array.isArray(data)) return Buffer.concat(data).toString('utf8');
  return Buffer.isBuffer(data) ? data.toString('utf8') : Buffer.from(data).toString('utf8');
}

function rawSize(data: RawData): number {
  if (Array.isArray(data)) return data.reduce((sum, chunk) => sum + chunk.length, 0);
  return data.byteLength;
}

/**
 * The app's policy, with the host's own WebSocket named in `connect-src` as well: CSP 3 lets 'self'
 * match it, but not every browser Hako may be opened in does.
 */
export function hostPolicy(socketOrigin: string): string {
  return policyText(CSP_DIRECTIVES, [socketOrigin]);
}

interface Connection {
  readonly socket: WebSocket;
  readonly gate: EventGate<string>;
  /** Set once the first message carried the secret; nothing else is read or sent before. */
  authenticated: boolean;
}

export async function startBrowserHost(options: BrowserHostOptions): Promise<BrowserHost> {
  const { dispatch, events, log } = options;
  const host = options.host ?? '127.0.0.1';
  if (!((isIP(host) === 4 && host.startsWith('127.')) || host === '::1')) {
    throw new Error(`the browser host binds to a loopback address only (127.0.0.1 or ::1), not ${JSON.stringify(host)}`);
  }
  const secret = options.secret ?? randomBytes(32).toString('base64url');
  if (!/^[A-Za-z0-9_-]{16,256}$/.test(secret)) throw new Error('the secret must be 16 to 256 base64url characters');
  const secretDigest = digest(secret);
  const secretMatches = (candidate: string): boolean => timingSafeEqual(digest(candidate), secretDigest);
  const staticRoot = path.resolve(options.staticDir);

  // Set once listening; nothing is answered before.
  let origin = '';
  let hostHeader = '';
  let baseHeaders: Record<string, string> = {};
  let consoleHeaders: Record<string, string> = {};

  const connections = new Set<Connection>();

  // ---- checks shared by HTTP and the upgrade ----

  /** The request target as a URL on our own origin; null for anything but an origin-form target. */
  const targetOf = (req: IncomingMessage): URL | null => {
    const target = req.url ?? '';
    if (!target.startsWith('/')) return null;
    try {
      // Concatenated, not resolved: `//evil.example/` stays a path on our origin.
      return new URL(origin + target);
    } catch {
      return null;
    }
  };

  const peerAndHostOk = (req: IncomingMessage): boolean =>
    origin !== '' && isLoopbackAddress(req.socket.remoteAddress) && (req.headers.host ?? '').toLowerCase() === hostHeader;

  // ---- HTTP ----

  const send = (res: ServerResponse, status: number, body = '', headers: Record<string, string> = {}): void => {
    res.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store', 'Content-Length': String(Buffer.byteLength(body)), ...headers });
    res.end(res.req.method === 'HEAD' ? undefined : body);
  };

  /** The file under the static root a path names, or null; symbolic links may not lead out of the root. */
  const resolveStatic = async (pathname: string): Promise<string | null> => {
    const request = requestPath(pathname);
    if (request === null) return null;
    const segments = request.trailingSlash ? [...request.segments, 'index.html'] : request.segments;
    const file = fileInside(staticRoot, segments, path);
    return file === null ? null : realFileInside(staticRoot, file, path, { realpath, stat });
  };

  const serveStatic = async (req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> => {
    const file = await resolveStatic(url.pathname);
    if (file === null) return send(res, 404, 'Not found');
    if (url.pathname === `/${CONSOLE_DOCUMENT}`) for (const [name, value] of Object.entries(consoleHeaders)) res.setHeader(name, value);
    const type = contentTypeOf(file);
    const info = await stat(file);
    res.writeHead(200, {
      'Content-Type': type,
      'Content-Length': String(info.size),
      'Cache-Control': type.startsWith('text/html') ? 'no-store' : 'no-cache',
    });
    if (req.method === 'HEAD') {
      res.end();
      return;
    }
    const stream = createReadStream(file);
    stream.on('error', () => res.destroy());
    stream.pipe(res);
  };

  const onRequest = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    for (const [name, value] of Object.entries(baseHeaders)) res.setHeader(name, value);
    if (!peerAndHostOk(req)) return send(res, 403, 'Forbidden');
    const url = targetOf(req);
    if (url === null) return send(res, 400, 'Bad request');
    if (req.method !== 'GET' && req.method !== 'HEAD') return send(res, 405, 'Method not allowed', { Allow: 'GET, HEAD' });
    if (url.pathname === IPC_PATH || url.pathname === CONSOLE_SOCKET_PATH) return send(res, 426, 'Upgrade required', { Upgrade: 'websocket', Connection: 'Upgrade' });
    await serveStatic(req, res, url);
  };

  // ---- WebSocket ----

  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_FRAME_BYTES, perMessageDeflate: false, clientTracking: false });
  const consoleWss = consoleSocketServer();
  const consoleSockets = new Set<WebSocket>();

  const refuseUpgrade = (socket: Duplex): void => {
    socket.on('error', () => undefined);
    if (!socket.writable) {
      socket.destroy();
      return;
    }
    socket.once('finish', () => socket.destroy());
    socket.end('HTTP/1.1 403 Forbidden\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
  };

  const onUpgrade = (req: IncomingMessage, socket: Duplex, head: Buffer): void => {
    const url = peerAndHostOk(req) ? targetOf(req) : null;
    const allowed = url !== null && req.headers.origin === origin && (req.headers.upgrade ?? '').toLowerCase() === 'websocket';
    if (allowed && url.pathname === IPC_PATH) return wss.handleUpgrade(req, socket, head, (ws) => onConnection(ws));
    const onConsole = options.onConsole;
    if (allowed && url.pathname === CONSOLE_SOCKET_PATH && onConsole) {
      return consoleWss.handleUpgrade(req, socket, head, (ws) => {
        consoleSockets.add(ws);
        ws.once('close', () => consoleSockets.delete(ws));
        onConsole(wsConsoleSocket(ws));
      });
    }
    refuseUpgrade(socket);
  };

  /** Closes with the auth code, and for good even if the peer never completes the closing handshake. */
  const refuseSocket = (ws: WebSocket, reason: string): void => {
    ws.close(AUTH_FAILED_CLOSE_CODE, reason);
    setTimeout(() => ws.terminate(), 1_000).unref();
  };

  const sendText = (ws: WebSocket, text: string): void => {
    if (ws.readyState !== ws.OPEN) return;
    if (ws.bufferedAmount > MAX_BUFFERED_BYTES) {
      log?.warn('browser host: a client stopped reading; closing its connection');
      ws.terminate();
      return;
    }
    ws.send(text);
  };

  const answer = (ws: WebSocket, id: number | string, envelope: Envelope<unknown>): void => {
    let text: string;
    try {
      text = JSON.stringify({ id, envelope });
    } catch {
      text = JSON.stringify({ id, envelope: { ok: false, error: { code: 'Internal', message: 'the result could not be serialised' } } });
    }
    sendText(ws, text);
  };

  /** The first message: the secret, exactly `{"type":"auth","secret":"…"}`, or the socket closes. */
  const authenticate = (connection: Connection, data: RawData, isBinary: boolean): void => {
    let message: unknown = null;
    if (!isBinary && rawSize(data) <= 1024) {
      try {
        message = JSON.parse(rawText(data));
      } catch {
        message = null;
      }
    }
    const ok =
      isRecord(message) &&
      Object.keys(message).length === 2 &&
      message.type === 'auth' &&
      typeof message.secret === 'string' &&
      message.secret.length <= 256 &&
      secretMatches(message.secret);
    if (ok) connection.authenticated = true;
    else refuseSocket(connection.socket, 'open the address hako host printed');
  };

  const onMessage = async (connection: Connection, data: RawData, isBinary: boolean): Promise<void> => {
    const ws = connection.socket;
    if (!connection.authenticated) return authenticate(connection, data, isBinary);
    if (isBinary) return;
    const text = rawText(data);
    if (rawSize(data) > MAX_MESSAGE_BYTES) {
      const id = leadingId(text);
      if (id !== undefined) answer(ws, id, { ok: false, error: badRequest(`message larger than ${MAX_MESSAGE_BYTES} bytes`) });
      return;
    }
    let message: unknown;
    try {
      message = JSON.parse(text);
    } catch {
      const id = leadingId(text);
      if (id !== undefined) answer(ws, id, { ok: false, error: badRequest('message is not JSON') });
      return;
    }
    if (!isRecord(message) || !isId(message.id)) return;
    const { id, channel } = message;
    const extra = Object.keys(message).find((key) => key !== 'id' && key !== 'channel' && key !== 'input');
    if (extra !== undefined) return answer(ws, id, { ok: false, error: badRequest(`unexpected field "${extra.slice(0, 50)}" in message`) });
    if (typeof channel !== 'string' || !channel.startsWith(CHANNEL_PREFIX)) {
      return answer(ws, id, { ok: false, error: badRequest('message has no "hako:" channel') });
    }
    const name = channel.slice(CHANNEL_PREFIX.length);
    let envelope: Envelope<unknown>;
    try {
      envelope = await dispatch(name, message.input);
    } catch (error) {
      envelope = { ok: false, error: { code: 'Internal', message: error instanceof Error ? error.message : String(error) } };
    }
    answer(ws, id, envelope);
    // The answer first, then what waited: the client has its listeners in place by now.
    if (name === 'app.ready' && envelope.ok) connection.gate.open();
  };

  const onConnection = (ws: WebSocket): void => {
    const connection: Connection = { socket: ws, gate: new EventGate<string>((text) => sendText(ws, text), MAX_QUEUED_EVENTS), authenticated: false };
    connections.add(connection);
    const deadline = setTimeout(() => {
      if (!connection.authenticated) refuseSocket(ws, 'no secret in time');
    }, AUTH_TIMEOUT_MS);
    deadline.unref();
    ws.once('close', () => clearTimeout(deadline));
    ws.on('message', (data, isBinary) => {
      onMessage(connection, data, isBinary).catch((error: unknown) => log?.warn(`browser host: message handling failed: ${String(error)}`));
    });
    ws.on('error', () => undefined); // e.g. an oversized frame; 'close' follows
    ws.on('close', () => connections.delete(connection));
  };

  const unsubscribe = events?.subscribe((name, payload) => {
    if (connections.size === 0) return;
    let text: string;
    try {
      text = JSON.stringify({ event: channelOf(name), payload });
    } catch (error) {
      log?.warn(`browser host: event ${name} could not be serialised: ${String(error)}`);
      return;
    }
    for (const connection of connections) if (connection.authenticated) connection.gate.push(text);
  });

  // ---- start ----

  const server = http.createServer((req, res) => {
    onRequest(req, res).catch(() => {
      if (!res.headersSent) send(res, 500, 'Internal error');
      else res.destroy();
    });
  });
  server.on('upgrade', onUpgrade);
  server.on('clientError', (error: NodeJS.ErrnoException, socket) => {
    // Oversize headers get their status (RFC 6585); anything else malformed just loses the connection.
    if (error.code === 'HPE_HEADER_OVERFLOW' && socket.writable) socket.end('HTTP/1.1 431 Request Header Fields Too Large\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
    else socket.destroy();
  });

  try {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen({ port: options.port ?? 0, host, exclusive: true }, () => {
        server.off('error', reject);
        resolve();
      });
    });
  } catch (error) {
    unsubscribe?.();
    throw error;
  }

  const port = (server.address() as AddressInfo).port;
  const authority = isIP(host) === 6 ? `[${host}]:${port}` : `${host}:${port}`;
  hostHeader = authority.toLowerCase();
  baseHeaders = { ...SECURITY_HEADERS, 'Content-Security-Policy': hostPolicy(`ws://${authority}`), 'X-Frame-Options': 'DENY' };
  const consoleUrl = `ws://${authority}${CONSOLE_SOCKET_PATH}`;
  consoleHeaders = { 'Content-Security-Policy': consolePolicy(consoleUrl), 'X-Frame-Options': 'SAMEORIGIN' };
  origin = `http://${authority}`;

  let closing: Promise<void> | null = null;
  return {
    url: `${origin}/#secret=${secret}`,
    origin,
    port,
    consoleUrl,
    close() {
      closing ??= new Promise<void>((resolve) => {
        unsubscribe?.();
        for (const { socket } of connections) {
          socket.close(1001, 'Hako is closing');
          setTimeout(() => socket.terminate(), 500).unref();
        }
        for (const socket of consoleSockets) socket.terminate();
        server.close(() => resolve());
        server.closeIdleConnections();
        wss.close();
        consoleWss.close();
      });
      return closing;
    },
  };
}

/**
 * Rigs for the console proxy's tests and benchmark: a console WebSocket in memory (the browser's end),
 * the X.224 PDUs of an RDP connection, and a fake RDP server on a Unix socket that answers the
 * Connection Request as told and then speaks TLS with a test certificate (test/fixtures/console).
 */
import { existsSync, readFileSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import tls from 'node:tls';
import { type ConsoleSocket } from '../../main/services/screen/console-socket.js';
import { encodePdu, RDCLEANPATH_VERSION } from '../../main/services/screen/rdcleanpath.js';

/** test/fixtures/console, found upwards from here (this module may run bundled, e.g. in out/bench). */
function fixtures(): string {
  for (let dir = import.meta.dirname; ; dir = path.dirname(dir)) {
    const candidate = path.join(dir, 'test', 'fixtures', 'console');
    if (existsSync(candidate)) return candidate;
    if (path.dirname(dir) === dir) throw new Error('test/fixtures/console not found above ' + import.meta.dirname);
  }
}
const FIXTURES = fixtures();
/** A throw-away self-signed certificate and key for the fake servers (never used for anything else). */
export const TEST_CERT = readFileSync(path.join(FIXTURES, 'console-test.crt'), 'utf8');
export const TEST_KEY = readFileSync(path.join(FIXTURES, 'console-test.key'), 'utf8');
/** The test certificate as DER, as the proxy must send it in `server_cert_chain`. */
export const TEST_CERT_DER = new Uint8Array(new (await import('node:crypto')).X509Certificate(TEST_CERT).raw);

// ---- X.224 ----

/** A Connection Request as IronRDP 0.7.0 sends it: cookie `mstshash=`, RDP_NEG_REQ for `protocols`. */
export function connectionRequest(protocols = 0x1): Uint8Array {
  const cookie = Buffer.from('Cookie: mstshash=\r\n', 'latin1');
  const negotiation = [0x01, 0x00, 0x08, 0x00, protocols & 0xff, 0x00, 0x00, 0x00];
  const x224 = [0xe0, 0x00, 0x00, 0x00, 0x00, 0x00];
  const body = [...x224, ...cookie, ...negotiation];
  const length = 4 + 1 + body.length;
  return Uint8Array.from([0x03, 0x00, length >> 8, length & 0xff, body.length, ...body]);
}

/** A Connection Confirm: `selected` protocol, a `failure` code, or no negotiation data (standard RDP security). */
export function connectionConfirm(answer: { selected: number } | { failure: number } | 'none'): Uint8Array {
  const x224 = [0xd0, 0x00, 0x00, 0x12, 0x34, 0x00];
  const negotiation = answer === 'none' ? [] : 'selected' in answer ? [0x02, 0x1f, 0x08, 0x00, answer.selected, 0x00, 0x00, 0x00] : [0x03, 0x00, 0x08, 0x00, answer.failure, 0x00, 0x00, 0x00];
  const body = [...x224, ...negotiation];
  const length = 4 + 1 + body.length;
  return Uint8Array.from([0x03, 0x00, 0x00, length, body.length, ...body]);
}

/** The RDCleanPath request IronRDP sends first. */
export function requestPdu(token: string, x224 = connectionRequest(), extra: { destination?: string } = {}): Uint8Array {
  return encodePdu({ version: RDCLEANPATH_VERSION, destination: extra.destination ?? 'localhost:3389', proxyAuth: token, x224ConnectionPdu: x224 });
}

// ---- the browser's end ----

export interface ReceivedClose {
  readonly code: number;
  readonly reason: string;
}

/** A ConsoleSocket whose other end the test drives: what the proxy sends lands in `sent`. */
export class MemoryConsoleSocket implements ConsoleSocket {
  readonly sent: Uint8Array[] = [];
  closed: ReceivedClose | null = null;
  bufferedAmount = 0;
  paused = false;
  private messageListener: ((data: Uint8Array, binary: boolean) => void) | null = null;
  private closeListener: (() => void) | null = null;
  private readonly waiters: (() => void)[] = [];

  onMessage(listener: (data: Uint8Array, binary: boolean) => void): void {
    this.messageListener = listener;
  }
  onClose(listener: () => void): void {
    this.closeListener = listener;
  }
  send(data: Uint8Array, sent?: () => void): void {
    if (this.closed !== null) return;
    this.sent.push(new Uint8Array(data));
    this.wake();
    if (sent) queueMicrotask(sent);
  }
  pause(): void {
    this.paused = true;
  }
  resume(): void {
    this.paused = false;
  }
  close(code: number, reason: string): void {
    if (this.closed !== null) return;
    this.closed = { code, reason };
    this.wake();
    queueMicrotask(() => this.closeListener?.());
  }

  // ---- the browser's side ----

  /** The browser sends a message. */
  deliver(data: Uint8Array, binary = true): void {
    this.messageListener?.(data, binary);
  }
  /** The browser goes away. */
  drop(): void {
    if (this.closed !== null) return;
    this.closed = { code: 1006, reason: 'the browser went away' };
    this.closeListener?.();
  }
  /** Everything the proxy sent, in one buffer. */
  bytes(): Buffer {
    return Buffer.concat(this.sent);
  }
  /** Resolves once `condition` holds (checked after every send and close). */
  async until(condition: () => boolean, timeoutMs = 5_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!condition()) {
      if (Date.now() > deadline) throw new Error('the console socket did not get what was expected in time');
      await new Promise<void>((resolve) => {
        this.waiters.push(resolve);
        setTimeout(resolve, 50);
      });
    }
  }
  private wake(): void {
    for (const waiter of this.waiters.splice(0)) waiter();
  }
}

// ---- a fake RDP server ----

export type ServerAnswer =
  /** Confirm TLS, then be a TLS server (echo unless `onSecure` takes over). */
  | { readonly kind: 'tls'; readonly onSecure?: (socket: tls.TLSSocket) => void }
  /** Write these bytes, then keep the connection open. */
  | { readonly kind: 'bytes'; readonly bytes: Uint8Array; readonly thenClose?: boolean }
  /** Confirm TLS, then close instead of a handshake. */
  | { readonly kind: 'tls-then-close' }
  /** Never answer. */
  | { readonly kind: 'silent' };

export interface FakeRdpServer {
  /** The Unix socket, or `127.0.0.1:<port>` for a TCP server. */
  readonly path: string;
  /** The TCP port (0 for a Unix socket). */
  readonly port: number;
  /** The Connection Requests received, in order. */
  readonly requests: Buffer[];
  /** Connections that are open now. */
  readonly open: Set<net.Socket>;
  /** Resolves once every connection the server accepted has closed. */
  allClosed(timeoutMs?: number): Promise<void>;
  close(): Promise<void>;
}

/** An RDP server on the Unix socket `socketPath` (or TCP on 127.0.0.1 when null) that answers every connection with `answer`. */
export async function startFakeRdpServer(socketPath: string | null, answer: ServerAnswer): Promise<FakeRdpServer> {
  const requests: Buffer[] = [];
  const open = new Set<net.Socket>();
  const server = net.createServer((socket) => {
    open.add(socket);
    socket.on('error', () => undefined);
    socket.once('close', () => open.delete(socket));
    let buffer = Buffer.alloc(0);
    const onData = (chunk: Buffer) => {
      buffer = Buffer.concat([buffer, chunk]);
      if (buffer.length < 4) return;
      const length = buffer.readUInt16BE(2);
      if (buffer.length < length) return;
      socket.removeListener('data', onData);
      socket.pause();
      requests.push(buffer.subarray(0, length));
      respond(socket, answer);
    };
    socket.on('data', onData);
  });
  await new Promise<void>((resolve) => (socketPath === null ? server.listen(0, '127.0.0.1', resolve) : server.listen(socketPath, resolve)));
  const port = socketPath === null ? (server.address() as net.AddressInfo).port : 0;
  return {
    path: socketPath ?? `127.0.0.1:${port}`,
    port,
    requests,
    open,
    async allClosed(timeoutMs = 5_000) {
      const deadline = Date.now() + timeoutMs;
      while (open.size > 0) {
        if (Date.now() > deadline) throw new Error(`${open.size} server connection(s) still open`);
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of open) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

function respond(socket: net.Socket, answer: ServerAnswer): void {
  if (answer.kind === 'silent') return;
  if (answer.kind === 'bytes') {
    socket.write(answer.bytes);
    if (answer.thenClose) socket.end();
    return;
  }
  socket.write(connectionConfirm({ selected: 0x1 }));
  if (answer.kind === 'tls-then-close') {
    socket.destroy();
    return;
  }
  const secure = new tls.TLSSocket(socket, { isServer: true, key: TEST_KEY, cert: TEST_CERT });
  secure.on('error', () => undefined);
  if (answer.onSecure) answer.onSecure(secure);
  else secure.pipe(secure);
  socket.resume();
}

/**
 * The renderer's transport to the browser host: the contract over a WebSocket to `/ipc` on the page's
 * own origin, authenticated by the per-run secret sent as the first message of every connection. Runs
 * in the browser; pure apart from the global WebSocket and timers, so app/ can hold it.
 *
 * Calls made while the socket is (re)connecting wait for it, up to `connectTimeoutMs`. A call already
 * sent when the socket closes fails with a {@link HakoApiError} coded `Disconnected`: it may or may not
 * have run, so it is never sent again. The socket reconnects with exponential back-off, and once the
 * renderer has called `app.ready` every new connection repeats it, so events keep flowing. A host that
 * refuses the secret (closes with 4401: it was restarted, with a new secret) ends the transport for good.
 */
import { channelOf, HakoApiError, type Envelope, type ErrorInfoDto } from './contract.js';
import { type Transport } from './client.js';

// Timers exist in every runtime the renderer runs in; app/'s typings leave them out.
declare function setTimeout(callback: () => void, ms: number): unknown;
declare function clearTimeout(handle: unknown): void;

/** The part of the WHATWG WebSocket this transport uses (the browser's, or `ws` in Node tests). */
export interface WebSocketLike {
  readonly readyState: number;
  send(data: string): void;
  close(code?: number, reason?: string): void;
  onopen: ((event: unknown) => void) | null;
  onmessage: ((event: { readonly data: unknown }) => void) | null;
  onclose: ((event: unknown) => void) | null;
  onerror: ((event: unknown) => void) | null;
}

export type ConnectionStatus = 'connecting' | 'open' | 'closed';

/** The close code of a host that refused the secret (main/host/server.ts). */
export const AUTH_FAILED = 4401;

export interface WebSocketTransportOptions {
  /** `ws://127.0.0.1:<port>/ipc`; see {@link hostSocketUrl}. */
  readonly url: string;
  /** The host's per-run secret, sent first on every connection (the host answers nothing before). */
  readonly secret: string;
  /** Opens a socket; the global WebSocket by default. */
  readonly createSocket?: (url: string) => WebSocketLike;
  readonly minBackoffMs?: number;
  readonly maxBackoffMs?: number;
  /** How long a call waits for a connection before it fails with `Disconnected`. */
  readonly connectTimeoutMs?: number;
  /** Connection changes, e.g. to show "reconnecting…" in the UI. */
  readonly onStatus?: (status: ConnectionStatus) => void;
}

export interface WebSocketTransport extends Transport {
  readonly status: ConnectionStatus;
  /** Closes for good: pending and later calls fail with `Disconnected`. */
  close(): void;
}

/** The code of the error calls fail with when the connection is (or was) lost. */
export const DISCONNECTED = 'Disconnected';

const READY_CHANNEL = channelOf('app.ready');
const OPEN = 1;

/** The host's WebSocket URL for a page it served (`location`). */
export function hostSocketUrl(location: { readonly protocol: string; readonly host: string }): string {
  return `${location.protocol === 'https:' ? 'wss:' : 'ws:'}//${location.host}/ipc`;
}

function globalSocket(url: string): WebSocketLike {
  const Ctor = (globalThis as { WebSocket?: new (url: string) => unknown }).WebSocket;
  if (Ctor === undefined) throw new Error('this runtime has no WebSocket');
  return new Ctor(url) as WebSocketLike;
}

const disconnected = (message: string): HakoApiError => new HakoApiError({ code: DISCONNECTED, message });

function isEnvelope(value: unknown): value is Envelope<unknown> {
  if (typeof value !== 'object' || value === null) return false;
  const { ok, error } = value as { ok?: unknown; error?: unknown };
  if (ok === true) return true;
  if (ok !== false || typeof error !== 'object' || error === null) return false;
  const info = error as Partial<ErrorInfoDto>;
  return typeof info.code === 'string' && typeof info.message === 'string';
}

interface Pending {
  resolve(envelope: Envelope<unknown>): void;
  reject(error: Error): void;
}

interface Outgoing extends Pending {
  readonly id: number;
  readonly channel: string;
  readonly text: string;
  timer: unknown;
}

export function createWebSocketTransport(options: WebSocketTransportOptions): WebSocketTransport {
  const createSocket = options.createSocket ?? globalSocket;
  const minBackoff = options.minBackoffMs ?? 250;
  const maxBackoff = options.maxBackoffMs ?? 5_000;
  const connectTimeout = options.connectTimeoutMs ?? 10_000;

  let socket: WebSocketLike | null = null;
  let status: ConnectionStatus = 'connecting';
  let closedForGood = false;
  let attempts = 0;
  let reconnectTimer: unknown = null;
  let nextId = 1;
  let readyRequested = false;
  const pending = new Map<number, Pending>();
  const outbox: Outgoing[] = [];
  const listeners = new Map<string, Set<(payload: unknown) => void>>();

  const setStatus = (next: ConnectionStatus): void => {
    if (status === next) return;
    status = next;
    options.onStatus?.(next);
  };

  const transmit = (ws: WebSocketLike, message: Outgoing): void => {
    pending.set(message.id, message);
    ws.send(message.text);
  };

  const receive = (data: unknown): void => {
    if (typeof data !== 'string') return;
    let message: unknown;
    try {
      message = JSON.parse(data);
    } catch {
      return;
    }
    if (typeof message !== 'object' || message === null) return;
    const { id, envelope, event, payload } = message as { id?: unknown; envelope?: unknown; event?: unknown; payload?: unknown };
    if (typeof id === 'number') {
      const call = pending.get(id);
      if (call === undefined) return;
      pending.delete(id);
      call.resolve(isEnvelope(envelope) ? envelope : { ok: false, error: { code: 'Internal', message: 'the host sent a malformed answer' } });
    } else if (typeof event === 'string') {
      for (const listener of [...(listeners.get(event) ?? [])]) {
        try {
          listener(payload);
        } catch (error) {
          // One broken listener must not starve the others; report it where uncaught errors go.
          setTimeout(() => {
            throw error;
          }, 0);
        }
      }
    }
  };

  const failPending = (message: string): void => {
    const calls = [...pending.values()];
    pending.clear();
    for (const call of calls) call.reject(disconnected(message));
  };

  const scheduleReconnect = (): void => {
    if (closedForGood || reconnectTimer !== null) return;
    const delay = Math.min(maxBackoff, minBackoff * 2 ** attempts) * (0.5 + Math.random() / 2);
    attempts++;
    reconnectTimer = setTimeout(() => {
      reconnectTimer = null;
      connect();
    }, delay);
  };

  const connect = (): void => {
    if (closedForGood) return;
    setStatus('connecting');
    let ws: WebSocketLike;
    try {
      ws = createSocket(options.url);
    } catch {
      scheduleReconnect();
      return;
    }
    socket = ws;
    ws.onopen = () => {
      if (socket !== ws) return;
      attempts = 0;
      ws.send(JSON.stringify({ type: 'auth', secret: options.secret }));
      setStatus('open');
      // A new connection starts with its events held back: say again that the UI is ready.
      if (readyRequested && !outbox.some((m) => m.channel === READY_CHANNEL)) {
        const id = nextId++;
        transmit(ws, { id, channel: READY_CHANNEL, text: JSON.stringify({ id, channel: READY_CHANNEL }), timer: null, resolve: () => undefined, reject: () => undefined });
      }
      for (const message of outbox.splice(0)) {
        clearTimeout(message.timer);
        transmit(ws, message);
      }
    };
    ws.onmessage = (event) => {
      if (socket === ws) receive(event.data);
    };
    ws.onerror = () => undefined; // 'close' follows
    ws.onclose = (event) => {
      if (socket !== ws) return;
      socket = null;
      failPending('The connection to Hako was lost before the call completed.');
      // A refused secret will be refused again: this page belongs to a host that is gone.
      if ((event as { code?: unknown } | null)?.code === AUTH_FAILED) transport.close();
      if (closedForGood) return;
      setStatus('connecting');
      scheduleReconnect();
    };
  };

  const transport: WebSocketTransport = {
    get status() {
      return status;
    },

    invoke(channel, input) {
      if (closedForGood) return Promise.reject(disconnected('The connection to Hako is closed.'));
      const id = nextId++;
      let text: string;
      try {
        text = JSON.stringify({ id, channel, input });
      } catch {
        return Promise.resolve({ ok: false, error: { code: 'BadRequest', message: `${channel}: the input cannot be sent` } });
      }
      if (channel === READY_CHANNEL) readyRequested = true;
      return new Promise<Envelope<unknown>>((resolve, reject) => {
        const message: Outgoing = { id, channel, text, timer: null, resolve, reject };
        if (socket !== null && socket.readyState === OPEN && status === 'open') {
          transmit(socket, message);
          return;
        }
        message.timer = setTimeout(() => {
          const index = outbox.indexOf(message);
          if (index >= 0) outbox.splice(index, 1);
          reject(disconnected('Hako cannot be reached.'));
        }, connectTimeout);
        outbox.push(message);
      });
    },

    subscribe(channel, listener) {
      let set = listeners.get(channel);
      if (set === undefined) listeners.set(channel, (set = new Set()));
      // Each subscription is its own entry, even for the same function.
      const entry = (payload: unknown) => listener(payload);
      set.add(entry);
      return () => {
        set.delete(entry);
      };
    },

    close() {
      if (closedForGood) return;
      closedForGood = true;
      if (reconnectTimer !== null) clearTimeout(reconnectTimer);
      reconnectTimer = null;
      const ws = socket;
      socket = null;
      ws?.close(1000, 'closed');
      failPending('The connection to Hako is closed.');
      for (const message of outbox.splice(0)) {
        clearTimeout(message.timer);
        message.reject(disconnected('The connection to Hako is closed.'));
      }
      setStatus('closed');
    },
  };

  connect();
  return transport;
}

/**
 * One serial console: Hako as the client of a VM's COM-port pipe, the output on its way to the UI, and
 * the keystrokes back (console-service.ts says who drives it).
 *
 * Back-pressure: every byte read from the pipe is handed to the UI at once and counted until the UI
 * acknowledges it (`ack`: the terminal has written it). When the unacknowledged bytes reach
 * {@link PAUSE_AT} of the window (1 MiB), the socket is paused: Node stops reading the pipe, the pipe's
 * buffers fill, and the VM's side waits, as a serial line with flow control would. Main then holds at
 * most the window — what the UI has not acknowledged, plus at most one read (64 KiB) that Node's socket
 * buffers — however much the VM sends; reading resumes when the UI is down to half the window. While
 * reading is paused the console is `throttled`.
 *
 * Reconnecting: the console connects while the VM has a compute system (Starting to Stopping), retrying
 * with back-off while the pipe is not there yet, and returns to `vm-stopped` when the VM stops; a restart
 * therefore reconnects by itself, and connecting during Starting catches the firmware's first lines.
 */
import net from 'node:net';
import { HakoError } from '../../../app/errors/error-info.js';
import type { ComPortName } from '../../../app/console/com-ports.js';

export type ConsoleState = 'connecting' | 'open' | 'vm-stopped' | 'closed';

/** The most a console holds for the UI: sent to it and not yet acknowledged. */
export const CONSOLE_WINDOW_BYTES = 1024 * 1024;
/** Reading stops here: one more read (at most 64 KiB, libuv's read size) stays within the window. */
export const PAUSE_AT = CONSOLE_WINDOW_BYTES - 64 * 1024;
/** Reading resumes once the UI is down to this. */
export const RESUME_AT = CONSOLE_WINDOW_BYTES / 2;
/** Input waiting to go to the VM beyond which more is refused (ConsoleBusy). */
export const MAX_PENDING_INPUT = 256 * 1024;

export interface SerialConsoleDeps {
  /** The pipe the VM's port is connected to now (the file may change between connects), or null. */
  pipeName(): string | null;
  /** The local path to connect to for a pipe name (pipe-path.ts). */
  pipePath(pipeName: string): string;
  /** The VM has a compute system, so its pipes can be there. */
  live(): boolean;
  output(console: SerialConsole, data: Buffer): void;
  changed(console: SerialConsole): void;
  readonly connectTimeoutMs: number;
  readonly maxRetryMs: number;
}

export class SerialConsole {
  state: ConsoleState = 'vm-stopped';
  /** The pipe of the current or last connection. */
  pipe: string | null = null;
  /** Why the console closed by itself (no pipe configured), for the state event. */
  error: HakoError | null = null;
  private socket: net.Socket | null = null;
  private retry: NodeJS.Timeout | null = null;
  private attempts = 0;
  private unacknowledged = 0;
  private paused = false;

  constructor(
    readonly id: string,
    readonly vmPath: string,
    readonly port: ComPortName,
    private readonly deps: SerialConsoleDeps,
  ) {}

  get throttled(): boolean {
    return this.paused;
  }

  /** Bytes sent to the UI and not acknowledged. */
  get inFlight(): number {
    return this.unacknowledged;
  }

  /** Looks at the VM again (it changed state, or the console was just made). */
  vmChanged(): void {
    if (this.state === 'closed') return;
    if (!this.deps.live()) {
      this.drop('vm-stopped');
      return;
    }
    if (this.socket === null && this.retry === null) this.connect();
  }

  /** The UI has written `bytes` more bytes. */
  ack(bytes: number): void {
    this.unacknowledged = Math.max(0, this.unacknowledged - bytes);
    if (this.paused && this.unacknowledged <= RESUME_AT) {
      this.paused = false;
      this.socket?.resume();
      this.deps.changed(this);
    }
  }

  /** A UI that starts afresh (it reloaded): what the previous one did not acknowledge is gone with it. */
  restartWindow(): void {
    this.ack(Number.POSITIVE_INFINITY);
  }

  write(data: Buffer): void {
    const socket = this.socket;
    if (this.state !== 'open' || socket === null) {
      throw new HakoError('ConsoleNotOpen', `${this.port} is not connected now (${this.state}).`, { port: this.port, state: this.state });
    }
    if (socket.writableLength + data.length > MAX_PENDING_INPUT) {
      throw new HakoError('ConsoleBusy', `The VM is not reading ${this.port}; the input was not sent.`, { port: this.port, pending: socket.writableLength });
    }
    socket.write(data);
  }

  close(): void {
    if (this.state === 'closed') return;
    this.drop('closed');
  }

  private setState(state: ConsoleState): void {
    if (this.state === state) return;
    this.state = state;
    this.deps.changed(this);
  }

  private drop(state: ConsoleState): void {
    if (this.retry) clearTimeout(this.retry);
    this.retry = null;
    const socket = this.socket;
    this.socket = null;
    socket?.destroy();
    this.setState(state);
  }

  private connect(): void {
    const pipe = this.deps.pipeName();
    if (pipe === null) {
      this.error = new HakoError('ConsoleNotConfigured', `The VM has no named pipe for ${this.port} any more.`, { port: this.port });
      this.drop('closed');
      return;
    }
    this.pipe = pipe;
    this.setState('connecting');
    const socket = net.connect({ path: this.deps.pipePath(pipe) });
    this.socket = socket;
    if (this.paused) socket.pause();
    const timer = setTimeout(() => socket.destroy(), this.deps.connectTimeoutMs);
    socket.on('error', () => undefined); // 'close' follows and decides
    socket.once('connect', () => {
      clearTimeout(timer);
      this.attempts = 0;
      if (this.socket === socket) this.setState('open');
    });
    socket.on('data', (chunk: Buffer) => {
      if (this.socket === socket) this.received(chunk);
    });
    socket.once('close', () => {
      clearTimeout(timer);
      if (this.socket !== socket) return;
      this.socket = null;
      this.reconnectLater();
    });
  }

  private received(chunk: Buffer): void {
    this.unacknowledged += chunk.length;
    this.deps.output(this, chunk);
    if (!this.paused && this.unacknowledged >= PAUSE_AT) {
      this.paused = true;
      this.socket?.pause();
      this.deps.changed(this);
    }
  }

  /** The connection ended or never came: the VM may be stopping, or its pipe not there yet. */
  private reconnectLater(): void {
    if (this.state === 'closed') return;
    if (!this.deps.live()) {
      this.setState('vm-stopped');
      return;
    }
    this.setState('connecting');
    const delay = Math.min(this.deps.maxRetryMs, 100 * 2 ** Math.min(this.attempts++, 10));
    this.retry = setTimeout(() => {
      this.retry = null;
      if (this.state !== 'closed' && this.socket === null && this.deps.live()) this.connect();
    }, delay);
  }
}

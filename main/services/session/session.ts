/**
 * One session: the bridge between an RDP client Hako started and a VM's session pipe (the steps are in
 * session-service.ts), and everything it opened, which `end` closes whatever step it is in. The one-shot
 * port hands over only a connection from that client or a process it started (one-shot-listener.ts);
 * connections from anyone else are closed and counted (`refusedPeers`).
 */
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import net from 'node:net';
import path from 'node:path';
import { HakoError } from '../../../app/errors/error-info.js';
import { encodeRdpFile } from '../../../app/session/rdp-file.js';
import { type SessionMode } from '../../../app/session/mode.js';
import { type VmConfig } from '../../../app/config/index.js';
import { type VmState } from '../../../app/vm/state.js';
import type { ConnectionPeers } from '../ports.js';
import { type LaunchClient, type SessionClientProcess } from './client-launcher.js';
import { listenOnce, type OneShotListener } from './one-shot-listener.js';

/** The VM a session is for: a VmSnapshot fits. */
export interface SessionVm {
  readonly path: string;
  /** The HCS id, which names the pipes. */
  readonly id: string;
  readonly state: VmState;
  readonly config: VmConfig | null;
}

/** Where VM state changes come from: VmService fits. */
export interface SessionVmEvents {
  onChange(listener: (vm: { readonly path: string; readonly state: VmState }) => void): () => void;
}

export interface SessionServiceOptions {
  /** The local path to connect to for a pipe name: the name itself on Windows; see `hostPipePath`. */
  pipePath(pipeName: string): string;
  /** null: no client is configured here, and `connect` fails with NoRdpClient. */
  /** The RDP client to start, asked at each connect (the preference may have changed); null: none here. */
  rdpClient(): LaunchClient | null;
  /** Tells whether a connection to the session port comes from the client (one-shot-listener.ts). */
  readonly peers: ConnectionPeers;
  /** Each session gets a private folder in here for its `.rdp` file. */
  readonly tempDir: string;
  readonly vms?: SessionVmEvents;
  /** How long the client has to connect to the one-shot port. Default 30 s. */
  readonly connectTimeoutMs?: number;
  /** How long connecting to the VM's pipe may take. Default 5 s. */
  readonly pipeTimeoutMs?: number;
  /** How long a killed client has to exit before it is killed hard. Default 3 s. */
  readonly killGraceMs?: number;
}

export interface SessionInfo {
  readonly vmPath: string;
  readonly mode: SessionMode;
  readonly pipe: string;
  /** The one-shot loopback port the client was given. */
  readonly port: number;
  readonly clientPid: number | null;
  /** The client's connection is bridged to the pipe right now. */
  readonly bridged: boolean;
  /** Connections to the port closed because they did not come from the client. */
  readonly refusedPeers: number;
}

export type SessionEndReason = 'client-exited' | 'disconnected' | 'replaced' | 'vm-stopped' | 'disposed' | 'failed';

export interface SessionEnded {
  readonly vmPath: string;
  readonly mode: SessionMode;
  readonly reason: SessionEndReason;
  /** Bytes from the client to the VM and back, over the whole session. */
  readonly bytesToVm: number;
  readonly bytesFromVm: number;
  readonly clientExitCode: number | null;
}

export const SESSION_DEFAULTS = { connectTimeoutMs: 30_000, pipeTimeoutMs: 5_000, killGraceMs: 3_000 };
/** How much of the client's output a ClientFailed error quotes. */
const OUTPUT_TAIL = 2_000;

export class Session {
  pipeSocket: net.Socket | null = null;
  listener: OneShotListener | null = null;
  clientSocket: net.Socket | null = null;
  client: SessionClientProcess | null = null;
  clientExit: Promise<void> = Promise.resolve();
  clientExitCode: number | null = null;
  clientRunning = false;
  output = '';
  dir: string | null = null;
  port = 0;
  private ending: Promise<void> | null = null;
  /** The step of `open` under way; `end` lets it finish (each is short) so it can clean up after it. */
  private pending: Promise<void> = Promise.resolve();
  /** Rejects the pending `open` (the session ended while it ran). */
  private abortOpen: ((error: Error) => void) | null = null;

  constructor(
    readonly vmPath: string,
    readonly mode: SessionMode,
    readonly pipe: string,
    private readonly options: Required<Pick<SessionServiceOptions, 'connectTimeoutMs' | 'pipeTimeoutMs' | 'killGraceMs' | 'tempDir'>> &
      Pick<SessionServiceOptions, 'pipePath' | 'peers'> & { readonly launchClient: LaunchClient },
    private readonly onEnded: (session: Session, reason: SessionEndReason) => void,
  ) {}

  get ended(): boolean {
    return this.ending !== null;
  }

  info(): SessionInfo {
    return {
      vmPath: this.vmPath,
      mode: this.mode,
      pipe: this.pipe,
      port: this.port,
      clientPid: this.client?.pid ?? null,
      bridged: this.clientSocket !== null && !this.clientSocket.destroyed && this.pipeSocket !== null && !this.pipeSocket.destroyed,
      refusedPeers: this.listener?.refused ?? 0,
    };
  }

  /** Steps 1–5 of the file comment; resolves once the client's connection is bridged to the pipe. */
  async open(rdpText: (port: number) => string, fileName: string): Promise<void> {
    const aborted = new Promise<never>((_, reject) => {
      this.abortOpen = reject;
    });
    aborted.catch(() => undefined);
    this.throwIfEnded();
    // Each step races the end of the session; whatever a step opens is registered on `this` as soon
    // as it exists, so `end` closes it even when the step is still under way.
    let pipeClosed: Promise<never> | null = null;
    const step = async <T>(promise: Promise<T>): Promise<T> => {
      this.pending = promise.then(
        () => undefined,
        () => undefined,
      );
      const value = await Promise.race(pipeClosed ? [promise, aborted, pipeClosed] : [promise, aborted]);
      this.throwIfEnded();
      return value;
    };

    const pipeSocket = await step(this.connectPipe());
    pipeClosed = new Promise<never>((_, reject) => {
      pipeSocket.once('close', () => reject(this.unavailable(`The VM closed its ${this.mode} session connection before the RDP client connected.`)));
    });
    pipeClosed.catch(() => undefined);

    const { connection } = await step(this.listen());
    const dir = await step(this.makeDir());
    const file = path.join(dir, fileName);
    await step(writeFile(file, encodeRdpFile(rdpText(this.port)), { mode: 0o600 }));

    const clientFailed = this.launch(file);
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () => reject(clientError(`The RDP client did not connect within ${Math.round(this.options.connectTimeoutMs / 1000)} s.`, this.output, { reason: 'timeout' })),
        this.options.connectTimeoutMs,
      );
    });
    try {
      this.clientSocket = await Promise.race([connection, clientFailed, pipeClosed, timeout, aborted]);
      this.throwIfEnded();
    } finally {
      clearTimeout(timer);
      this.abortOpen = null;
    }
    this.bridge();
  }

  private throwIfEnded(): void {
    if (this.ended) throw new HakoError('SessionEnded', 'The session ended before the RDP client connected.', {});
  }

  /** Ends the session (idempotent): closes everything, kills the client, deletes the folder. */
  end(reason: SessionEndReason): Promise<void> {
    this.ending ??= this.finish(reason);
    return this.ending;
  }

  private async finish(reason: SessionEndReason): Promise<void> {
    this.abortOpen?.(new HakoError('SessionEnded', `The session ended (${reason}) before the RDP client connected.`, { reason }));
    this.listener?.close();
    this.clientSocket?.destroy();
    this.pipeSocket?.destroy();
    await this.pending;
    if (this.client !== null && this.clientRunning) {
      this.client.kill();
      if (!(await settlesWithin(this.clientExit, this.options.killGraceMs))) {
        this.client.kill('SIGKILL');
        await settlesWithin(this.clientExit, this.options.killGraceMs);
      }
    }
    if (this.dir !== null) await rm(this.dir, { recursive: true, force: true }).catch(() => undefined);
    this.onEnded(this, reason);
  }

  private connectPipe(): Promise<net.Socket> {
    const target = this.options.pipePath(this.pipe);
    return new Promise((resolve, reject) => {
      const socket = net.connect({ path: target });
      this.pipeSocket = socket;
      const timer = setTimeout(() => {
        socket.destroy();
        reject(this.unavailable(`The VM's ${this.mode} session pipe ${this.pipe} did not answer within ${this.options.pipeTimeoutMs / 1000} s.`));
      }, this.options.pipeTimeoutMs);
      socket.once('close', () => {
        clearTimeout(timer);
        reject(this.unavailable(`The connection to the VM's ${this.mode} session pipe ${this.pipe} was closed.`));
      });
      socket.once('connect', () => {
        clearTimeout(timer);
        socket.removeAllListeners('error');
        socket.on('error', () => undefined); // 'close' follows and says enough
        resolve(socket);
      });
      socket.once('error', (error: NodeJS.ErrnoException) => {
        clearTimeout(timer);
        const why =
          error.code === 'ENOENT' || error.code === 'ECONNREFUSED'
            ? 'is not there'
            : error.code === 'EBUSY' || error.code === 'EPIPE'
              ? 'is busy (another client holds it)'
              : `cannot be opened (${error.code ?? error.message})`;
        reject(this.unavailable(`The VM's ${this.mode} session pipe ${this.pipe} ${why}.`, error.code));
      });
    });
  }

  /** The session's private folder (mkdtemp: only this user can read it). */
  private async makeDir(): Promise<string> {
    await mkdir(this.options.tempDir, { recursive: true });
    const dir = await mkdtemp(path.join(this.options.tempDir, 'hako-session-'));
    this.dir = dir;
    return dir;
  }

  /**
   * Opens the one-shot port (one-shot-listener.ts): it hands over only a connection from the client once it
   * has been started. Resolves with a wrapper (a promise in the value would be adopted).
   */
  private async listen(): Promise<{ connection: Promise<net.Socket> }> {
    const listener = await listenOnce({ peers: this.options.peers, clientPid: () => (this.clientRunning ? (this.client?.pid ?? null) : null) });
    this.listener = listener;
    this.port = listener.port;
    // The session ended while the port opened: `end` waited for this step and finds it closed.
    if (this.ended) listener.close();
    return { connection: listener.connection };
  }

  /** Starts the client; the promise rejects if it exits or cannot start before it connects. */
  private launch(file: string): Promise<never> {
    return new Promise<never>((_, reject) => {
      let client: SessionClientProcess;
      try {
        client = this.options.launchClient(file, this.port);
      } catch (error) {
        reject(error instanceof HakoError ? error : clientError(`The RDP client could not be started: ${errorText(error)}`, ''));
        return;
      }
      this.client = client;
      this.clientRunning = true;
      const keepTail = (chunk: Buffer | string) => {
        this.output = (this.output + chunk.toString()).slice(-OUTPUT_TAIL);
      };
      client.stdout?.on('data', keepTail);
      client.stderr?.on('data', keepTail);
      this.clientExit = new Promise<void>((resolve) => {
        const exited = (code: number | null, signal: NodeJS.Signals | null, error?: Error) => {
          if (!this.clientRunning) return;
          this.clientRunning = false;
          this.clientExitCode = code;
          resolve();
          // Let its last output arrive before quoting it.
          setImmediate(() => {
            const how = error ? `could not be started: ${error.message}` : signal ? `was ended by ${signal}` : `exited with code ${code}`;
            reject(clientError(`The RDP client ${how} before it connected.`, this.output, { exitCode: code ?? -1 }));
            void this.end('client-exited');
          });
        };
        client.once('exit', (code, signal) => exited(code, signal));
        client.once('error', (error) => exited(null, null, error));
      });
    });
  }

  private bridge(): void {
    const pipe = this.pipeSocket!;
    const tcp = this.clientSocket!;
    tcp.setNoDelay(true);
    pipe.pipe(tcp);
    tcp.pipe(pipe);
    // Either side closing ends the connection; the client decides what the user sees, and the session
    // ends when it exits (or is ended).
    pipe.once('close', () => tcp.end());
    tcp.once('close', () => pipe.end());
  }

  get bytes(): { toVm: number; fromVm: number } {
    return { toVm: this.pipeSocket?.bytesWritten ?? 0, fromVm: this.pipeSocket?.bytesRead ?? 0 };
  }

  private unavailable(message: string, errno?: string): HakoError {
    return new HakoError(
      'SessionUnavailable',
      message,
      { pipe: this.pipe, mode: this.mode, ...(errno ? { errno } : {}) },
      undefined,
      this.mode === 'enhanced'
        ? 'The guest may not offer an enhanced session (it needs Remote Desktop over VMBus, e.g. a Windows Pro guest or xrdp on hv_sock). Connect with the basic session instead.'
        : 'Check that the VM is running; if it is, try again in a moment.',
    );
  }
}

function clientError(message: string, output: string, params: Record<string, string | number> = {}): HakoError {
  const tail = output.trim();
  return new HakoError('ClientFailed', tail ? `${message} Its output ended with: ${tail.slice(-500)}` : message, params);
}

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** True when `promise` settles within `ms`. */
async function settlesWithin(promise: Promise<unknown>, ms: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<false>((resolve) => {
    timer = setTimeout(() => resolve(false), ms);
  });
  const settled = await Promise.race([promise.then(() => true, () => true), timedOut]);
  clearTimeout(timer);
  return settled;
}

/**
 * SessionService: shows a running VM's screen in an RDP client (DESIGN.md "Sessions").
 *
 * HCS serves the VM console as RDP on the named pipes `\\.\pipe\<Name>.BasicSession` and
 * `.EnhancedSession` (reference/nanabox.md §5.1). RDP clients (mstsc, FreeRDP) speak TCP, so for each
 * session Hako
 *   1. connects to the VM's pipe (before any client exists, so a missing pipe is reported plainly),
 *   2. opens a one-shot loopback listener on 127.0.0.1, port 0,
 *   3. writes a `.rdp` file for that port (app/session/rdp-file.ts) into a private temporary folder,
 *   4. starts the client, and
 *   5. bridges the first connection to the pipe, both ways; the listener is closed at once.
 *
 * Who may connect: only the client Hako started, or a process it started (one-shot-listener.ts). Each
 * connection's peer is checked — on Windows the owning PID of the connecting socket
 * (GetExtendedTcpTable) and the parent links of a toolhelp snapshot, on Linux the socket's inode in
 * /proc/net/tcp(6) and the descriptors of the client's process tree — and any other connection, or one
 * made before the client was started, is closed while the port keeps waiting for the client
 * (`connectTimeoutMs`). Once the client's connection is taken the port closes, so every later
 * connection is refused. The timeout is generous (30 s) because mstsc may first ask the user to trust an
 * unsigned `.rdp` file.
 *
 * A session ends when the client exits, on `disconnect`, when another `connect` to the same VM
 * replaces it, when the VM stops (VmService.onChange) and on `dispose`; ending kills the client,
 * closes both sockets and deletes the temporary folder. When the VM's side closes the connection
 * while the VM still runs (a guest reboot, the VMMS-certificate failure of reference/nanabox.md §6.6),
 * the client is left running, so that it can show its own disconnect message; the session ends when
 * it exits.
 */
import path from 'node:path';
import { basicSessionPipe, enhancedSessionPipe } from '../../../app/compute/document.js';
import { HakoError } from '../../../app/errors/error-info.js';
import { formatRdpFile, rdpFileName, rdpSettingsFor } from '../../../app/session/rdp-file.js';
import { type SessionMode } from '../../../app/session/mode.js';
import { hasScreen, isLive } from '../../../app/vm/state.js';
import { fileKey } from '../../files/file-key.js';
import { CLIENT_ADVICE } from '../../../app/session/rdp-command.js';
import { Session, SESSION_DEFAULTS, type SessionEnded, type SessionEndReason, type SessionInfo, type SessionServiceOptions, type SessionVm } from './session.js';

export type { SessionEnded, SessionEndReason, SessionInfo, SessionServiceOptions, SessionVm, SessionVmEvents } from './session.js';

export class SessionService {
  private readonly sessions = new Map<string, Session>();
  private readonly listeners = new Set<(ended: SessionEnded) => void>();
  private readonly options: Required<Pick<SessionServiceOptions, 'connectTimeoutMs' | 'pipeTimeoutMs' | 'killGraceMs'>> & SessionServiceOptions;
  private readonly stopWatching: () => void;
  private disposed = false;

  constructor(options: SessionServiceOptions) {
    this.options = {
      ...options,
      connectTimeoutMs: options.connectTimeoutMs ?? SESSION_DEFAULTS.connectTimeoutMs,
      pipeTimeoutMs: options.pipeTimeoutMs ?? SESSION_DEFAULTS.pipeTimeoutMs,
      killGraceMs: options.killGraceMs ?? SESSION_DEFAULTS.killGraceMs,
    };
    this.stopWatching =
      options.vms?.onChange((vm) => {
        if (!isLive(vm.state)) void this.endFor(vm.path, 'vm-stopped');
      }) ?? (() => undefined);
  }

  /**
   * Opens the VM's basic or enhanced session in the RDP client, replacing a session the VM already
   * has. Resolves once the client's connection is bridged to the VM's pipe. Fails with VmNotRunning,
   * NoRdpClient, InvalidRdpSetting, SessionUnavailable (the pipe is missing, busy or closed) or
   * ClientFailed (the client exited, could not start or did not connect in time).
   */
  async connect(vm: SessionVm, mode: SessionMode): Promise<SessionInfo> {
    if (this.disposed) throw new HakoError('SessionEnded', 'Hako is shutting down.', {});
    const vmPath = path.resolve(vm.path);
    if (!hasScreen(vm.state)) {
      throw new HakoError('VmNotRunning', `The VM is ${vm.state.toLowerCase()}; start it to see its screen.`, { path: vmPath, state: vm.state });
    }
    const launchClient = this.options.rdpClient();
    if (launchClient === null) {
      throw new HakoError('NoRdpClient', 'No RDP client is configured on this computer.', {}, undefined, CLIENT_ADVICE);
    }
    const settings = (port: number) => rdpSettingsFor(vm.config, mode, port);
    formatRdpFile(settings(1)); // refuses bad settings before anything is opened
    const pipe = mode === 'enhanced' ? enhancedSessionPipe(vm.id) : basicSessionPipe(vm.id);

    // The new session takes the VM's place at once, so a concurrent connect replaces this one.
    const key = fileKey(vmPath);
    const previous = this.sessions.get(key);
    const session = new Session(vmPath, mode, pipe, { ...this.options, launchClient }, (ended, reason) => this.ended(ended, reason));
    this.sessions.set(key, session);
    try {
      await previous?.end('replaced');
      await session.open((port) => formatRdpFile(settings(port)), rdpFileName(vm.id));
    } catch (error) {
      await session.end('failed');
      throw error;
    }
    return session.info();
  }

  /** Ends the VM's session, if it has one, and waits until the client is gone. */
  async disconnect(vmPath: string): Promise<void> {
    await this.endFor(vmPath, 'disconnected');
  }

  get(vmPath: string): SessionInfo | null {
    return this.sessions.get(fileKey(vmPath))?.info() ?? null;
  }

  list(): SessionInfo[] {
    return [...this.sessions.values()].map((session) => session.info());
  }

  onEnded(listener: (ended: SessionEnded) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  async dispose(): Promise<void> {
    this.disposed = true;
    this.stopWatching();
    await Promise.all([...this.sessions.values()].map((session) => session.end('disposed')));
    this.listeners.clear();
  }

  private async endFor(vmPath: string, reason: SessionEndReason): Promise<void> {
    await this.sessions.get(fileKey(vmPath))?.end(reason);
  }

  private ended(session: Session, reason: SessionEndReason): void {
    const key = fileKey(session.vmPath);
    if (this.sessions.get(key) === session) this.sessions.delete(key);
    const { toVm, fromVm } = session.bytes;
    const ended: SessionEnded = { vmPath: session.vmPath, mode: session.mode, reason, bytesToVm: toVm, bytesFromVm: fromVm, clientExitCode: session.clientExitCode };
    for (const listener of this.listeners) {
      try {
        listener(ended);
      } catch {
        // A broken listener must not keep a session alive.
      }
    }
  }
}

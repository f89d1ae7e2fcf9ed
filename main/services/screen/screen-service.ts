/**
 * ScreenService: the VM's screen inside Hako (DESIGN.md "Sessions"). The renderer asks for a ticket
 * (`ticket`), its console document connects IronRDP to the shell's console endpoint, and the endpoint
 * hands the WebSocket here (`accept`), where a ConsoleProxy per connection does the RDCleanPath work.
 *
 * Main decides where a connection goes: the ticket names the VM and the mode; the pipe is derived from
 * the VM's HCS id (`\\.\pipe\<id>.BasicSession` / `.EnhancedSession`), and it must be served by that VM's
 * worker process (vm-worker.ts), checked before a byte is written.
 *
 * A VM has at most one console connection: a new one ends the one before (the VM console serves one
 * client; the newest window wins). When the VM stops, its connections close (both sockets, the pipe
 * freed) and its unused tickets are void. What became of each ticket is kept for a while (`result`), so
 * the UI can say why a connection failed or ended in Hako's own words.
 */
import { HakoError, toErrorInfo, type ErrorInfo } from '../../../app/errors/error-info.js';
import { basicSessionPipe, enhancedSessionPipe } from '../../../app/compute/document.js';
import { CONSOLE_DESTINATION } from '../../../app/session/console.js';
import { type SessionMode } from '../../../app/session/mode.js';
import { hasScreen, isLive } from '../../../app/vm/state.js';
import { fileKey } from '../../files/file-key.js';
import { type Hcs, type NamedPipes } from '../ports.js';
import { type SessionVm, type SessionVmEvents } from '../session/session.js';
import { ConsoleProxy, type OpenedPipe, type ProxyOutcome, type ProxyTimeouts } from './console-proxy.js';
import { type ConsoleSocket } from './console-socket.js';
import { TicketBook } from './tickets.js';
import { notTheVmWorker } from './vm-worker.js';

export interface ScreenServiceOptions {
  readonly vms: SessionVmEvents & { get(vmPath: string): SessionVm };
  readonly hcs: Pick<Hcs, 'enumerateComputeSystems'>;
  readonly pipes: NamedPipes;
  readonly timeouts?: Partial<ProxyTimeouts>;
  readonly now?: () => number;
  readonly log?: { warn(message: string): void };
}

export interface ScreenTicket {
  readonly ticketId: string;
  /** The one-time token IronRDP presents as `proxy_auth`. */
  readonly token: string;
  /** The WebSocket URL of this shell's console endpoint. */
  readonly proxyUrl: string;
  readonly destination: string;
  readonly expiresAt: number;
}

export type ScreenResultState = 'waiting' | 'connecting' | 'connected' | 'failed' | 'ended';

export interface ScreenResult {
  readonly state: ScreenResultState;
  /** Why it failed or ended (absent when the guest or the console closed an established session). */
  readonly error?: ErrorInfo;
}

/** Results are small; the last ones are enough to answer the UI. */
const MAX_RESULTS = 128;

export class ScreenService {
  private readonly tickets: TicketBook;
  private readonly proxies = new Set<ConsoleProxy>();
  /** The live connection of each VM (by file key), once its ticket was redeemed. */
  private readonly byVm = new Map<string, ConsoleProxy>();
  private readonly results = new Map<string, ScreenResult>();
  /** The ticket each connection redeemed (known before its pipe is open). */
  private readonly redeemed = new WeakMap<ConsoleProxy, { readonly ticketId: string; readonly vmPath: string }>();
  private endpoint: string | null = null;
  private readonly stopWatching: () => void;
  private disposed = false;

  constructor(private readonly options: ScreenServiceOptions) {
    this.tickets = new TicketBook(options.now);
    this.stopWatching = options.vms.onChange((vm) => {
      if (!isLive(vm.state)) this.vmStopped(vm.path);
    });
  }

  /** The shell tells where its console endpoint listens; until then `ticket` refuses. */
  setEndpoint(url: string | null): void {
    this.endpoint = url;
  }

  /** A one-time ticket to open `mode` of the VM's screen; the VM must be running. */
  ticket(vmPath: string, mode: SessionMode): ScreenTicket {
    if (this.disposed) throw new HakoError('SessionEnded', 'Hako is shutting down.', {});
    if (this.endpoint === null) throw new HakoError('NotSupported', 'The console is not available here; open the session in Remote Desktop Connection.', { what: 'console' });
    const vm = this.options.vms.get(vmPath);
    if (!hasScreen(vm.state)) throw new HakoError('VmNotRunning', `The VM is ${vm.state.toLowerCase()}; start it to see its screen.`, { path: vmPath, state: vm.state });
    const { ticket, token } = this.tickets.issue(vm.path, mode);
    this.remember(ticket.id, { state: 'waiting' });
    return { ticketId: ticket.id, token, proxyUrl: this.endpoint, destination: CONSOLE_DESTINATION, expiresAt: ticket.expiresAt };
  }

  /** What became of a ticket: null when Hako knows no such ticket (any more). */
  result(ticketId: string): ScreenResult | null {
    return this.results.get(ticketId) ?? null;
  }

  /** A new WebSocket from a console endpoint (its Origin already checked). */
  accept(socket: ConsoleSocket): void {
    if (this.disposed) {
      socket.close(1001, 'Hako is closing');
      return;
    }
    const proxy: ConsoleProxy = new ConsoleProxy(socket, {
      open: (token) => this.open(token, proxy),
      onRelaying: () => {
        const ticket = this.redeemed.get(proxy);
        if (ticket !== undefined) this.remember(ticket.ticketId, { state: 'connected' });
      },
      ...(this.options.timeouts ? { timeouts: this.options.timeouts } : {}),
    });
    this.proxies.add(proxy);
    void proxy.done.then((outcome) => this.closed(proxy, outcome));
  }

  /** Ends the VM's console connection, if it has one. */
  disconnect(vmPath: string): void {
    this.byVm.get(fileKey(vmPath))?.end('ended');
  }

  /** Whether the VM's screen is shown in a console now. */
  isConnected(vmPath: string): boolean {
    return this.byVm.get(fileKey(vmPath))?.state === 'relaying';
  }

  async dispose(): Promise<void> {
    this.disposed = true;
    this.stopWatching();
    const all = [...this.proxies];
    for (const proxy of all) proxy.end('ended');
    await Promise.all(all.map((proxy) => proxy.done));
  }

  // ---- one connection ----

  private async open(token: string, proxy: ConsoleProxy): Promise<OpenedPipe> {
    const ticket = this.tickets.redeem(token);
    if (ticket === null) throw new HakoError('ConsoleTicketInvalid', 'The console’s ticket is unknown, used, or more than 30 s old.', {}, undefined, 'Connect again.');
    this.remember(ticket.id, { state: 'connecting' });
    this.redeemed.set(proxy, { ticketId: ticket.id, vmPath: ticket.vmPath });
    const key = fileKey(ticket.vmPath);
    const previous = this.byVm.get(key);
    this.byVm.set(key, proxy);
    previous?.end('ended');
    const opened = await this.openPipe(ticket.vmPath, ticket.mode);
    return { ticketId: ticket.id, vmPath: ticket.vmPath, ...opened };
  }

  private async openPipe(vmPath: string, mode: SessionMode): Promise<{ pipeName: string; socket: OpenedPipe['socket'] }> {
    const vm = this.options.vms.get(vmPath);
    if (!hasScreen(vm.state)) throw new HakoError('VmNotRunning', `The VM is ${vm.state.toLowerCase()}; start it to see its screen.`, { path: vmPath, state: vm.state });
    const pipeName = mode === 'enhanced' ? enhancedSessionPipe(vm.id) : basicSessionPipe(vm.id);
    const [properties] = await this.options.hcs.enumerateComputeSystems({ Ids: [vm.id] });
    const runtimeId = typeof properties?.RuntimeId === 'string' ? properties.RuntimeId : null;
    if (runtimeId === null) throw new HakoError('VmNotRunning', 'Hyper-V reports no running compute system for this VM.', { path: vmPath });

    let connection;
    try {
      connection = await this.options.pipes.connect(pipeName);
    } catch (error) {
      throw pipeError(error, pipeName, mode);
    }
    const mismatch = notTheVmWorker(connection.server, runtimeId, this.options.pipes.systemDirectory);
    if (mismatch !== null) {
      connection.socket.destroy();
      this.options.log?.warn(`console: refused ${pipeName}: ${mismatch}`);
      throw new HakoError('ConsoleNotVmWorker', `Hako did not connect to the VM’s screen: ${mismatch}.`, { pipe: pipeName, pid: connection.server.pid, image: connection.server.image }, undefined, 'Another program may be imitating the VM’s session pipe. Restart the VM, and report this if it happens again.');
    }
    return { pipeName, socket: connection.socket };
  }

  private closed(proxy: ConsoleProxy, outcome: ProxyOutcome): void {
    this.proxies.delete(proxy);
    const ticket = this.redeemed.get(proxy);
    if (ticket === undefined) return;
    const key = fileKey(ticket.vmPath);
    if (this.byVm.get(key) === proxy) this.byVm.delete(key);
    const state: ScreenResultState = outcome.reached === 'relaying' ? 'ended' : 'failed';
    this.remember(ticket.ticketId, { state, ...(outcome.error !== null ? { error: toErrorInfo(outcome.error) } : {}) });
  }

  private vmStopped(vmPath: string): void {
    const key = fileKey(vmPath);
    this.tickets.revokeFor((ticketPath) => fileKey(ticketPath) === key);
    this.byVm.get(key)?.end('vm-stopped');
  }

  private remember(ticketId: string, result: ScreenResult): void {
    this.results.delete(ticketId);
    this.results.set(ticketId, result);
    while (this.results.size > MAX_RESULTS) this.results.delete(this.results.keys().next().value!);
  }
}

/** A failed `pipes.connect` in the session's words. */
function pipeError(error: unknown, pipe: string, mode: SessionMode): HakoError {
  if (error instanceof HakoError) return error;
  const code = (error as { code?: unknown }).code;
  const why =
    code === 'ENOENT' || code === 'ECONNREFUSED'
      ? 'is not there'
      : code === 'EBUSY' || code === 'EPIPE'
        ? 'is busy (another client holds it)'
        : `cannot be opened (${error instanceof Error ? error.message : String(error)})`;
  return new HakoError(
    'SessionUnavailable',
    `The VM’s ${mode} session pipe ${pipe} ${why}.`,
    { pipe, mode, ...(typeof code === 'string' ? { errno: code } : {}) },
    undefined,
    mode === 'enhanced'
      ? 'The guest may not offer an enhanced session (it needs Remote Desktop over VMBus, e.g. a Windows Pro guest or xrdp on hv_sock). Connect with the basic session instead.'
      : 'Check that the VM is running; if it is, try again in a moment.',
  );
}

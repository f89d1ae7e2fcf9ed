/**
 * The Screen tab's logic, without React: asks main for a ticket (and the guest's credentials for an
 * enhanced session), hands it to the console document, follows what it reports, reconnects after a guest
 * reboot, and says why a connection failed. The tab renders `status`; use-console.ts binds it to React
 * and the frame.
 */
import { clampDesktopSize } from '../../../../app/session/console.js';
import type { ConsoleResultDto, GuestCredentialsDto, HakoApi } from '../../../../app/ipc/contract.js';
import type { SessionMode } from '../../../../app/session/mode.js';
import { describeFailure, type FailureView } from './console-failure.js';
import type { ConsoleFailure, ConsoleScale, ConsoleToPage, PageToConsole, SpecialKeys } from './console-protocol.js';

export type ConsoleStatus =
  /** The console document is loading its RDP client. */
  | { readonly kind: 'loading' }
  | { readonly kind: 'idle' }
  /** The VM is not running: nothing to show. */
  | { readonly kind: 'off' }
  /** An enhanced session needs the guest's credentials. */
  | { readonly kind: 'credentials'; readonly canRemember: boolean; readonly username: string; readonly domain: string; readonly rejected: boolean }
  | { readonly kind: 'connecting'; readonly mode: SessionMode }
  | {
      readonly kind: 'connected';
      readonly mode: SessionMode;
      readonly width: number;
      readonly height: number;
      /** The resolution Hako last asked the guest for (enhanced sessions). */
      readonly requested: { readonly width: number; readonly height: number } | null;
      readonly keyboard: boolean;
    }
  /** The session dropped while the VM runs (a guest reboot): trying again. */
  | { readonly kind: 'reconnecting'; readonly mode: SessionMode }
  | { readonly kind: 'failed'; readonly mode: SessionMode; readonly view: FailureView };

export interface ConsoleControllerOptions {
  readonly api: HakoApi;
  readonly path: string;
  /** Sends to the console document. */
  post(message: PageToConsole): void;
  /** The console area's size in CSS pixels (the desktop size to ask for). */
  viewport(): { width: number; height: number };
  /** The page should take the keyboard back (the user pressed the release keys). */
  onRelease?(): void;
  readonly schedule?: (run: () => void, ms: number) => () => void;
  readonly now?: () => number;
}

/** How often, and for how long, a dropped session is tried again. */
export const RECONNECT_EVERY_MS = 2_000;
export const RECONNECT_FOR_MS = 90_000;
/** How long to wait for main to settle a failed ticket's result. */
const RESULT_WAIT_MS = 1_500;

export class ConsoleController {
  private current: ConsoleStatus = { kind: 'loading' };
  private readonly listeners = new Set<() => void>();
  private ready = false;
  private running = false;
  private mode: SessionMode = 'basic';
  private scale: ConsoleScale = 'fit';
  private credentials: GuestCredentialsDto | null = null;
  private ticketId: string | null = null;
  /** Bumped whenever what is under way is abandoned; an answer for an older generation is ignored. */
  private generation = 0;
  private reconnectingSince: number | null = null;
  private cancelTimer: (() => void) | null = null;
  private readonly schedule: (run: () => void, ms: number) => () => void;
  private readonly now: () => number;

  constructor(private readonly options: ConsoleControllerOptions) {
    this.schedule =
      options.schedule ??
      ((run, ms) => {
        const timer = setTimeout(run, ms);
        return () => clearTimeout(timer);
      });
    this.now = options.now ?? Date.now;
  }

  get status(): ConsoleStatus {
    return this.current;
  }

  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Whether the VM runs now (its snapshot's state has a screen). */
  vmRunning(running: boolean): void {
    if (running === this.running) return;
    this.running = running;
    if (!running) {
      this.abandon();
      if (this.ready) this.options.post({ type: 'disconnect' });
      this.set(this.ready ? { kind: 'off' } : { kind: 'loading' });
    } else if (this.ready) {
      this.set({ kind: 'idle' });
    }
  }

  /** Connects in `mode`: basic at once; enhanced with remembered credentials, else after asking. */
  async connect(mode: SessionMode, options: { askCredentials?: boolean } = {}): Promise<void> {
    if (!this.ready || !this.running) return;
    this.abandon();
    this.mode = mode;
    if (mode === 'basic') {
      this.credentials = null;
      await this.open();
      return;
    }
    const generation = this.generation;
    const known = await this.options.api.invoke('session.credentials', { path: this.options.path }).catch(() => ({ canRemember: false, remembered: null }));
    if (generation !== this.generation) return;
    if (known.remembered !== null && options.askCredentials !== true) {
      this.credentials = known.remembered;
      await this.open();
      return;
    }
    this.set({ kind: 'credentials', canRemember: known.canRemember, username: known.remembered?.username ?? this.credentials?.username ?? '', domain: known.remembered?.domain ?? this.credentials?.domain ?? '', rejected: options.askCredentials === true });
  }

  /** The user gave the guest's credentials; remembered (encrypted by the OS) only when asked to. */
  async submitCredentials(credentials: GuestCredentialsDto, remember: boolean): Promise<void> {
    if (this.current.kind !== 'credentials') return;
    this.credentials = credentials;
    const path = this.options.path;
    if (remember) await this.options.api.invoke('session.rememberCredentials', { path, credentials });
    else await this.options.api.invoke('session.forgetCredentials', { path }).catch(() => undefined);
    await this.open();
  }

  cancelCredentials(): void {
    if (this.current.kind === 'credentials') this.set({ kind: 'idle' });
  }

  disconnect(): void {
    this.abandon();
    this.options.post({ type: 'disconnect' });
    this.set(this.running ? { kind: 'idle' } : { kind: 'off' });
  }

  setScale(scale: ConsoleScale): void {
    this.scale = scale;
    this.options.post({ type: 'scale', scale });
  }

  get currentScale(): ConsoleScale {
    return this.scale;
  }

  sendKeys(keys: SpecialKeys): void {
    if (this.current.kind === 'connected') this.options.post({ type: 'keys', keys });
  }

  focusScreen(): void {
    this.options.post({ type: 'focus' });
  }

  /** The console area changed size: an enhanced session asks the guest to follow (dynamic resolution). */
  viewportResized(): void {
    const status = this.current;
    if (status.kind !== 'connected' || status.mode !== 'enhanced') return;
    const size = clampDesktopSize(this.options.viewport().width, this.options.viewport().height);
    if (status.requested?.width === size.width && status.requested.height === size.height) return;
    if (status.requested === null && status.width === size.width && status.height === size.height) return;
    this.options.post({ type: 'resize', ...size });
  }

  /** A message from the console document. */
  frameMessage(message: ConsoleToPage): void {
    switch (message.type) {
      case 'ready':
        this.ready = true;
        if (this.current.kind === 'loading') this.set(this.running ? { kind: 'idle' } : { kind: 'off' });
        break;
      case 'connected':
        if (this.current.kind !== 'connecting' && this.current.kind !== 'reconnecting') return;
        this.reconnectingSince = null;
        this.set({ kind: 'connected', mode: this.mode, width: message.width, height: message.height, requested: null, keyboard: true });
        break;
      case 'desktop':
        if (this.current.kind === 'connected') this.set({ ...this.current, width: message.width, height: message.height });
        break;
      case 'resizeRequested':
        if (this.current.kind === 'connected') this.set({ ...this.current, requested: { width: message.width, height: message.height } });
        break;
      case 'keyboard':
        if (this.current.kind === 'connected') this.set({ ...this.current, keyboard: message.captured });
        break;
      case 'release':
        this.options.onRelease?.();
        break;
      case 'failed':
        void this.failed(message.failure);
        break;
      case 'ended':
        this.ended();
        break;
    }
  }

  dispose(): void {
    this.abandon();
    this.listeners.clear();
  }

  // ---- steps ----

  private async open(): Promise<void> {
    const generation = ++this.generation;
    if (this.current.kind !== 'reconnecting') this.set({ kind: 'connecting', mode: this.mode });
    let ticket;
    try {
      ticket = await this.options.api.invoke('session.consoleTicket', { path: this.options.path, mode: this.mode });
    } catch (error) {
      if (generation !== this.generation) return;
      const info = error as { code?: string; message?: string; advice?: string };
      if (info.code === 'VmNotRunning') return this.set({ kind: 'off' });
      this.fail({ state: 'failed', error: { code: info.code ?? 'Internal', message: info.message ?? String(error), ...(info.advice ? { advice: info.advice } : {}) } }, null);
      return;
    }
    if (generation !== this.generation) return;
    this.ticketId = ticket.ticketId;
    const desktop = clampDesktopSize(this.options.viewport().width, this.options.viewport().height);
    this.options.post({
      type: 'connect',
      proxyUrl: ticket.proxyUrl,
      token: ticket.token,
      destination: ticket.destination,
      enhanced: this.mode === 'enhanced',
      credentials: this.mode === 'enhanced' ? this.credentials : null,
      desktop,
      scale: this.scale,
    });
  }

  private async failed(failure: ConsoleFailure): Promise<void> {
    const generation = this.generation;
    const result = await this.result();
    if (generation !== this.generation) return;
    if (this.current.kind === 'reconnecting') {
      this.retryLater();
      return;
    }
    if (this.current.kind !== 'connecting') return;
    if (result?.error?.code === 'VmNotRunning' || !this.running) return this.set({ kind: 'off' });
    this.fail(result, failure);
  }

  private ended(): void {
    if (this.current.kind !== 'connected') return;
    if (!this.running) return this.set({ kind: 'off' });
    // The VM still runs but its session closed: a guest reboot (the enhanced session goes with the
    // guest's RDP server), or the VM console restarting. Try again until it is back.
    this.reconnectingSince = this.now();
    this.set({ kind: 'reconnecting', mode: this.mode });
    this.retryLater();
  }

  private retryLater(): void {
    const since = this.reconnectingSince ?? this.now();
    if (this.now() - since > RECONNECT_FOR_MS) {
      this.reconnectingSince = null;
      this.set({ kind: 'failed', mode: this.mode, view: { title: 'screen.failure.lost', body: 'screen.failure.lostBody', actions: ['retry', 'external'], error: null } });
      return;
    }
    this.cancelTimer?.();
    this.cancelTimer = this.schedule(() => {
      this.cancelTimer = null;
      if (this.current.kind === 'reconnecting' && this.running) void this.open();
    }, RECONNECT_EVERY_MS);
  }

  /** What main says became of the last ticket, once it has settled (or after a short wait). */
  private async result(): Promise<ConsoleResultDto | null> {
    const ticketId = this.ticketId;
    if (ticketId === null) return null;
    const deadline = this.now() + RESULT_WAIT_MS;
    for (;;) {
      const result = await this.options.api.invoke('session.consoleResult', { ticketId }).catch(() => null);
      if (result === null || result.state === 'failed' || result.state === 'ended' || result.state === 'connected' || this.now() > deadline) return result;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  private fail(result: ConsoleResultDto | null, failure: ConsoleFailure | null): void {
    this.set({ kind: 'failed', mode: this.mode, view: describeFailure(result, failure, this.mode) });
  }

  private abandon(): void {
    this.generation++;
    this.cancelTimer?.();
    this.cancelTimer = null;
    this.reconnectingSince = null;
  }

  private set(status: ConsoleStatus): void {
    this.current = status;
    for (const listener of this.listeners) listener();
  }
}

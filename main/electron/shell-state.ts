/**
 * What the shell keeps in memory about the services, so that decisions which must be synchronous (may
 * Windows end the session now? does closing the window quit?) never wait on a call: the known VMs with
 * their states, and the preferences. Fed by the contract's events (`vm.changed`,
 * `app.preferencesChanged`) and refreshed with `library.list` (summaries) / `app.getPreferences`. No
 * Electron here.
 */
import type { Dispatch } from '../../app/ipc/dispatch.js';
import type { VmSummaryDto } from '../../app/ipc/contract.js';
import { DEFAULT_PREFERENCES, mergeValidPreferences, type Preferences } from '../../app/preferences/preferences.js';
import { pathKey } from '../../app/paths/identity.js';
import { vmDisplayName } from '../../app/vm/labels.js';
import { isLive, VM_ACTIONS, VM_STATES, type VmAction, type VmState } from '../../app/vm/state.js';
import { call } from './services.js';

/**
 * A VM as the shell sees it: enough to decide quitting, session ends and the tray. Read from a list's
 * summary or an event's snapshot alike: both carry these fields.
 */
export interface VmSummary {
  readonly path: string;
  readonly id: string;
  readonly state: VmState;
  readonly actions: readonly VmAction[];
  /** Survives Hako's exit; absent means it does not. */
  readonly outlivesHako?: boolean;
}

export function displayName(vm: VmSummary): string {
  return vmDisplayName(vm.id, vm.path);
}

/** Until the services answer, the defaults every process shares. */
type ShellPreferences = Preferences;

function summary(value: unknown): VmSummary | null {
  if (typeof value !== 'object' || value === null) return null;
  const { path, id, state, actions, outlivesHako } = value as Partial<VmSummaryDto>;
  if (typeof path !== 'string' || typeof id !== 'string' || !VM_STATES.includes(state as never) || !Array.isArray(actions)) return null;
  return { path, id, state: state!, actions: actions.filter((a) => VM_ACTIONS.includes(a)), outlivesHako: outlivesHako === true };
}

export class ShellState {
  private vms = new Map<string, VmSummary>();
  private prefs: ShellPreferences = { ...DEFAULT_PREFERENCES };
  private readonly listeners = new Set<() => void>();
  private refreshTimer: ReturnType<typeof setTimeout> | null = null;

  constructor(
    private readonly dispatch: Dispatch,
    private readonly onError: (message: string, error: unknown) => void,
    private readonly refreshDelayMs = 250,
  ) {}

  get preferences(): ShellPreferences {
    return this.prefs;
  }

  /** Every known VM, in the library's order. */
  get all(): VmSummary[] {
    return [...this.vms.values()];
  }

  /** The state the shell last heard for a VM, if it knows it. */
  stateOf(vmPath: string): VmState | undefined {
    return this.vms.get(pathKey(vmPath))?.state;
  }

  /** VMs with a compute system (Hako going away affects them). */
  get live(): VmSummary[] {
    return this.all.filter((vm) => isLive(vm.state));
  }

  onChange(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Loads VMs and preferences. */
  async load(): Promise<void> {
    await Promise.all([this.refreshVms(), this.refreshPreferences()]);
  }

  /** One of the services' events. */
  handleEvent(name: string, payload: unknown): void {
    if (name === 'vm.changed') {
      const vm = summary(payload);
      if (vm === null) return;
      this.vms.set(pathKey(vm.path), vm);
      this.emit();
      // A forgotten VM sends no event of its own; the list catches up shortly after any change.
      this.scheduleRefresh();
    } else if (name === 'app.preferencesChanged') {
      this.prefs = mergeValidPreferences(this.prefs, payload);
      this.emit();
    }
  }

  scheduleRefresh(): void {
    if (this.refreshTimer !== null) return;
    this.refreshTimer = setTimeout(() => {
      this.refreshTimer = null;
      void this.refreshVms();
    }, this.refreshDelayMs);
  }

  async refreshVms(): Promise<void> {
    try {
      const list = await call(this.dispatch, 'library.list');
      const next = new Map<string, VmSummary>();
      for (const item of list) {
        const vm = summary(item);
        if (vm !== null) next.set(pathKey(vm.path), vm);
      }
      this.vms = next;
      this.emit();
    } catch (error) {
      this.onError('could not list the VMs', error);
    }
  }

  async refreshPreferences(): Promise<void> {
    try {
      this.prefs = mergeValidPreferences(this.prefs, await call(this.dispatch, 'app.getPreferences'));
      this.emit();
    } catch (error) {
      this.onError('could not read the preferences', error);
    }
  }

  dispose(): void {
    if (this.refreshTimer !== null) clearTimeout(this.refreshTimer);
    this.listeners.clear();
  }

  private emit(): void {
    for (const listener of this.listeners) {
      try {
        listener();
      } catch (error) {
        this.onError('a state listener failed', error);
      }
    }
  }
}

/**
 * VmService: one record per known VM, its state taken only from HCS events and operation results,
 * and every action on it serialised through the VM's own queue (power off pre-empts).
 */
import { schemaVersionForBuild, type SchemaVersion } from '../../../app/compute/gates.js';
import { crashOptionsFor, pauseOptionsFor, shutdownOptionsFor } from '../../../app/compute/options.js';
import { startBlocker } from '../../../app/config/device-rules.js';
import { renderFinding } from '../../../app/config/index.js';
import { settingLabel } from '../../../app/config/setting-labels.js';
import path from 'node:path';
import { HakoError, toErrorInfo } from '../../../app/errors/error-info.js';
import { HcsError } from '../../../app/errors/hcs-error.js';
import { HRESULT } from '../../../app/errors/hresult.js';
import { ACTION_DONE, ACTION_LABELS } from '../../../app/vm/labels.js';
import { isAllowed, isLive, type VmAction, type VmState } from '../../../app/vm/state.js';
import { fileKey } from '../../files/file-key.js';
import { ConfigService, type VmFiles, type WriteBackPatch } from '../config-service.js';
import { type ComputeSystem, type Hcs, type HcsEvent, type HostInfo, type SystemExitStatus } from '../ports.js';
import { type VmLogEntry } from './event-log.js';
import { type EventLogStore } from './event-log-store.js';
import { OperationSupersededError } from './serial-queue.js';
import { handleVmEvent } from './vm-events.js';
import { newVmRecord, snapshotOf, waitForExit, type RunningVmRegistry, type VmLifecycle, type VmRecord, type VmSnapshot } from './vm-record.js';
import { reloadVm, type ReloadOutcome } from './vm-reload.js';
import { reattachVms } from './vm-reattach.js';
import { setVmMedia } from './vm-media.js';
import { discardSavedState, saveVm } from './vm-save.js';
import { readVmStatistics, type VmStatistics } from './vm-statistics.js';
import { AlreadyRunningError, startVm, type StartContext, type VmNetworking } from './vm-start.js';

export type { RunningVmRegistry, VmSnapshot };

export interface VmServiceSettings {
  /** VMs outlive Hako (ShouldTerminateOnLastHandleClosed: false) and are re-attached at the next launch. */
  readonly keepRunning: boolean;
  /** How long a graceful shutdown may take before Hako offers to power off. */
  readonly shutdownTimeoutMs: number;
}

export interface VmServiceDeps {
  readonly hcs: Hcs;
  readonly network: VmNetworking;
  readonly host: HostInfo;
  readonly registry: RunningVmRegistry;
  readonly files?: VmFiles;
  /** Where each VM's event log is kept between runs; in memory only when absent. */
  readonly eventLogs?: EventLogStore;
  /** Read at each use, so a changed preference applies to the next start or shutdown. */
  readonly settings?: Partial<VmServiceSettings> | (() => Partial<VmServiceSettings>);
  /**
   * The highest schema version HCS reports (HcsGetServiceProperties), which decides the option
   * documents Hako sends; null (or absent) when unknown, then the host's build decides (gates.ts).
   */
  readonly schemaVersion?: () => Promise<SchemaVersion | null>;
}

export type ShutdownResult = { readonly stopped: true } | { readonly stopped: false; readonly reason: 'timeout' };

export type VmChangeListener = (snapshot: VmSnapshot) => void;

const DEFAULT_SETTINGS: VmServiceSettings = { keepRunning: true, shutdownTimeoutMs: 60_000 };

export class VmService {
  private readonly records = new Map<string, VmRecord>();
  /** What each record's listeners last heard, so an unchanged snapshot is not sent again. */
  private readonly lastEmitted = new WeakMap<VmRecord, string>();
  private readonly listeners = new Set<VmChangeListener>();
  private readonly files: VmFiles;
  readonly owner: string;

  /** What the save and the HCS events may do to a record. */
  private readonly lifecycle: VmLifecycle;

  constructor(private readonly deps: VmServiceDeps) {
    this.files = deps.files ?? new ConfigService();
    this.owner = `Hako/${deps.host.userSid}`;
    this.lifecycle = {
      files: this.files,
      registry: deps.registry,
      network: deps.network,
      setState: (record, state) => this.setState(record, state),
      emit: (record) => this.emit(record),
      writeBack: (record, patch) => this.writeBack(record, patch),
      noteMissingExit: (record, action) => this.noteMissingExit(record, action),
    };
  }

  /** The host's schema version: as HCS reports it, else as its build implies. */
  private async hostSchema(): Promise<SchemaVersion> {
    const reported = await this.deps.schemaVersion?.().catch(() => null);
    return reported ?? schemaVersionForBuild(this.deps.host.build);
  }

  private get settings(): VmServiceSettings {
    const settings = this.deps.settings;
    return { ...DEFAULT_SETTINGS, ...(typeof settings === 'function' ? settings() : settings) };
  }

  onChange(listener: VmChangeListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Adds a VM file (or re-reads it) and returns what the UI shows. */
  async open(vmPath: string): Promise<VmSnapshot> {
    const record = this.recordFor(vmPath);
    await record.log.restore();
    await this.refreshConfig(record);
    this.emit(record);
    return this.snapshot(record);
  }

  list(): VmSnapshot[] {
    return [...this.records.values()].map((record) => this.snapshot(record));
  }

  get(vmPath: string): VmSnapshot {
    return this.snapshot(this.existing(vmPath));
  }

  events(vmPath: string): VmLogEntry[] {
    return this.existing(vmPath).log.list();
  }

  /** Forgets a VM that does not run. */
  forget(vmPath: string): void {
    const record = this.existing(vmPath);
    if (record.system !== null || isLive(record.state) || record.queue.size > 0) {
      throw new HakoError('VmRunning', 'A running VM cannot be removed from the list; stop it first.', { path: vmPath });
    }
    this.records.delete(this.keyOf(record.path));
  }

  start(vmPath: string): Promise<void> {
    return this.act(vmPath, 'start', (record, signal) => this.doStart(record, signal));
  }

  /** Drops a saved VM's saved state so the next start boots afresh (vm-save.ts). */
  discardSavedState(vmPath: string): Promise<void> {
    const record = this.existing(vmPath);
    return record.queue.enqueue('discardSavedState', () => discardSavedState(record, this.lifecycle));
  }

  /** A DVD drive's image inserted (null: ejected), live and in the `.7b`, through the queue (vm-media.ts). */
  setMedia(vmPath: string, lun: number, image: string | null): Promise<{ appliedNow: boolean }> {
    const record = this.existing(vmPath);
    return record.queue.enqueue('setMedia', () => setVmMedia(record, lun, image, { hcs: this.deps.hcs, lifecycle: this.lifecycle }).finally(() => this.emit(record)));
  }

  /** A running VM's live figures, read now (vm-statistics.ts); no timer of Hako's runs for them. */
  statistics(vmPath: string): Promise<VmStatistics> {
    return readVmStatistics(this.existing(vmPath));
  }

  /** Asks the guest to shut down; resolves `{stopped:false}` when it has not within the timeout. */
  shutdown(vmPath: string): Promise<ShutdownResult> {
    return this.act(vmPath, 'shutdown', async (record, signal) => {
      const system = this.liveSystem(record);
      const options = shutdownOptionsFor(await this.hostSchema());
      const exited = waitForExit(record, this.settings.shutdownTimeoutMs, signal);
      this.setState(record, 'Stopping');
      // The operation may only complete once the guest is off, so the exit event (or the timeout)
      // decides; an early failure of the request itself still wins. Where the host takes no options
      // (before 20348) nothing in an ordinary guest acts on it: the timeout ends in the power-off offer.
      const request = system.shutdown(options);
      request.catch(() => undefined);
      let status: SystemExitStatus | null;
      try {
        status = await Promise.race([exited, request.then(() => exited)]);
      } catch (error) {
        if (record.system === system) this.setState(record, 'Running');
        throw error;
      }
      signal.throwIfAborted();
      if (status !== null) return { stopped: true } as const;
      if (record.system === system && record.state === 'Stopping') this.setState(record, 'Running');
      record.log.add('warning', 'The guest did not shut down in time; power it off to stop it.');
      return { stopped: false, reason: 'timeout' } as const;
    });
  }

  /**
   * Hard power off (pause, then terminate, as NanaBox does). Pre-empts the VM's queue: the running
   * action is aborted and the queued ones dropped.
   */
  async powerOff(vmPath: string): Promise<void> {
    const record = this.existing(vmPath);
    this.ensureAllowed(record, 'powerOff');
    await record.queue.preempt('powerOff', async () => {
      // The aborted action may already have taken the VM down (a start that had not got far).
      const system = record.system;
      if (system === null) return;
      const exited = waitForExit(record, 30_000);
      this.setState(record, 'Stopping');
      await system.pause().catch(() => undefined);
      try {
        await system.terminate();
      } catch (error) {
        // Already stopped is the outcome power off wants.
        if (!(error instanceof HcsError && error.is(HRESULT.HCS_E_SYSTEM_ALREADY_STOPPED))) {
          if (record.system === system) this.setState(record, 'Running');
          throw error;
        }
      }
      if ((await exited) === null) this.noteMissingExit(record, 'power off');
      else record.log.add('info', 'Powered off');
    });
  }

  pause(vmPath: string): Promise<void> {
    return this.act(vmPath, 'pause', async (record) => {
      await this.liveSystem(record).pause(pauseOptionsFor(await this.hostSchema()));
      this.setState(record, 'Paused');
    });
  }

  resume(vmPath: string): Promise<void> {
    return this.act(vmPath, 'resume', async (record) => {
      await this.liveSystem(record).resume();
      this.setState(record, 'Running');
    });
  }

  /** Saves the VM's state to a file and stops it; the next start resumes from it (as NanaBox suspends). */
  save(vmPath: string): Promise<void> {
    return this.act(vmPath, 'save', async (record) => saveVm(record, this.liveSystem(record), this.lifecycle, await this.hostSchema()));
  }

  restart(vmPath: string): Promise<void> {
    return this.act(vmPath, 'restart', async (record, signal) => {
      const system = this.liveSystem(record);
      const exited = waitForExit(record, 30_000, signal);
      this.setState(record, 'Stopping');
      await system.terminate();
      if ((await exited) === null) {
        this.noteMissingExit(record, 'restart');
        throw new HakoError('StopTimedOut', 'The VM did not stop, so it was not started again.', { path: record.path });
      }
      await this.doStart(record, signal);
    });
  }

  crash(vmPath: string): Promise<void> {
    return this.act(vmPath, 'crash', async (record) => {
      await this.liveSystem(record).crash(crashOptionsFor(await this.hostSchema()));
      record.log.add('warning', 'A crash was injected into the guest (NMI).');
    });
  }

  /** Applies the file's current settings to the running VM and says what happened to each change. */
  reload(vmPath: string): Promise<(ReloadOutcome & { setting: string })[]> {
    return this.act(vmPath, 'reload', async (record) => {
      await this.refreshConfig(record);
      if (record.config === null) throw new HakoError('ConfigUnreadable', 'The VM file cannot be read; fix it before reloading.', { path: record.path });
      const result = await reloadVm(this.liveSystem(record), record.running!, record.config, {
        hcs: this.deps.hcs,
        network: this.deps.network,
        owner: this.owner,
        vmPath: record.path,
      });
      record.running = result.running;
      const outcomes = result.outcomes.map((outcome) => ({ ...outcome, setting: settingLabel(outcome.path, record.config) }));
      for (const outcome of outcomes) {
        const what =
          outcome.outcome === 'applied' ? 'applied now' : outcome.outcome === 'needs-restart' ? 'waits for a restart' : `could not be applied: ${outcome.error?.message ?? 'unknown error'}`;
        record.log.add(outcome.outcome === 'failed' ? 'warning' : 'info', `${outcome.setting}: ${what}`, { path: outcome.path, ...(outcome.error ? { error: outcome.error } : {}) });
      }
      await this.writeBack(record, result.patch);
      this.emit(record);
      return outcomes;
    });
  }

  /**
   * Finds the VMs this user's Hako left running (owner `Hako/<SID>`), reopens them and maps them back
   * to their files, so closing or crashing the app loses no VM; a VM recorded as running that is gone
   * gets a notice instead of a silent Stopped.
   */
  reattach(): Promise<{ attached: string[]; unknown: string[]; gone: string[] }> {
    return reattachVms({
      hcs: this.deps.hcs,
      owner: this.owner,
      registry: this.deps.registry,
      lifecycle: this.lifecycle,
      recordFor: (vmPath) => this.recordFor(vmPath),
      refreshConfig: (record) => this.refreshConfig(record),
    });
  }

  /** Closes every handle (VMs that keep running stay running). */
  async dispose(): Promise<void> {
    await Promise.all(
      [...this.records.values()].map(async (record) => {
        const system = record.system;
        record.system = null;
        await system?.close();
      }),
    );
  }

  // ---- internals ----

  private async doStart(record: VmRecord, signal: AbortSignal): Promise<void> {
    await this.refreshConfig(record);
    if (record.config === null) throw new HakoError('ConfigUnreadable', 'The VM file cannot be read.', { path: record.path });
    // What Hyper-V would refuse is refused here, in the words the editor shows at the field.
    const blocker = startBlocker(record.findings);
    if (blocker !== null) throw new HakoError('StartBlocked', `${blocker.path}: ${renderFinding(blocker)}`, { path: record.path }, blocker.path);
    const id = record.config.Name;
    const other = [...this.records.values()].find((r) => r !== record && r.system !== null && (r.running?.Name ?? r.config?.Name) === id);
    if (other !== undefined) throw new AlreadyRunningError(id, other.path);

    this.setState(record, 'Starting');
    record.lastError = null;
    record.outlivesHako = this.settings.keepRunning;
    const context: StartContext = {
      hcs: this.deps.hcs,
      network: this.deps.network,
      host: this.deps.host,
      files: this.files,
      owner: this.owner,
      keepRunning: this.settings.keepRunning,
      log: (level, message, details) => record.log.add(level, message, details),
    };
    let started;
    try {
      const onCreated = (system: ComputeSystem) => {
        record.system = system;
        return (event: HcsEvent) => handleVmEvent(record, system, event, this.lifecycle);
      };
      started = await startVm(record.path, record.config, context, onCreated, signal);
      if (record.system !== started.system) {
        // It stopped again before the start finished; the exit event has already said why.
        throw new HakoError('StoppedDuringStart', 'The VM stopped while it was starting.', { path: record.path });
      }
    } catch (error) {
      // startVm tears down whatever it created, so nothing runs now.
      record.system = null;
      record.running = null;
      if (signal.aborted && signal.reason instanceof OperationSupersededError) {
        // Powered off while starting: that is a stop the user asked for, not a failure.
        record.log.add('info', 'The start was cancelled by power off');
        this.setState(record, 'Stopped');
      } else {
        record.lastError = toErrorInfo(error);
        record.log.add('error', 'The VM could not start', { error: record.lastError });
        this.setState(record, 'Error');
      }
      throw error;
    }
    record.running = started.running;
    if (record.state === 'Starting') this.setState(record, 'Running');
    await this.deps.registry.rememberRunning(id, record.path).catch((error: unknown) => {
      record.log.add('warning', 'Hako could not record the running VM; it will not re-attach to it after a restart', { error: toErrorInfo(error) });
    });
    const persisted = await this.writeBack(record, started.patch);
    // Endpoints the file does not name would never be found again; they go when the VM stops.
    if (!persisted) record.unpersistedEndpoints = (started.patch.adapters ?? []).map((a) => a.EndpointId);
  }

  /** HCS accepted the stop, but no exit event came: say so rather than pretend. */
  private noteMissingExit(record: VmRecord, action: string): void {
    record.lastError = { code: 'ExitNotReported', message: `Hyper-V accepted the ${action}, but did not report that the VM stopped.` };
    record.log.add('warning', `No exit event after the ${action}`);
    this.emit(record);
  }

  /** Writes the generated values into the file; resolves whether the file now holds them. */
  private async writeBack(record: VmRecord, patch: WriteBackPatch): Promise<boolean> {
    if (Object.keys(patch).length === 0) return true;
    let written = false;
    try {
      const result = await this.files.writeBack(record.path, patch);
      written = result.written;
      if (!result.written) record.log.add('warning', `Hako did not update the VM file: ${result.reason}`, { patch });
    } catch (error) {
      // Unlike NanaBox, a failed write-back does not kill the VM; the user is told what was not saved.
      record.lastError = toErrorInfo(error);
      record.log.add('warning', 'The VM runs, but its file could not be updated with the generated values', { error: record.lastError, patch });
    }
    await this.refreshConfig(record);
    return written;
  }

  private async act<T>(vmPath: string, action: VmAction, run: (record: VmRecord, signal: AbortSignal) => Promise<T>): Promise<T> {
    const record = this.existing(vmPath);
    return record.queue.enqueue(action, async (signal) => {
      this.ensureAllowed(record, action);
      try {
        const result = await run(record, signal);
        const done = ACTION_DONE[action];
        if (done !== undefined && !(action === 'shutdown' && (result as ShutdownResult).stopped === false)) record.log.add('info', done);
        return result;
      } catch (error) {
        // A failed start says so itself, with its cause; the other actions are logged here.
        if (action !== 'start') record.log.add('error', `${ACTION_LABELS[action]} failed: ${error instanceof Error ? error.message : String(error)}`, { error: toErrorInfo(error) });
        throw error;
      } finally {
        this.emit(record);
      }
    });
  }

  private ensureAllowed(record: VmRecord, action: VmAction): void {
    if (!isAllowed(action, record.state, { canCrash: this.deps.hcs.capabilities.crash })) {
      throw new HakoError('ActionNotAllowed', `Cannot ${action} a VM that is ${record.state.toLowerCase()}.`, { action, state: record.state });
    }
  }

  private liveSystem(record: VmRecord): ComputeSystem {
    if (record.system === null) throw new HakoError('VmNotRunning', 'The VM is not running.', { path: record.path });
    return record.system;
  }

  private async refreshConfig(record: VmRecord): Promise<void> {
    try {
      const loaded = await this.files.load(record.path);
      record.config = loaded.file.config;
      record.findings = loaded.findings;
      // Only a VM at rest takes its state from the file; a live one's comes from HCS.
      if (record.system === null && (record.state === 'Stopped' || record.state === 'Saved')) {
        record.state = record.config.SaveStateFile ? 'Saved' : 'Stopped';
      }
    } catch (error) {
      record.config = null;
      record.findings = [];
      record.lastError = toErrorInfo(error);
    }
  }

  private setState(record: VmRecord, state: VmState): void {
    if (record.state === state) return;
    record.state = state;
    this.emit(record);
  }

  private emit(record: VmRecord): void {
    const snapshot = this.snapshot(record);
    // Listeners hear of a change once: an action's end re-sends nothing that its steps already sent.
    const text = JSON.stringify(snapshot);
    if (text === this.lastEmitted.get(record)) return;
    this.lastEmitted.set(record, text);
    for (const listener of this.listeners) {
      try {
        listener(snapshot);
      } catch {
        // A broken listener must not break the VM's bookkeeping.
      }
    }
  }

  private snapshot(record: VmRecord): VmSnapshot {
    return snapshotOf(record, { canCrash: this.deps.hcs.capabilities.crash });
  }

  /** Windows paths name the same file whatever their case (Library compares them the same way). */
  private keyOf(vmPath: string): string {
    return fileKey(vmPath);
  }

  private recordFor(vmPath: string): VmRecord {
    const key = this.keyOf(vmPath);
    let record = this.records.get(key);
    if (record === undefined) {
      record = newVmRecord(vmPath, this.deps.eventLogs?.sinkFor(path.resolve(vmPath)) ?? null);
      this.records.set(key, record);
    }
    return record;
  }

  private existing(vmPath: string): VmRecord {
    const record = this.records.get(this.keyOf(vmPath));
    if (record === undefined) throw new HakoError('VmUnknown', `Hako does not know the VM ${vmPath}; open it first.`, { path: vmPath });
    return record;
  }
}


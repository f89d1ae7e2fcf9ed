/**
 * VmService: one record per known VM, its state taken only from HCS events and operation results,
 * and every action on it serialised through the VM's own queue (power off pre-empts).
 */
import { schemaVersionForBuild, type SchemaVersion } from '../../../app/compute/gates.js';
import { crashOptionsFor, pauseOptionsFor } from '../../../app/compute/options.js';
import path from 'node:path';
import { HakoError, toErrorInfo, type ErrorInfo } from '../../../app/errors/error-info.js';
import { ACTION_DONE, ACTION_LABELS } from '../../../app/vm/labels.js';
import { isAllowed, isLive, type VmAction, type VmState } from '../../../app/vm/state.js';
import { type VmSummary } from '../../../app/vm/summary.js';
import { fileKey } from '../../files/file-key.js';
import { ConfigRefusedError, ConfigService, type VmFiles, type WriteBackPatch } from '../config-service.js';
import { type ComputeSystem, type Hcs, type HostInfo } from '../ports.js';
import { type VmLogEntry } from './event-log.js';
import { type EventLogStore } from './event-log-store.js';
import { newVmRecord, snapshotOf, summaryOf, waitForExit, type RunningVmRegistry, type VmLifecycle, type VmRecord, type VmSnapshot } from './vm-record.js';
import { reloadRecord, type LabelledReloadOutcome } from './vm-reload.js';
import { reattachVms } from './vm-reattach.js';
import { StartupGate } from './startup-gate.js';
import { toggleAdapterOf } from './vm-adapter-live.js';
import { setVmMedia } from './vm-media.js';
import { discardSavedState, saveVm } from './vm-save.js';
import { readVmStatistics, type VmStatistics } from './vm-statistics.js';
import { bootRecord } from './vm-boot.js';
import { type VmNetworking } from './vm-start.js';
import { powerOffVm, shutdownVm, type ShutdownResult } from './vm-stop.js';

export type { RunningVmRegistry, ShutdownResult, VmSnapshot };

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


export type VmChangeListener = (snapshot: VmSnapshot) => void;

const DEFAULT_SETTINGS: VmServiceSettings = { keepRunning: true, shutdownTimeoutMs: 60_000 };

export class VmService {
  private readonly records = new Map<string, VmRecord>();
  /** What each record's listeners last heard, so an unchanged snapshot is not sent again. */
  private readonly lastEmitted = new WeakMap<VmRecord, string>();
  /** The error a VM's last failed read of its file left as its lastError. */
  private readonly readErrors = new WeakMap<VmRecord, ErrorInfo>();
  private readonly listeners = new Set<VmChangeListener>();
  private readonly startup = new StartupGate((record) => this.read(record));
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
    await this.read(record);
    return this.snapshot(record);
  }

  /**
   * Knows the library's files before reading them (start-up): each gets a record at once, marked
   * loading, so lists show every entry while the files are read (`load`).
   */
  expect(entries: readonly { readonly path: string; readonly lastStartedAt: number | null }[]): void {
    for (const entry of entries) {
      if (this.records.has(this.keyOf(entry.path))) continue;
      const record = this.recordFor(entry.path);
      record.loading = true;
      record.lastStartedAt = entry.lastStartedAt;
    }
  }

  /** Reads a file `expect` announced (once, whoever asks), unless it was read or forgotten meanwhile. */
  load(vmPath: string): Promise<void> {
    return this.startup.load(this.records.get(this.keyOf(vmPath)));
  }

  /** Actions on any VM wait until `settled` (the start-up reads and the re-attach) has. */
  holdActionsUntil(settled: Promise<unknown>): void {
    this.startup.hold(settled);
  }

  list(): VmSnapshot[] {
    return [...this.records.values()].map((record) => this.snapshot(record));
  }

  /** What lists show of every VM, in the order Hako learnt of them. */
  summaries(): VmSummary[] {
    const context = { canCrash: this.deps.hcs.capabilities.crash };
    return [...this.records.values()].map((record) => summaryOf(record, context));
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

  /**
   * Drops a saved VM's saved state, so the next start boots afresh: the save file goes and the `.7b`
   * stops naming it (which also mends a file whose save file is missing). Refused while the VM runs,
   * and before anything is removed when the file could not record it (vm-save.ts).
   */
  async discardSavedState(vmPath: string): Promise<void> {
    const settling = this.startup.settled(this.records.get(this.keyOf(vmPath)));
    if (settling) await settling;
    const record = this.existing(vmPath);
    return record.queue.enqueue('discardSavedState', () => discardSavedState(record, this.lifecycle));
  }

  /** A DVD drive's image inserted (null: ejected), live and in the `.7b`, through the queue (vm-media.ts). */
  async setMedia(vmPath: string, lun: number, image: string | null): Promise<{ appliedNow: boolean }> {
    // Like every action, it waits for the start-up reads and re-attach (a live swap needs the VM's system).
    const settling = this.startup.settled(this.records.get(this.keyOf(vmPath)));
    if (settling) await settling;
    const record = this.existing(vmPath);
    return record.queue.enqueue('setMedia', () => setVmMedia(record, lun, image, { hcs: this.deps.hcs, lifecycle: this.lifecycle }).finally(() => this.emit(record)));
  }

  /** A running VM's live figures, read now (vm-statistics.ts); no timer of Hako's runs for them. */
  statistics(vmPath: string): Promise<VmStatistics> {
    return readVmStatistics(this.existing(vmPath));
  }

  /** Asks the guest to shut down; resolves `{stopped:false}` when it has not within the timeout. */
  shutdown(vmPath: string): Promise<ShutdownResult> {
    return this.act(vmPath, 'shutdown', async (record, signal) =>
      shutdownVm(record, this.liveSystem(record), this.lifecycle, await this.hostSchema(), this.settings.shutdownTimeoutMs, signal),
    );
  }

  /**
   * Hard power off (pause, then terminate, as NanaBox does). Pre-empts the VM's queue: the running
   * action is aborted and the queued ones dropped.
   */
  async powerOff(vmPath: string): Promise<void> {
    const settling = this.startup.settled(this.records.get(this.keyOf(vmPath)));
    if (settling) await settling;
    const record = this.existing(vmPath);
    this.ensureAllowed(record, 'powerOff');
    await record.queue.preempt('powerOff', () => powerOffVm(record, this.lifecycle));
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
  reload(vmPath: string): Promise<LabelledReloadOutcome[]> {
    return this.act(vmPath, 'reload', async (record) => {
      await this.refreshConfig(record);
      return reloadRecord(record, this.liveSystem(record), { hcs: this.deps.hcs, network: this.deps.network, owner: this.owner }, this.lifecycle);
    });
  }

  /** Connects or disconnects one adapter of the running VM at once, and records that in the file. */
  setAdapterConnected(vmPath: string, index: number, connected: boolean): Promise<LabelledReloadOutcome> {
    return this.act(vmPath, 'reload', async (record) => {
      await this.refreshConfig(record);
      const context = { hcs: this.deps.hcs, network: this.deps.network, owner: this.owner, vmPath: record.path };
      const toggle = await toggleAdapterOf(record, this.liveSystem(record), index, connected, context);
      await this.writeBack(record, toggle.patch);
      return toggle.outcome;
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

  private doStart(record: VmRecord, signal: AbortSignal): Promise<void> {
    const keepRunning = this.settings.keepRunning;
    return bootRecord(record, signal, {
      lifecycle: this.lifecycle,
      context: { hcs: this.deps.hcs, network: this.deps.network, host: this.deps.host, files: this.files, owner: this.owner, keepRunning },
      refreshConfig: (r) => this.refreshConfig(r),
      runningElsewhere: (r, id) => [...this.records.values()].find((o) => o !== r && o.system !== null && (o.running?.Name ?? o.config?.Name) === id)?.path ?? null,
    });
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
    const settling = this.startup.settled(this.records.get(this.keyOf(vmPath)));
    if (settling) await settling;
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
      // The file reads again (its BOM added, an edit fixed it): why it could not is history.
      if (record.lastError !== null && record.lastError === this.readErrors.get(record)) record.lastError = null;
      // Only a VM at rest takes its state from the file; a live one's comes from HCS.
      if (record.system === null && (record.state === 'Stopped' || record.state === 'Saved')) {
        record.state = record.config.SaveStateFile ? 'Saved' : 'Stopped';
      }
    } catch (error) {
      record.config = null;
      // A file NanaBox refuses keeps its reasons, so every view can say why it cannot start.
      record.findings = error instanceof ConfigRefusedError ? error.findings : [];
      record.lastError = toErrorInfo(error);
      this.readErrors.set(record, record.lastError);
    }
  }

  private async read(record: VmRecord): Promise<void> {
    await record.log.restore();
    await this.refreshConfig(record);
    record.loading = false;
    this.emit(record);
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


/**
 * VmService: one record per known VM, its state taken only from HCS events and operation results,
 * and every action on it serialised through the VM's own queue (power off pre-empts).
 */
import path from 'node:path';
import { defaultSaveStateFile } from '../../app/compute/document.js';
import { gpuUpdateRequest } from '../../app/compute/modify.js';
import { pauseOptions, saveOptions, shutdownOptions, crashOptions } from '../../app/compute/options.js';
import { type Finding, type VmConfig } from '../../app/config/index.js';
import { HakoError, toErrorInfo, type ErrorInfo } from '../../app/errors/error-info.js';
import { HcsError } from '../../app/errors/hcs-error.js';
import { HRESULT } from '../../app/errors/hresult.js';
import { resolveVmPath } from '../../app/paths/resolve.js';
import { allowedActions, isAllowed, isLive, type VmAction, type VmState } from '../../app/vm/state.js';
import { EventLog, type VmLogEntry } from './event-log.js';
import { fileKey } from '../files/file-key.js';
import { HCS_EVENT, type ComputeSystem, type Hcs, type HcsEvent, type HostInfo, type SystemExitStatus } from './ports.js';
import { OperationSupersededError, SerialQueue } from './serial-queue.js';
import { ConfigService, type VmFiles, type WriteBackPatch } from './config-service.js';
import { reloadVm, sameSettings, type ReloadOutcome } from './vm-reload.js';
import { AlreadyRunningError, startVm, type StartContext, type VmNetworking } from './vm-start.js';

/** What the UI sees of one VM. Plain data: it crosses IPC. */
export interface VmSnapshot {
  readonly path: string;
  /** The HCS id: the file's Name. */
  readonly id: string;
  readonly state: VmState;
  readonly actions: VmAction[];
  /** The configuration in the file (what the UI edits); null when the file cannot be read. */
  readonly config: VmConfig | null;
  readonly findings: readonly Finding[];
  readonly lastError: ErrorInfo | null;
  /** Changes in the file that wait for the next start. */
  readonly pendingRestart: readonly string[];
  /** The live compute system survives Hako's exit (ShouldTerminateOnLastHandleClosed was false). */
  readonly outlivesHako: boolean;
}

export interface VmServiceSettings {
  /** VMs outlive Hako (ShouldTerminateOnLastHandleClosed: false) and are re-attached at the next launch. */
  readonly keepRunning: boolean;
  /** How long a graceful shutdown may take before Hako offers to power off. */
  readonly shutdownTimeoutMs: number;
}

/** The part of the Library VmService needs: which file runs under which HCS id. */
export interface RunningVmRegistry {
  rememberRunning(id: string, path: string): Promise<void>;
  forgetRunning(id: string): Promise<void>;
  fileForId(id: string): Promise<string | null>;
}

export interface VmServiceDeps {
  readonly hcs: Hcs;
  readonly network: VmNetworking;
  readonly host: HostInfo;
  readonly registry: RunningVmRegistry;
  readonly files?: VmFiles;
  /** Read at each use, so a changed preference applies to the next start or shutdown. */
  readonly settings?: Partial<VmServiceSettings> | (() => Partial<VmServiceSettings>);
}

export type ShutdownResult = { readonly stopped: true } | { readonly stopped: false; readonly reason: 'timeout' };

interface VmRecord {
  readonly path: string;
  config: VmConfig | null;
  findings: readonly Finding[];
  /** The configuration the live compute system was started with (plus applied reloads). */
  running: VmConfig | null;
  system: ComputeSystem | null;
  state: VmState;
  lastError: ErrorInfo | null;
  /** Set while a save runs, so the exit that follows it reads as Saved. */
  exitMeansSaved: boolean;
  /** Endpoints this run created that the file does not record; deleted when the VM stops. */
  unpersistedEndpoints: string[];
  /** How the live compute system was created: whether it survives Hako's last handle. */
  outlivesHako: boolean;
  readonly log: EventLog;
  readonly queue: SerialQueue;
  readonly exitWaiters: Set<(status: SystemExitStatus | null) => void>;
}

export type VmChangeListener = (snapshot: VmSnapshot) => void;

const DEFAULT_SETTINGS: VmServiceSettings = { keepRunning: true, shutdownTimeoutMs: 60_000 };

export class VmService {
  private readonly records = new Map<string, VmRecord>();
  private readonly listeners = new Set<VmChangeListener>();
  private readonly files: VmFiles;
  readonly owner: string;

  constructor(private readonly deps: VmServiceDeps) {
    this.files = deps.files ?? new ConfigService();
    this.owner = `Hako/${deps.host.userSid}`;
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

  /** Asks the guest to shut down; resolves `{stopped:false}` when it has not within the timeout. */
  shutdown(vmPath: string): Promise<ShutdownResult> {
    return this.act(vmPath, 'shutdown', async (record, signal) => {
      const system = this.liveSystem(record);
      const exited = this.waitForExit(record, this.settings.shutdownTimeoutMs, signal);
      this.setState(record, 'Stopping');
      // The operation may only complete once the guest is off, so the exit event (or the timeout)
      // decides; an early failure of the request itself still wins.
      const request = system.shutdown(shutdownOptions());
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
      const exited = this.waitForExit(record, 30_000);
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
    });
  }

  pause(vmPath: string): Promise<void> {
    return this.act(vmPath, 'pause', async (record) => {
      await this.liveSystem(record).pause(pauseOptions());
      this.setState(record, 'Paused');
    });
  }

  resume(vmPath: string): Promise<void> {
    return this.act(vmPath, 'resume', async (record) => {
      await this.liveSystem(record).resume();
      this.setState(record, 'Running');
    });
  }

  /** Saves the VM's state to a file and stops it; the next start resumes from it (reference/nanabox.md §6.3). */
  save(vmPath: string): Promise<void> {
    return this.act(vmPath, 'save', (record) => this.doSave(record));
  }

  restart(vmPath: string): Promise<void> {
    return this.act(vmPath, 'restart', async (record, signal) => {
      const system = this.liveSystem(record);
      const exited = this.waitForExit(record, 30_000, signal);
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
      await this.liveSystem(record).crash(crashOptions());
      record.log.add('warning', 'A crash was injected into the guest (NMI).');
    });
  }

  /** Applies the file's current settings to the running VM and says what happened to each change. */
  reload(vmPath: string): Promise<ReloadOutcome[]> {
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
      for (const outcome of result.outcomes) {
        record.log.add(outcome.outcome === 'failed' ? 'warning' : 'info', `Reload ${outcome.path}: ${outcome.outcome}`, outcome.error ? { error: outcome.error } : undefined);
      }
      await this.writeBack(record, result.patch);
      this.emit(record);
      return result.outcomes;
    });
  }

  /**
   * Finds the VMs this user's Hako left running (owner `Hako/<SID>`), reopens them and maps them back
   * to their files, so closing or crashing the app loses no VM.
   */
  async reattach(): Promise<{ attached: string[]; unknown: string[] }> {
    const found = await this.deps.hcs.enumerateComputeSystems({ Owners: [this.owner], Types: ['VirtualMachine'] });
    const attached: string[] = [];
    const unknown: string[] = [];
    for (const properties of found) {
      if (properties.Owner !== undefined && properties.Owner !== this.owner) continue;
      const vmPath = await this.deps.registry.fileForId(properties.Id);
      if (vmPath === null) {
        unknown.push(properties.Id);
        continue;
      }
      const record = this.recordFor(vmPath);
      if (record.system !== null) continue;
      let system: ComputeSystem | null = null;
      try {
        system = await this.deps.hcs.openComputeSystem(properties.Id);
        // Known before the callback is registered, so an exit in between is not lost.
        record.system = system;
        const opened = system;
        system.onEvent((event) => this.onEvent(record, opened, event));
        const current = await system.properties();
        await this.refreshConfig(record);
        if (record.config === null) throw new HakoError('ConfigUnreadable', 'The VM runs, but its file cannot be read.', { path: record.path });
        record.running = record.config;
        // It outlived the Hako that started it, so it will outlive this one too.
        record.outlivesHako = true;
        record.state = current.State === 'Paused' ? 'Paused' : 'Running';
        record.log.add('info', 'Re-attached to the running VM');
        attached.push(vmPath);
        this.emit(record);
      } catch (error) {
        if (record.system === system) record.system = null;
        await system?.close();
        record.log.add('warning', 'Could not re-attach to the VM', { error: toErrorInfo(error) });
      }
    }
    return { attached, unknown };
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
        return (event: HcsEvent) => this.onEvent(record, system, event);
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

  private async doSave(record: VmRecord): Promise<void> {
    const system = this.liveSystem(record);
    const running = record.running!;
    // The .7b must be able to record the save file, or the saved state would be lost at the next start.
    const lossy = (await this.files.load(record.path)).findings.filter((f) => f.lossy);
    if (lossy.length > 0) {
      throw new HakoError(
        'ConsentRequired',
        `The VM file holds values NanaBox would replace (${lossy.map((f) => f.path).join(', ')}), so Hako cannot record the saved state in it. Save the settings once (and agree to the changes), then save the VM.`,
        { path: record.path },
      );
    }
    const wasRunning = record.state === 'Running';
    this.setState(record, 'Saving');
    const saveName = running.SaveStateFile || defaultSaveStateFile(running.Name);
    const saveFile = resolveVmPath(path.dirname(record.path), saveName);
    // GPU-PV blocks saving; NanaBox turns it off first and back on if the save fails.
    const gpuWasOn = running.Gpu.AssignmentMode !== 'Disabled';
    if (gpuWasOn) await system.modify(gpuUpdateRequest({ ...running.Gpu, AssignmentMode: 'Disabled', SelectedDevices: [] })).catch(() => undefined);
    try {
      if (wasRunning) await system.pause(pauseOptions());
      await this.files.remove(saveFile);
      await system.save(saveOptions(saveFile));
    } catch (error) {
      await this.files.remove(saveFile).catch(() => undefined);
      if (wasRunning) await system.resume().catch(() => undefined);
      if (gpuWasOn) await system.modify(gpuUpdateRequest(running.Gpu)).catch(() => undefined);
      if (record.system === system) this.setState(record, wasRunning ? 'Running' : 'Paused');
      throw error;
    }
    record.exitMeansSaved = true;
    const exited = this.waitForExit(record, 30_000);
    try {
      await system.terminate();
    } catch (error) {
      record.exitMeansSaved = false;
      throw error;
    }
    if ((await exited) === null) this.noteMissingExit(record, 'save');
    if (!(await this.writeBack(record, { SaveStateFile: saveName }))) {
      record.lastError = {
        code: 'SaveNotRecorded',
        message: `The VM's state was saved to ${saveName}, but the VM file could not record it; the next start boots afresh.`,
      };
    }
    record.log.add('info', `Saved to ${saveName}`);
  }

  private onEvent(record: VmRecord, system: ComputeSystem, event: HcsEvent): void {
    switch (event.type) {
      case HCS_EVENT.SystemExited:
        this.onExited(record, system, (event.data as SystemExitStatus | null) ?? null);
        break;
      case HCS_EVENT.SystemCrashInitiated:
        record.log.add('error', 'The guest crashed (bugcheck started)', { report: event.data });
        break;
      case HCS_EVENT.SystemCrashReport:
        record.log.add('error', 'The guest crash report is ready', { report: event.data });
        break;
      case HCS_EVENT.ServiceDisconnect:
        record.log.add('error', 'Lost the connection to the Hyper-V compute service');
        this.onExited(record, system, null);
        break;
      default:
        record.log.add('info', `HCS event 0x${event.type.toString(16)}`, event.rawData ? { data: event.rawData } : undefined);
    }
    this.emit(record);
  }

  private onExited(record: VmRecord, system: ComputeSystem, status: SystemExitStatus | null): void {
    if (record.system !== system) return;
    const id = record.running?.Name ?? record.config?.Name ?? '';
    record.system = null;
    record.running = null;
    // Closing from inside the handle's own callback would wait for itself; do it once the callback returned.
    setImmediate(() => void system.close());
    const unexpected = status?.ExitType === 'UnexpectedExit';
    if (record.exitMeansSaved) {
      record.exitMeansSaved = false;
      this.setState(record, 'Saved');
    } else if (unexpected) {
      record.lastError = toErrorInfo(new HcsError({ api: 'HCS', operation: 'the guest', hresult: status?.Status ?? HRESULT.HCS_E_UNEXPECTED_EXIT }));
      this.setState(record, 'Error');
    } else {
      this.setState(record, record.config?.SaveStateFile ? 'Saved' : 'Stopped');
    }
    record.log.add(unexpected ? 'error' : 'info', `The VM stopped (${status?.ExitType ?? 'connection lost'})`, status ? { status } : undefined);
    void this.deps.registry.forgetRunning(id).catch(() => undefined);
    for (const endpoint of record.unpersistedEndpoints.splice(0)) void this.deps.network.deleteEndpoint(endpoint).catch(() => undefined);
    for (const waiter of record.exitWaiters) waiter(status ?? {});
    record.exitWaiters.clear();
  }

  /** Resolves with the exit status, or null when the VM is still running after `timeoutMs` (or on abort). */
  private waitForExit(record: VmRecord, timeoutMs: number, signal?: AbortSignal): Promise<SystemExitStatus | null> {
    return new Promise((resolve) => {
      const finish = (status: SystemExitStatus | null) => {
        clearTimeout(timer);
        signal?.removeEventListener('abort', onAbort);
        record.exitWaiters.delete(finish);
        resolve(status);
      };
      const onAbort = () => finish(null);
      const timer = setTimeout(() => finish(null), timeoutMs);
      signal?.addEventListener('abort', onAbort, { once: true });
      record.exitWaiters.add(finish);
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
    const record = this.existing(vmPath);
    return record.queue.enqueue(action, async (signal) => {
      this.ensureAllowed(record, action);
      try {
        return await run(record, signal);
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
    for (const listener of this.listeners) {
      try {
        listener(snapshot);
      } catch {
        // A broken listener must not break the VM's bookkeeping.
      }
    }
  }

  private snapshot(record: VmRecord): VmSnapshot {
    return {
      path: record.path,
      id: record.running?.Name ?? record.config?.Name ?? '',
      state: record.state,
      actions: allowedActions(record.state, { canCrash: this.deps.hcs.capabilities.crash }),
      config: record.config,
      findings: record.findings,
      lastError: record.lastError,
      pendingRestart: record.running && record.config ? pendingRestart(record.running, record.config) : [],
      outlivesHako: record.system !== null && record.outlivesHako,
    };
  }

  /** Windows paths name the same file whatever their case (Library compares them the same way). */
  private keyOf(vmPath: string): string {
    return fileKey(vmPath);
  }

  private recordFor(vmPath: string): VmRecord {
    const key = this.keyOf(vmPath);
    let record = this.records.get(key);
    if (record === undefined) {
      record = {
        path: path.resolve(vmPath),
        config: null,
        findings: [],
        running: null,
        system: null,
        state: 'Stopped',
        lastError: null,
        exitMeansSaved: false,
        unpersistedEndpoints: [],
        outlivesHako: false,
        log: new EventLog(),
        queue: new SerialQueue(),
        exitWaiters: new Set(),
      };
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

/** Top-level settings whose value in the file differs from what the VM runs with. */
function pendingRestart(running: VmConfig, file: VmConfig): string[] {
  return (Object.keys(file) as (keyof VmConfig)[])
    .filter((key) => key !== 'unknownKeys' && !['GuestStateFile', 'RuntimeStateFile', 'SaveStateFile', 'NetworkAdapters'].includes(key))
    .filter((key) => !sameSettings(running[key], file[key]))
    .map((key) => `/NanaBox/${key}`);
}

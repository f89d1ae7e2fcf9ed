/**
 * What VmService keeps per VM, and what the UI sees of it. A record's state changes only through
 * VmService (from HCS events and operation results); these helpers read it.
 */
import path from 'node:path';
import { type Finding, type VmConfig } from '../../../app/config/index.js';
import { HakoError, type ErrorInfo } from '../../../app/errors/error-info.js';
import { allowedActions, type VmAction, type VmState } from '../../../app/vm/state.js';
import { type VmFiles, type WriteBackPatch } from '../config-service.js';
import { type ComputeSystem, type SystemExitStatus } from '../ports.js';
import { EventLog, type EventLogSink } from './event-log.js';
import { SerialQueue } from './serial-queue.js';
import { sameSettings } from './vm-reload.js';
import { type VmNetworking } from './vm-start.js';

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

export interface VmRecord {
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

export function newVmRecord(vmPath: string, logSink: EventLogSink | null = null): VmRecord {
  return {
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
    log: new EventLog(logSink),
    queue: new SerialQueue(),
    exitWaiters: new Set(),
  };
}

/** The HCS id of the VM: the Name it runs under, else the file's. */
export function vmIdOf(record: VmRecord): string {
  return record.running?.Name ?? record.config?.Name ?? '';
}

export function snapshotOf(record: VmRecord, context: { readonly canCrash: boolean }): VmSnapshot {
  return {
    path: record.path,
    id: vmIdOf(record),
    state: record.state,
    // A file NanaBox refuses cannot be started; the last error says why.
    actions: allowedActions(record.state, context).filter((action) => action !== 'start' || record.config !== null),
    config: record.config,
    findings: record.findings,
    lastError: record.lastError,
    pendingRestart: record.running && record.config ? pendingRestart(record.running, record.config) : [],
    outlivesHako: record.system !== null && record.outlivesHako,
  };
}

/**
 * Hako writes a value into a `.7b` only where rewriting the file changes nothing else: a file holding
 * values NanaBox would replace needs the user's consent first (saving the settings once), as the
 * write-back itself requires (ConfigService.writeBack).
 */
export function refuseLossyFile(record: VmRecord, findings: readonly Finding[]): void {
  const lossy = findings.filter((f) => f.lossy);
  if (lossy.length === 0) return;
  throw new HakoError('ConsentRequired', `The VM file holds values NanaBox would replace (${lossy.map((f) => f.path).join(', ')}); save the settings once (and agree to the changes) first.`, { path: record.path });
}

/** Resolves with the exit status, or null when the VM is still running after `timeoutMs` (or on abort). */
export function waitForExit(record: VmRecord, timeoutMs: number, signal?: AbortSignal): Promise<SystemExitStatus | null> {
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

/** Top-level settings whose value in the file differs from what the VM runs with. */
function pendingRestart(running: VmConfig, file: VmConfig): string[] {
  return (Object.keys(file) as (keyof VmConfig)[])
    .filter((key) => key !== 'unknownKeys' && !['GuestStateFile', 'RuntimeStateFile', 'SaveStateFile', 'NetworkAdapters'].includes(key))
    .filter((key) => !sameSettings(running[key], file[key]))
    .map((key) => `/NanaBox/${key}`);
}

/** What the VM's operations (save, HCS events) may do to a record; VmService provides it. */
export interface VmLifecycle {
  readonly files: VmFiles;
  readonly registry: RunningVmRegistry;
  readonly network: Pick<VmNetworking, 'deleteEndpoint'>;
  setState(record: VmRecord, state: VmState): void;
  /** Tells listeners the record changed. */
  emit(record: VmRecord): void;
  /** Writes generated values into the file; resolves whether the file now holds them. */
  writeBack(record: VmRecord, patch: WriteBackPatch): Promise<boolean>;
  /** HCS accepted a stop but reported no exit. */
  noteMissingExit(record: VmRecord, action: string): void;
}

/** The part of the Library VmService needs: which file runs under which HCS id. */
export interface RunningVmRegistry {
  rememberRunning(id: string, path: string): Promise<void>;
  forgetRunning(id: string): Promise<void>;
  fileForId(id: string): Promise<string | null>;
  /** Every id recorded as running, with its file. */
  runningVms(): Promise<{ id: string; path: string }[]>;
}

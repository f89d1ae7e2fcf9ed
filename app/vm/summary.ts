/**
 * What a list of VMs shows of each (the library's sidebar and Home grid, the tray): a few hundred bytes
 * instead of the whole configuration. Main lists summaries (`library.list`); the renderer derives the
 * same summary from a full snapshot it is sent (`vm.changed`, `vm.get`) with this one function, so the
 * two never disagree.
 */
import { type ErrorInfo } from '../errors/error-info.js';
import { vmDisplayName } from './labels.js';
import { type VmAction, type VmState } from './state.js';

/** An error as it crosses IPC: the catalogue's fields, its code as text (the renderer's DTOs say string). */
export type SummaryError = Omit<ErrorInfo, 'code'> & { readonly code: string };

export interface VmSummary {
  readonly path: string;
  /** The HCS id (the file's Name, or the name the VM runs under). */
  readonly id: string;
  /** The name the UI shows (app/vm/labels.ts). */
  readonly name: string;
  /** The guest the file names; null when it says Unknown or cannot be read. */
  readonly guest: 'Windows' | 'Linux' | null;
  readonly state: VmState;
  readonly actions: VmAction[];
  /** Null while the file is not (or cannot be) read. */
  readonly processors: number | null;
  readonly memoryMb: number | null;
  /** What the file's checks found (errors keep it from starting; warnings do not). */
  readonly problems: { readonly errors: number; readonly warnings: number };
  readonly lastError: SummaryError | null;
  readonly outlivesHako: boolean;
  /** When Hako last started it (ms since the epoch), per user, from the library; null if never. */
  readonly lastStartedAt: number | null;
  /** Hako is still reading the file (at start-up): the rest is not known yet. */
  readonly loading: boolean;
}

/** The parts of a full snapshot (main's VmSnapshot, the contract's VmSnapshotDto) a summary needs. */
export interface SummarySource {
  readonly path: string;
  readonly id: string;
  readonly state: VmState;
  readonly actions: readonly VmAction[];
  readonly config: { readonly Name: string; readonly GuestType: string; readonly ProcessorCount: number; readonly MemorySize: number } | null;
  readonly findings: readonly { readonly severity: 'error' | 'warning' | 'info' }[];
  readonly lastError: SummaryError | null;
  readonly outlivesHako: boolean;
  readonly lastStartedAt?: number | null;
  readonly loading?: boolean;
}

export function summarize(vm: SummarySource): VmSummary {
  const { config } = vm;
  let errors = 0;
  let warnings = 0;
  for (const finding of vm.findings) {
    if (finding.severity === 'error') errors++;
    else if (finding.severity === 'warning') warnings++;
  }
  return {
    path: vm.path,
    id: vm.id,
    name: vmDisplayName(config?.Name, vm.path),
    guest: config?.GuestType === 'Windows' || config?.GuestType === 'Linux' ? config.GuestType : null,
    state: vm.state,
    actions: [...vm.actions],
    processors: config?.ProcessorCount ?? null,
    memoryMb: config?.MemorySize ?? null,
    problems: { errors, warnings },
    lastError: vm.lastError,
    outlivesHako: vm.outlivesHako,
    lastStartedAt: vm.lastStartedAt ?? null,
    loading: vm.loading ?? false,
  };
}

/** Whether two summaries show the same: lets a list keep its old object (and its row) when nothing changed. */
export function sameSummary(a: VmSummary, b: VmSummary): boolean {
  return (
    a.path === b.path &&
    a.id === b.id &&
    a.name === b.name &&
    a.guest === b.guest &&
    a.state === b.state &&
    a.actions.length === b.actions.length &&
    a.actions.every((action, i) => action === b.actions[i]) &&
    a.processors === b.processors &&
    a.memoryMb === b.memoryMb &&
    a.problems.errors === b.problems.errors &&
    a.problems.warnings === b.problems.warnings &&
    JSON.stringify(a.lastError) === JSON.stringify(b.lastError) &&
    a.outlivesHako === b.outlivesHako &&
    a.lastStartedAt === b.lastStartedAt &&
    a.loading === b.loading
  );
}

/**
 * How the UI names VM actions and colours states (their names are app/vm/labels.ts's,
 * shared with the tray), and which buttons the header shows. The service decides what is allowed
 * (`snapshot.actions`, from app/vm/state.ts); the UI only presents it.
 */
import type { VmSnapshotDto } from '../../../app/ipc/contract.js';
import type { VmAction, VmState } from '../../../app/vm/state.js';
import { ACTION_HINTS, ACTION_LABELS, fileTitle, vmDisplayName } from '../../../app/vm/labels.js';
import { formatBytes, formatMegabytes } from '../../../app/format/bytes.js';

export { ACTION_HINTS, ACTION_LABELS };

/** The badge colour family of a state (CSS class suffix). */
export type StateTone = 'neutral' | 'success' | 'warning' | 'info' | 'busy' | 'danger';

export const STATE_TONES: Readonly<Record<VmState, StateTone>> = {
  Stopped: 'neutral',
  Starting: 'busy',
  Running: 'success',
  Paused: 'warning',
  Saving: 'busy',
  Saved: 'info',
  Stopping: 'busy',
  Error: 'danger',
};

/** Actions that need the user to confirm first. */
export const CONFIRMED_ACTIONS: ReadonlySet<VmAction> = new Set(['powerOff', 'restart', 'crash']);

/** The header's buttons, in order; start and resume share the first slot. */
export const PRIMARY_ACTIONS: readonly VmAction[] = ['start', 'resume', 'shutdown', 'pause', 'save', 'restart', 'powerOff'];

/** Actions that live in the header's "More" menu. */
export const SECONDARY_ACTIONS: readonly VmAction[] = ['reload', 'crash'];

export interface ActionButton {
  readonly action: VmAction;
  readonly label: string;
  readonly hint: string;
  readonly enabled: boolean;
}

/**
 * The header's buttons for a snapshot: Start becomes Resume while paused (only one of the two shows),
 * and everything is disabled while another action on the VM is in flight.
 */
export function headerButtons(snapshot: Pick<VmSnapshotDto, 'actions' | 'state'>, busy: boolean): ActionButton[] {
  const allowed = new Set(snapshot.actions);
  return PRIMARY_ACTIONS.filter((action) => {
    if (action === 'start') return !allowed.has('resume');
    if (action === 'resume') return allowed.has('resume');
    return true;
  }).map((action) => ({ action, label: ACTION_LABELS[action], hint: ACTION_HINTS[action], enabled: !busy && allowed.has(action) }));
}

/** The name shown for a VM: its configured Name, or the file name. */
export function vmTitle(snapshot: Pick<VmSnapshotDto, 'config' | 'path'>): string {
  return vmDisplayName(snapshot.config?.Name, snapshot.path);
}

/** A `.7b` MemorySize in megabytes, as Windows shows sizes. */
export const formatMemory = (megabytes: number): string => formatMegabytes(megabytes);

export { fileTitle, formatBytes };

export { folderOf, joinPath } from '../../../app/paths/parts.js';

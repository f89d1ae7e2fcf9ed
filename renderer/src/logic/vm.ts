/**
 * How the UI names VM actions and colours states (their names are app/vm/state.ts's VM_STATE_LABELS,
 * shared with the tray), and which buttons the header shows. The service decides what is allowed
 * (`snapshot.actions`, from app/vm/state.ts); the UI only presents it.
 */
import type { VmSnapshotDto } from '../../../app/ipc/contract.js';
import type { VmAction, VmState } from '../../../app/vm/state.js';

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

export const ACTION_LABELS: Readonly<Record<VmAction, string>> = {
  start: 'Start',
  shutdown: 'Shut down',
  powerOff: 'Power off',
  pause: 'Pause',
  resume: 'Resume',
  save: 'Save',
  restart: 'Restart',
  crash: 'Send NMI (crash)',
  reload: 'Apply settings now',
};

/** What each action does, for tooltips and accessible descriptions. */
export const ACTION_HINTS: Readonly<Record<VmAction, string>> = {
  start: 'Start the VM (a saved VM resumes where it was saved)',
  shutdown: 'Ask the guest operating system to shut down',
  powerOff: 'Cut the power at once, as pulling the plug would',
  pause: 'Freeze the VM in memory',
  resume: 'Continue the paused VM',
  save: 'Save the VM state to a file and stop it; Start resumes it',
  restart: 'Hard reset: power off and start again with the settings in the file',
  crash: 'Inject a non-maskable interrupt so the guest writes a crash dump',
  reload: 'Apply the settings that can change while the VM runs',
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

/** A file name without its folder and extension, for VMs whose file cannot be read. */
export function fileTitle(path: string): string {
  const base = path.split(/[\\/]/).pop() ?? path;
  return base.replace(/\.7b$/i, '');
}

/** The name shown for a VM: its configured Name, or the file name. */
export function vmTitle(snapshot: Pick<VmSnapshotDto, 'config' | 'path'>): string {
  const name = snapshot.config?.Name.trim();
  return name ? name : fileTitle(snapshot.path);
}

export function formatMemory(megabytes: number): string {
  if (megabytes >= 1024 && megabytes % 1024 === 0) return `${megabytes / 1024} GB`;
  if (megabytes >= 1024) return `${(megabytes / 1024).toFixed(1)} GB`;
  return `${megabytes} MB`;
}

export function formatBytes(bytes: number): string {
  const units = ['B', 'KB', 'MB', 'GB', 'TB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${value >= 10 || unit === 0 ? Math.round(value) : value.toFixed(1)} ${units[unit]}`;
}

/** The folder of a `.7b` path, in the path's own style (Windows or POSIX). */
export function folderOf(path: string): string {
  const index = Math.max(path.lastIndexOf('\\'), path.lastIndexOf('/'));
  return index <= 0 ? path.slice(0, index + 1) : path.slice(0, index);
}

export function joinPath(folder: string, name: string): string {
  const separator = /^[A-Za-z]:|^\\\\/.test(folder) || (folder.includes('\\') && !folder.includes('/')) ? '\\' : '/';
  return folder.endsWith(separator) ? folder + name : folder + separator + name;
}

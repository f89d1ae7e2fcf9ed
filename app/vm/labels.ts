/**
 * How every surface (the window, the tray, dialogs) names a VM, its states and its actions, so the tray
 * and the window never call one action by two names.
 */
import { baseName } from '../paths/parts.js';
import type { VmAction, VmState } from './state.js';

/** The name of each state. */
export const VM_STATE_LABELS: Readonly<Record<VmState, string>> = {
  Stopped: 'Stopped',
  Starting: 'Starting…',
  Running: 'Running',
  Paused: 'Paused',
  Saving: 'Saving…',
  Saved: 'Saved',
  Stopping: 'Stopping…',
  Error: 'Error',
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

/** What the VM's log says when an action has done its work (actions that log their own outcome have none). */
export const ACTION_DONE: Readonly<Partial<Record<VmAction, string>>> = {
  start: 'Started',
  shutdown: 'Shut down by the guest',
  pause: 'Paused',
  resume: 'Resumed',
  restart: 'Restarted (power off, then start)',
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

/** A file name without its folder (either separator) and its `.7b` extension. */
export function fileTitle(path: string): string {
  return baseName(path).replace(/\.7b$/i, '');
}

/** The name shown for a VM: its Name (the HCS id), or the file's name when the file gives none. */
export function vmDisplayName(name: string | null | undefined, path: string): string {
  const trimmed = name?.trim();
  return trimmed ? trimmed : fileTitle(path);
}

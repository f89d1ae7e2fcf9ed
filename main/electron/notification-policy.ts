/**
 * When the shell shows an OS notification: a VM stopped unexpectedly (it was running and now reports an
 * error), or a long background operation ended while Hako's window was hidden — and only while the user
 * keeps notifications on. Plain functions (no Electron), so vitest checks them.
 */
import { vmDisplayName } from '../../app/vm/labels.js';
import { type VmState } from '../../app/vm/state.js';

export interface NotificationText {
  readonly title: string;
  readonly body: string;
}

export interface VmChange {
  readonly path: string;
  readonly id: string;
  readonly state: VmState;
  readonly lastError: { readonly code: string; readonly message: string } | null;
}

/** A VM's change is worth a notification when a running VM has stopped with an error. */
export function vmStopNotification(previous: VmState | undefined, next: VmChange, enabled: boolean): NotificationText | null {
  if (!enabled || next.state !== 'Error' || (previous !== 'Running' && previous !== 'Paused')) return null;
  return { title: `${vmDisplayName(next.id, next.path)} stopped unexpectedly`, body: next.lastError?.message ?? 'The virtual machine stopped.' };
}

const OPERATION_NAMES: Readonly<Record<string, string>> = {
  'disk.create': 'Creating the disk',
  'disk.resize': 'Resizing the disk',
  'disk.compact': 'Compacting the disk',
  'vm.create': 'Creating the VM',
  'vm.clone': 'Cloning the VM',
};

/** A finished background operation is worth a notification only while the window is hidden. */
export function operationNotification(
  progress: { readonly kind: string; readonly done: boolean; readonly error?: { readonly message: string } },
  windowVisible: boolean,
  enabled: boolean,
): NotificationText | null {
  if (!enabled || windowVisible || !progress.done) return null;
  const what = OPERATION_NAMES[progress.kind] ?? 'The operation';
  return progress.error ? { title: `${what} failed`, body: progress.error.message } : { title: `${what} is done`, body: 'Open Hako to see the result.' };
}

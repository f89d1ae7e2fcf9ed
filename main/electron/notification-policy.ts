/**
 * When the shell shows an OS notification: a VM stopped unexpectedly (it was running and now reports an
 * error), or a long background operation ended while Hako's window was hidden — and only while the user
 * keeps notifications on. Plain functions (no Electron), so vitest checks them.
 */
import { errorText } from '../../app/i18n/text.js';
import type { Translator } from '../../app/i18n/translator.js';
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
  readonly lastError: { readonly code: string; readonly message: string; readonly params?: Readonly<Record<string, string | number | boolean>> } | null;
}

/** A VM's change is worth a notification when a running VM has stopped with an error. */
export function vmStopNotification(previous: VmState | undefined, next: VmChange, enabled: boolean, tr: Translator): NotificationText | null {
  if (!enabled || next.state !== 'Error' || (previous !== 'Running' && previous !== 'Paused')) return null;
  return {
    title: tr.t('notify.vmStopped', { name: vmDisplayName(next.id, next.path) }),
    body: next.lastError ? errorText(tr, next.lastError).message : tr.t('notify.vmStopped.body'),
  };
}

const OPERATION_KINDS: ReadonlySet<string> = new Set(['disk.create', 'disk.resize', 'disk.compact', 'vm.create', 'vm.clone']);

/** A finished background operation is worth a notification only while the window is hidden. */
export function operationNotification(
  progress: { readonly kind: string; readonly done: boolean; readonly error?: { readonly code?: string; readonly message: string } },
  windowVisible: boolean,
  enabled: boolean,
  tr: Translator,
): NotificationText | null {
  if (!enabled || windowVisible || !progress.done) return null;
  const what = tr.maybe(OPERATION_KINDS.has(progress.kind) ? `notify.operation.${progress.kind}` : 'notify.operation.other') ?? tr.t('notify.operation.other');
  if (progress.error) return { title: tr.t('notify.operation.failed', { what }), body: errorText(tr, { code: progress.error.code ?? '', message: progress.error.message }).message };
  return { title: tr.t('notify.operation.done', { what }), body: tr.t('notify.operation.done.body') };
}

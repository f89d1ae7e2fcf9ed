/** The words of a notification: the feature's own, or for what main reported by event, these. */
import type { OperationKind } from '../../../../app/operations.js';
import type { ShownError } from '../../errors/shown-error.js';
import type { Notice, Tone } from '../../store/index.js';

export interface NoticeText {
  readonly tone: Tone;
  readonly title: string;
  readonly message?: string;
  readonly error?: ShownError;
}

/** What a background operation is called when the feature that started it did not say. */
export const OPERATION_NAMES: Readonly<Record<OperationKind, string>> = {
  'disk.create': 'Creating a disk',
  'disk.resize': 'Resizing a disk',
  'disk.compact': 'Compacting a disk',
  'vm.create': 'Creating a VM',
  'vm.clone': 'Cloning a VM',
};

export function noticeText(notice: Notice): NoticeText {
  switch (notice.kind) {
    case 'message':
      return notice;
    case 'operation-finished': {
      const label = notice.label ?? OPERATION_NAMES[notice.operation];
      if (notice.error?.code === 'Cancelled') return { tone: 'info', title: `${label}: cancelled` };
      return notice.error ? { tone: 'error', title: `${label} failed`, error: notice.error } : { tone: 'success', title: `${label}: done` };
    }
    case 'vm-unavailable':
      return { tone: 'error', title: 'Could not show the VM', error: notice.error };
  }
}

/** The words of a notification: the feature's own, or for what main reported by event, these. */
import type { ShownError } from '../../errors/shown-error.js';
import type { Notice, Tone } from '../../store/index.js';

export interface NoticeText {
  readonly tone: Tone;
  readonly title: string;
  readonly message?: string;
  readonly error?: ShownError;
}

/** What a disk operation is called when the feature that started it did not say. */
export const UNLABELLED_DISK_OPERATION = 'Disk operation';

export function noticeText(notice: Notice): NoticeText {
  switch (notice.kind) {
    case 'message':
      return notice;
    case 'disk-finished': {
      const label = notice.label ?? UNLABELLED_DISK_OPERATION;
      return notice.error ? { tone: 'error', title: `${label} failed`, error: notice.error } : { tone: 'success', title: `${label}: done` };
    }
    case 'vm-unavailable':
      return { tone: 'error', title: 'Could not show the VM', error: notice.error };
  }
}

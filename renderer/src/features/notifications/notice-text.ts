/** The words of a notification: the feature's own, or for what main reported by event, these. */
import type { OperationKind } from '../../../../app/operations.js';
import type { Translator } from '../../../../app/i18n/translator.js';
import type { ShownError } from '../../errors/shown-error.js';
import type { Notice, Tone } from '../../store/index.js';

export interface NoticeText {
  readonly tone: Tone;
  readonly title: string;
  readonly message?: string;
  readonly error?: ShownError;
}

/** What a background operation is called when the feature that started it did not say. */
export function operationName(tr: Translator, kind: OperationKind): string {
  return tr.t(`operation.${kind}`);
}

export function noticeText(tr: Translator, notice: Notice): NoticeText {
  switch (notice.kind) {
    case 'message':
      return notice;
    case 'operation-finished': {
      const label = notice.label ?? operationName(tr, notice.operation);
      return notice.error
        ? { tone: 'error', title: tr.t('notifications.operation.failed', { label }), error: notice.error }
        : { tone: 'success', title: tr.t('notifications.operation.done', { label }) };
    }
    case 'vm-unavailable':
      return { tone: 'error', title: tr.t('library.showFailed'), error: notice.error };
  }
}

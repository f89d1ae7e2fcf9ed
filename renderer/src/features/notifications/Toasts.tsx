/**
 * Notifications: failures (code, message, advice), outcomes, and background operations in progress.
 * They sit in a strip of their own under the page (the page gives up the room), so they never cover a
 * control such as the save bar's Save. Errors stay until dismissed; with more than one, "Clear all"
 * dismisses them at once.
 */
import clsx from 'clsx';
import { useT } from '../../i18n/context.js';
import { Button } from '../../kit/Button/Button.js';
import { ErrorDetails } from '../../kit/ErrorDetails/ErrorDetails.js';
import { Icon, type IconName } from '../../kit/Icon/Icon.js';
import { useHako } from '../../store/context.js';
import type { Tone } from '../../store/index.js';
import { noticeText, operationName } from './notice-text.js';
import { useBackgroundOperations } from './use-background-operations.js';
import './Toasts.css';

const ICONS: Readonly<Record<Tone, IconName>> = { error: 'error', success: 'check', info: 'info' };

export function Toasts() {
  const { t } = useT();
  const count = useHako((s) => s.toasts.length);
  const clearAll = useHako((s) => s.dismissAllToasts);
  return (
    <div className="toasts" role="region" aria-label={t('notifications.region')}>
      <div className="toast-stack">
        <OperationProgress />
        <Messages />
      </div>
      {count > 1 && (
        <div className="toast-tools">
          <Button variant="subtle" icon="close" onClick={clearAll} title={t('notifications.clearAllLabel')}>
            {t('notifications.clearAll')}
          </Button>
        </div>
      )}
    </div>
  );
}

function OperationProgress() {
  const tr = useT();
  const { operations, cancel } = useBackgroundOperations();
  return operations.map((d) => {
    const label = d.label ?? operationName(tr, d.kind);
    const total = Math.max(d.total, 1);
    return (
      <div key={d.operationId} className="toast toast-info" role="status">
        <Icon name={d.kind.startsWith('vm.') ? 'vm' : 'disk'} className="toast-icon" />
        <div className="toast-body">
          <p className="toast-title">{label}</p>
          <progress className="progress" value={d.completed} max={total} aria-label={label}>
            {tr.t('notifications.progress', { percent: Math.round((100 * d.completed) / total) })}
          </progress>
        </div>
        <Button variant="subtle" icon="close" label={tr.t('notifications.cancel', { label })} onClick={() => cancel(d.operationId)} />
      </div>
    );
  });
}

function Messages() {
  const tr = useT();
  const toasts = useHako((s) => s.toasts);
  const dismiss = useHako((s) => s.dismissToast);
  return toasts.map((toast) => {
    const text = noticeText(tr, toast);
    return (
      <div key={toast.id} className={clsx('toast', `toast-${text.tone}`)} role={text.tone === 'error' ? 'alert' : 'status'}>
        <Icon name={ICONS[text.tone]} className="toast-icon" />
        <div className="toast-body">
          <p className="toast-title">{text.title}</p>
          {text.message && <p className="toast-message">{text.message}</p>}
          {text.error && <ErrorDetails error={text.error} />}
        </div>
        <Button variant="subtle" icon="close" label={tr.t('notifications.dismiss')} onClick={() => dismiss(toast.id)} />
      </div>
    );
  });
}

/** Notifications: failures (code, message, advice), outcomes, and background operations in progress. */
import clsx from 'clsx';
import { Button } from '../../kit/Button/Button.js';
import { ErrorDetails } from '../../kit/ErrorDetails/ErrorDetails.js';
import { Icon, type IconName } from '../../kit/Icon/Icon.js';
import { useHako } from '../../store/context.js';
import type { Tone } from '../../store/index.js';
import { OPERATION_NAMES, noticeText } from './notice-text.js';
import { useBackgroundOperations } from './use-background-operations.js';
import './Toasts.css';

const ICONS: Readonly<Record<Tone, IconName>> = { error: 'error', success: 'check', info: 'info' };

export function Toasts() {
  return (
    <div className="toasts">
      <div className="toast-stack" role="region" aria-label="Notifications">
        <OperationProgress />
        <Messages />
      </div>
    </div>
  );
}

function OperationProgress() {
  const { operations, cancel } = useBackgroundOperations();
  return operations.map((d) => {
    const label = d.label ?? OPERATION_NAMES[d.kind];
    const total = Math.max(d.total, 1);
    return (
      <div key={d.operationId} className="toast toast-info" role="status">
        <Icon name={d.kind.startsWith('vm.') ? 'vm' : 'disk'} className="toast-icon" />
        <div className="toast-body">
          <p className="toast-title">{label}</p>
          <progress className="progress" value={d.completed} max={total} aria-label={label}>
            {Math.round((100 * d.completed) / total)}%
          </progress>
        </div>
        <Button variant="subtle" icon="close" label={`Cancel: ${label}`} onClick={() => cancel(d.operationId)} />
      </div>
    );
  });
}

function Messages() {
  const toasts = useHako((s) => s.toasts);
  const dismiss = useHako((s) => s.dismissToast);
  return toasts.map((toast) => {
    const text = noticeText(toast);
    return (
      <div key={toast.id} className={clsx('toast', `toast-${text.tone}`)} role={text.tone === 'error' ? 'alert' : 'status'}>
        <Icon name={ICONS[text.tone]} className="toast-icon" />
        <div className="toast-body">
          <p className="toast-title">{text.title}</p>
          {text.message && <p className="toast-message">{text.message}</p>}
          {text.error && <ErrorDetails error={text.error} />}
        </div>
        <Button variant="subtle" icon="close" label="Dismiss notification" onClick={() => dismiss(toast.id)} />
      </div>
    );
  });
}

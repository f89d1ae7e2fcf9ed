/** Notifications: failed calls (code, message, advice) and disk operations in progress. */
import { useShallow } from 'zustand/react/shallow';
import { useHako } from '../context.js';
import { Icon } from './icons.js';
import { Button, ErrorDetails } from './ui.js';

export function Toasts() {
  const toasts = useHako((s) => s.toasts);
  const dismiss = useHako((s) => s.dismissToast);
  const disks = useHako(useShallow((s) => Object.values(s.disks)));
  const call = useHako((s) => s.call);
  return (
    <div className="toasts">
      <div className="toast-stack" role="region" aria-label="Notifications">
        {disks.map((d) => (
          <div key={d.operationId} className="toast toast-info" role="status">
            <Icon name="disk" className="toast-icon" />
            <div className="toast-body">
              <p className="toast-title">{d.label}</p>
              <progress className="progress" value={d.completed} max={Math.max(d.total, 1)} aria-label={d.label}>
                {Math.round((100 * d.completed) / Math.max(d.total, 1))}%
              </progress>
            </div>
            <Button
              variant="subtle"
              icon="close"
              label={`Cancel: ${d.label}`}
              onClick={() => void call('Could not cancel', (api) => api.invoke('operations.cancel', { operationId: d.operationId }))}
            />
          </div>
        ))}
        {toasts.map((t) => (
          <div key={t.id} className={`toast toast-${t.tone}`} role={t.tone === 'error' ? 'alert' : 'status'}>
            <Icon name={t.tone === 'error' ? 'error' : t.tone === 'success' ? 'check' : 'info'} className="toast-icon" />
            <div className="toast-body">
              <p className="toast-title">{t.title}</p>
              {t.message && <p className="toast-message">{t.message}</p>}
              {t.error && <ErrorDetails error={t.error} />}
            </div>
            <Button variant="subtle" icon="close" label="Dismiss notification" onClick={() => dismiss(t.id)} />
          </div>
        ))}
      </div>
    </div>
  );
}

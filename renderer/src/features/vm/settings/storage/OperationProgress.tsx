/** A disk operation under way inside its dialog: how far it is, and Cancel. */
import { useT } from '../../../../i18n/context.js';
import { Button } from '../../../../kit/Button/Button.js';
import type { DiskOperation } from './use-disk-operation.js';

export function OperationProgress({ operation, label }: { readonly operation: DiskOperation; readonly label: string }) {
  const { t } = useT();
  const running = operation.running;
  if (running === null) return null;
  const percent = Math.round((100 * running.completed) / running.total);
  return (
    <div className="disk-progress" role="status">
      <progress className="progress" value={running.completed} max={running.total} aria-label={label}>
        {t('notifications.progress', { percent })}
      </progress>
      <span className="muted small">{t('notifications.progress', { percent })}</span>
      <Button variant="subtle" icon="close" onClick={operation.cancel} label={t('storage.cancelLabel', { label })}>
        {t('common.cancel')}
      </Button>
    </div>
  );
}

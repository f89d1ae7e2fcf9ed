/** Compacting a dynamically expanding disk (the VM off): gives the host the blocks the guest freed. */
import { useState } from 'react';
import { baseName } from '../../../../../../app/paths/parts.js';
import { useT } from '../../../../i18n/context.js';
import { Button } from '../../../../kit/Button/Button.js';
import { Dialog } from '../../../../kit/Dialog/Dialog.js';
import { ErrorDetails } from '../../../../kit/ErrorDetails/ErrorDetails.js';
import type { ShownError } from '../../../../errors/shown-error.js';
import { OperationProgress } from './OperationProgress.js';
import type { DiskInfo } from './use-disk-info.js';
import { useDiskOperation } from './use-disk-operation.js';

export function CompactDialog({ file, info, onClose, onDone }: { readonly file: string; readonly info: DiskInfo; readonly onClose: () => void; readonly onDone: () => void }) {
  const tr = useT();
  const { t } = tr;
  const operation = useDiskOperation();
  const [error, setError] = useState<ShownError | null>(null);
  const name = baseName(file);

  const compact = async () => {
    setError(null);
    const end = await operation.run('disk.compact', t('storage.compact.progress', { name }), (api) => api.invoke('disks.compact', { path: file }));
    if (end.ok) onDone();
    else if (!end.cancelled) setError(end.error);
  };

  return (
    <Dialog
      title={t('storage.compact.title', { name })}
      onClose={onClose}
      footer={
        <>
          <Button variant="primary" disabled={operation.running !== null} onClick={() => void compact()}>
            {t('storage.compact.submit')}
          </Button>
          <Button onClick={onClose}>{t('common.close')}</Button>
        </>
      }
    >
      <div className="stack">
        <p>{t('storage.compact.body', { size: tr.bytes(info.physicalSize) })}</p>
        <OperationProgress operation={operation} label={t('storage.compact.progress', { name })} />
        {error && (
          <div role="alert">
            <ErrorDetails error={error} />
          </div>
        )}
      </div>
    </Dialog>
  );
}

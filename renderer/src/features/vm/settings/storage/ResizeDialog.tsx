/**
 * Resizing a disk: grow it, or shrink it no lower than where the guest's partitions end (virtdisk's
 * smallest safe size, which the dialog names), with progress and Cancel. Main checks the same again.
 */
import { useState } from 'react';
import { GiB, diskSizeProblem } from '../../../../../../app/disks/size.js';
import { errorText } from '../../../../../../app/i18n/text.js';
import { baseName } from '../../../../../../app/paths/parts.js';
import { useT } from '../../../../i18n/context.js';
import { Button } from '../../../../kit/Button/Button.js';
import { Dialog } from '../../../../kit/Dialog/Dialog.js';
import { ErrorDetails } from '../../../../kit/ErrorDetails/ErrorDetails.js';
import { NumberField } from '../../../../kit/NumberField/NumberField.js';
import type { ShownError } from '../../../../errors/shown-error.js';
import { shrinkProblem } from './disk-rules.js';
import { OperationProgress } from './OperationProgress.js';
import { diskSizeBytes } from './use-create-disk.js';
import type { DiskInfo } from './use-disk-info.js';
import { useDiskOperation } from './use-disk-operation.js';

export function ResizeDialog({ file, info, onClose, onDone }: { readonly file: string; readonly info: DiskInfo; readonly onClose: () => void; readonly onDone: () => void }) {
  const tr = useT();
  const { t } = tr;
  const operation = useDiskOperation();
  const [gigabytes, setGigabytes] = useState<number | null>(Math.ceil(info.virtualSize / GiB) * 2);
  const [error, setError] = useState<ShownError | null>(null);
  const name = baseName(file);
  const bytes = gigabytes === null || !Number.isFinite(gigabytes) ? null : diskSizeBytes(gigabytes);
  const problem = (() => {
    if (bytes === null) return t('disk.size.missing');
    if (bytes === info.virtualSize) return t('storage.resize.same');
    const shrink = shrinkProblem(info, bytes);
    if (shrink !== null) return t(shrink.key, { min: tr.bytes(shrink.min) });
    const limit = diskSizeProblem(info.format, bytes);
    return limit === null ? undefined : errorText(tr, { code: limit.code, message: limit.message, params: limit.params }).message;
  })();

  const resize = async () => {
    if (problem !== undefined || bytes === null) return;
    setError(null);
    const end = await operation.run('disk.resize', t('storage.resize.progress', { name }), (api) => api.invoke('disks.resize', { path: file, sizeBytes: bytes }));
    if (end.ok) onDone();
    else if (!end.cancelled) setError(end.error);
  };

  return (
    <Dialog
      title={t('storage.resize.title', { name })}
      onClose={onClose}
      footer={
        <>
          <Button variant="primary" disabled={problem !== undefined || operation.running !== null} onClick={() => void resize()}>
            {t('storage.resize.submit')}
          </Button>
          <Button onClick={onClose}>{t('common.close')}</Button>
        </>
      }
    >
      <div className="stack">
        <p>
          {t('format.sentences', {
            first: t('storage.resize.now', { size: tr.bytes(info.virtualSize) }),
            next:
              info.smallestSafeSize === null
                ? t('storage.resize.minUnknown')
                : info.smallestSafeSize >= info.virtualSize
                  ? t('storage.resize.full')
                  : t('storage.resize.min', { min: tr.bytes(info.smallestSafeSize) }),
          })}
        </p>
        <NumberField label={t('storage.resize.size')} value={gigabytes} unit={t('disk.size.unit')} min={1} onChange={setGigabytes} errors={problem && bytes !== info.virtualSize ? [problem] : []} />
        <p className="muted small">{t('storage.resize.guest')}</p>
        <OperationProgress operation={operation} label={t('storage.resize.progress', { name })} />
        {error && (
          <div role="alert">
            <ErrorDetails error={error} />
          </div>
        )}
      </div>
    </Dialog>
  );
}

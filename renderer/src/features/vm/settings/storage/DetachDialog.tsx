/**
 * Detaching a disk takes it out of the VM and never touches the file, unless the user also asks to
 * delete it, by its name. Deleting needs the file saved without the disk first (main refuses to delete
 * a disk a library VM still names), so that choice saves the settings, then deletes.
 */
import { useState } from 'react';
import { baseName } from '../../../../../../app/paths/parts.js';
import { useApiCall } from '../../../../api/use-api-call.js';
import { useT } from '../../../../i18n/context.js';
import { Button } from '../../../../kit/Button/Button.js';
import { Checkbox } from '../../../../kit/Checkbox/Checkbox.js';
import { Dialog } from '../../../../kit/Dialog/Dialog.js';
import { useHako } from '../../../../store/context.js';
import { useEditorState, useUpdate } from '../editor/hooks.js';

export function DetachDialog({ index, file, onClose }: { readonly index: number; readonly file: string | null; readonly onClose: () => void }) {
  const { t } = useT();
  const update = useUpdate();
  const save = useEditorState((s) => s.save);
  const call = useApiCall();
  const notify = useHako((s) => s.notify);
  const [remove, setRemove] = useState(false);
  const [busy, setBusy] = useState(false);
  const name = file === null ? t('settings.storage.item', { n: index + 1 }) : baseName(file);

  const detach = async () => {
    update((c) => void c.ScsiDevices.splice(index, 1));
    if (!remove || file === null) return onClose();
    setBusy(true);
    const saved = await save();
    if (saved) {
      const deleted = await call(t('storage.detach.deleteFailed', { name }), (api) => api.invoke('disks.delete', { path: file }));
      if (deleted.ok) notify({ kind: 'message', tone: 'success', title: t(deleted.value.recycled ? 'storage.detach.recycled' : 'storage.detach.deleted', { name }) });
    } else {
      notify({ kind: 'message', tone: 'info', title: t('storage.detach.notSaved', { name }) });
    }
    setBusy(false);
    onClose();
  };

  return (
    <Dialog
      alert
      title={t('storage.detach.title', { name })}
      onClose={onClose}
      footer={
        <>
          <Button variant={remove ? 'danger' : 'primary'} disabled={busy} onClick={() => void detach()}>
            {remove ? t('storage.detach.submitDelete', { name }) : t('storage.detach.submit')}
          </Button>
          <Button onClick={onClose} autoFocus>
            {t('common.cancel')}
          </Button>
        </>
      }
    >
      <div className="stack">
        <p>{t('storage.detach.body')}</p>
        {file !== null && <Checkbox label={t('storage.detach.delete', { name })} help={t('storage.detach.delete.help')} checked={remove} onChange={setRemove} />}
      </div>
    </Dialog>
  );
}

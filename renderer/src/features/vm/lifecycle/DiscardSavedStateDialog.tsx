/**
 * Discarding a saved VM's saved state: what it loses (the running programs and unsaved work in the saved
 * memory; the next start boots afresh, as after a power cut), asked first with Cancel focused. When the
 * save file is already gone there is nothing to lose, and the question says so.
 */
import { useState } from 'react';
import type { VmSnapshotDto } from '../../../../../app/ipc/contract.js';
import { useApiCall } from '../../../api/use-api-call.js';
import { useT } from '../../../i18n/context.js';
import { Button } from '../../../kit/Button/Button.js';
import { Dialog } from '../../../kit/Dialog/Dialog.js';
import { useHako } from '../../../store/context.js';
import { vmTitle } from '../vm-title.js';

/** The saved state file is named by the VM but was not there when it tried to resume. */
export function saveFileMissing(vm: Pick<VmSnapshotDto, 'lastError'>): boolean {
  return vm.lastError?.code === 'SaveStateMissing';
}

export function DiscardSavedStateDialog({ vm, onClose }: { readonly vm: VmSnapshotDto; readonly onClose: () => void }) {
  const { t } = useT();
  const call = useApiCall();
  const refreshVm = useHako((s) => s.refreshVm);
  const notify = useHako((s) => s.notify);
  const [busy, setBusy] = useState(false);
  const name = vmTitle(vm);
  const file = vm.config?.SaveStateFile ?? '';
  const missing = saveFileMissing(vm);

  const discard = async () => {
    setBusy(true);
    const outcome = await call(t('discard.failed', { name }), (api) => api.invoke('vm.discardSavedState', { path: vm.path }));
    setBusy(false);
    if (!outcome.ok) return;
    await refreshVm(vm.path);
    notify({ kind: 'message', tone: 'success', title: t('discard.done', { name }) });
    onClose();
  };

  return (
    <Dialog
      alert
      title={t('discard.title', { name })}
      onClose={onClose}
      footer={
        <>
          <Button variant="danger" disabled={busy} onClick={() => void discard()}>
            {t('discard.confirm')}
          </Button>
          <Button onClick={onClose} autoFocus>
            {t('common.cancel')}
          </Button>
        </>
      }
    >
      <p>{missing ? t('discard.bodyMissing', { file }) : t('discard.body', { file })}</p>
      <p>{t('discard.after')}</p>
    </Dialog>
  );
}

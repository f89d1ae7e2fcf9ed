/**
 * The safe fix for a file NanaBox refuses only for its missing UTF-8 BOM, with the user's consent: the
 * three bytes EF BB BF go in front, nothing else in the file changes (`config.addBom`); main then reads
 * the file again, and the VM can start.
 */
import { useState } from 'react';
import type { VmSnapshotDto } from '../../../../../app/ipc/contract.js';
import { useApiCall } from '../../../api/use-api-call.js';
import { useT } from '../../../i18n/context.js';
import { Button } from '../../../kit/Button/Button.js';
import { Dialog } from '../../../kit/Dialog/Dialog.js';
import { useHako } from '../../../store/context.js';

export function AddBomButton({ vm }: { readonly vm: Pick<VmSnapshotDto, 'path'> }) {
  const { t } = useT();
  const call = useApiCall();
  const refreshVm = useHako((s) => s.refreshVm);
  const notify = useHako((s) => s.notify);
  const [asking, setAsking] = useState(false);
  const [busy, setBusy] = useState(false);

  const addBom = async () => {
    setBusy(true);
    const outcome = await call(t('refused.bom.failed'), (api) => api.invoke('config.addBom', { path: vm.path }));
    setBusy(false);
    setAsking(false);
    if (!outcome.ok) return;
    await refreshVm(vm.path);
    notify({ kind: 'message', tone: 'success', title: t('refused.bom.done'), message: vm.path });
  };

  return (
    <>
      <Button icon="check" onClick={() => setAsking(true)}>
        {t('refused.bom.button')}
      </Button>
      {asking && (
        <Dialog
          alert
          title={t('refused.bom.title')}
          onClose={() => setAsking(false)}
          footer={
            <>
              <Button variant="primary" disabled={busy} onClick={() => void addBom()}>
                {t('refused.bom.confirm')}
              </Button>
              <Button onClick={() => setAsking(false)} autoFocus>
                {t('common.cancel')}
              </Button>
            </>
          }
        >
          <p>{t('refused.bom.body')}</p>
          <p className="mono small">{vm.path}</p>
        </Dialog>
      )}
    </>
  );
}

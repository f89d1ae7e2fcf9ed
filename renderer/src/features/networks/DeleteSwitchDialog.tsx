/** Deleting a switch: refused by main while a running VM is connected, and the refusal names them here. */
import { useState } from 'react';
import { useT } from '../../i18n/context.js';
import { Button } from '../../kit/Button/Button.js';
import { Dialog } from '../../kit/Dialog/Dialog.js';
import { ErrorDetails } from '../../kit/ErrorDetails/ErrorDetails.js';
import type { ShownError } from '../../errors/shown-error.js';
import type { HostNetwork } from './switch-form.js';
import { useSwitchCall } from './use-networks.js';

export function DeleteSwitchDialog({ network, onClose, onDeleted }: { readonly network: HostNetwork; readonly onClose: () => void; readonly onDeleted: () => void }) {
  const tr = useT();
  const { t } = tr;
  const call = useSwitchCall();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ShownError | null>(null);
  const name = network.name || network.id;

  const remove = async () => {
    setBusy(true);
    setError(null);
    const outcome = await call((api) => api.invoke('networks.delete', { id: network.id }));
    setBusy(false);
    if (outcome.ok) onDeleted();
    else setError(outcome.error);
  };

  return (
    <Dialog
      alert
      title={t('networks.deleteDialog.title', { name })}
      onClose={onClose}
      footer={
        <>
          <Button variant="danger" disabled={busy} onClick={() => void remove()}>
            {t('networks.deleteDialog.confirm')}
          </Button>
          <Button onClick={onClose} autoFocus>
            {t('common.cancel')}
          </Button>
        </>
      }
    >
      <div className="stack">
        <p>{network.isDefault ? t('networks.deleteDialog.default') : t('networks.deleteDialog.body')}</p>
        {network.usedBy.length > 0 && <p>{t('networks.deleteDialog.connected', { vms: tr.list(network.usedBy) })}</p>}
        {error && (
          <div role="alert">
            <ErrorDetails error={error} />
          </div>
        )}
      </div>
    </Dialog>
  );
}

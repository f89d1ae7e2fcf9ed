/** Deleting a switch: refused by main while a running VM is connected, and the refusal names them here. */
import { useState } from 'react';
import { Button } from '../../kit/Button/Button.js';
import { Dialog } from '../../kit/Dialog/Dialog.js';
import { ErrorDetails } from '../../kit/ErrorDetails/ErrorDetails.js';
import type { ShownError } from '../../errors/shown-error.js';
import type { HostNetwork } from './switch-form.js';
import { useSwitchCall } from './use-networks.js';

export function DeleteSwitchDialog({ network, onClose, onDeleted }: { readonly network: HostNetwork; readonly onClose: () => void; readonly onDeleted: () => void }) {
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
      title={`Delete the switch ${name}?`}
      onClose={onClose}
      footer={
        <>
          <Button variant="danger" disabled={busy} onClick={() => void remove()}>
            Delete switch
          </Button>
          <Button onClick={onClose} autoFocus>
            Cancel
          </Button>
        </>
      }
    >
      <div className="stack">
        <p>
          {network.isDefault
            ? 'This is NanaBox’s switch: VMs whose adapters name no other switch join it. It is created again when the next such VM starts.'
            : 'A VM whose adapter still names this switch creates it again when it starts. To stop that, choose another switch for the adapter.'}
        </p>
        {network.usedBy.length > 0 && <p>Connected now: {network.usedBy.join(', ')}. Hako refuses while any of them runs.</p>}
        {error && (
          <div role="alert">
            <ErrorDetails error={error} />
          </div>
        )}
      </div>
    </Dialog>
  );
}

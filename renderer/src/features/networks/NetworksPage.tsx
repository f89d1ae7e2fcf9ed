/**
 * The switch manager: the host's virtual switches (HCN networks) with their type, subnet, gateway and the
 * VMs connected now; a new NAT switch; deleting one nothing runs on. Switches Hako makes are
 * non-persistent, like NanaBox's own: the page says so, since they vanish when Windows restarts.
 */
import { useState } from 'react';
import { Button } from '../../kit/Button/Button.js';
import { EmptyState } from '../../kit/EmptyState/EmptyState.js';
import { InfoBar } from '../../kit/InfoBar/InfoBar.js';
import { Page } from '../../kit/Page/Page.js';
import { Spinner } from '../../kit/Spinner/Spinner.js';
import { CreateSwitchDialog } from './CreateSwitchDialog.js';
import { DeleteSwitchDialog } from './DeleteSwitchDialog.js';
import type { HostNetwork } from './switch-form.js';
import { SwitchTable } from './SwitchTable.js';
import { useNetworks } from './use-networks.js';
import './NetworksPage.css';

export function NetworksPage() {
  const { data: networks, loading, reload } = useNetworks();
  const [creating, setCreating] = useState(false);
  const [deleting, setDeleting] = useState<HostNetwork | null>(null);
  return (
    <Page
      title="Virtual switches"
      description="The networks of this computer that VM network adapters can join."
      actions={
        <div className="button-row networks-actions">
          <Button icon="refresh" onClick={reload} disabled={loading}>
            Refresh
          </Button>
          <Button icon="plus" variant="primary" onClick={() => setCreating(true)} disabled={networks === null}>
            New NAT switch…
          </Button>
        </div>
      }
    >
      <div className="stack">
        <InfoBar tone="info" title="Switches Hako creates last until Windows restarts">
          <p>
            Like NanaBox’s own switch, a NAT switch made here is not kept across a restart of Windows. An adapter that uses it remembers its id, name and
            subnet, so starting that VM creates the switch again, with the same subnet.
          </p>
        </InfoBar>
        {networks === null ? (
          loading && (
            <div className="center-pad">
              <Spinner label="Reading the virtual switches" size="large" />
            </div>
          )
        ) : networks.length === 0 ? (
          <EmptyState icon="network" title="No virtual switches yet">
            <p className="muted">NanaBox’s switch is created when the first VM with a network adapter starts. Create a NAT switch to give VMs a network of their own.</p>
          </EmptyState>
        ) : (
          <SwitchTable networks={networks} onDelete={setDeleting} />
        )}
      </div>
      {creating && networks !== null && (
        <CreateSwitchDialog
          networks={networks}
          onClose={() => setCreating(false)}
          onCreated={() => {
            setCreating(false);
            reload();
          }}
        />
      )}
      {deleting !== null && (
        <DeleteSwitchDialog
          network={deleting}
          onClose={() => setDeleting(null)}
          onDeleted={() => {
            setDeleting(null);
            reload();
          }}
        />
      )}
    </Page>
  );
}

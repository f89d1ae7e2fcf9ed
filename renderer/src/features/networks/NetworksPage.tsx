/**
 * The switch manager: the host's virtual switches (HCN networks) with their type, subnet, gateway and the
 * VMs connected now; a new NAT switch; deleting one nothing runs on. Switches Hako makes are
 * non-persistent, like NanaBox's own: the page says so, since they vanish when Windows restarts.
 */
import { useState } from 'react';
import { useT } from '../../i18n/context.js';
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
  const { t } = useT();
  const { data: networks, loading, reload } = useNetworks();
  const [creating, setCreating] = useState(false);
  const [deleting, setDeleting] = useState<HostNetwork | null>(null);
  return (
    <Page
      title={t('networks.title')}
      description={t('networks.description')}
      actions={
        <div className="button-row networks-actions">
          <Button icon="refresh" onClick={reload} disabled={loading}>
            {t('common.refresh')}
          </Button>
          <Button icon="plus" variant="primary" onClick={() => setCreating(true)} disabled={networks === null}>
            {t('networks.new')}
          </Button>
        </div>
      }
    >
      <div className="stack">
        <InfoBar tone="info" title={t('networks.persistence.title')}>
          <p>{t('networks.persistence.body')}</p>
        </InfoBar>
        {networks === null ? (
          loading && (
            <div className="center-pad">
              <Spinner label={t('networks.loading')} size="large" />
            </div>
          )
        ) : networks.length === 0 ? (
          <EmptyState icon="network" title={t('networks.empty.title')}>
            <p className="muted">{t('networks.empty.body')}</p>
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

/** The switches as a table: name (and NanaBox's default marker), type, subnet, gateway, connected VMs. */
import { useT } from '../../i18n/context.js';
import { Button } from '../../kit/Button/Button.js';
import { Chip } from '../../kit/Chip/Chip.js';
import { Table } from '../../kit/Table/Table.js';
import { connectedVms, namesLeftOut } from './connected-vms.js';
import type { HostNetwork } from './switch-form.js';

export function SwitchTable({ networks, onDelete }: { readonly networks: readonly HostNetwork[]; readonly onDelete: (network: HostNetwork) => void }) {
  const tr = useT();
  const { t } = tr;
  const sorted = [...networks].sort((a, b) => Number(b.isDefault) - Number(a.isDefault) || a.name.localeCompare(b.name));
  return (
    <Table label={t('networks.title')} className="switch-table">
      <thead>
        <tr>
          <th scope="col">{t('networks.column.name')}</th>
          <th scope="col">{t('networks.column.type')}</th>
          <th scope="col">{t('networks.column.subnet')}</th>
          <th scope="col">{t('networks.column.gateway')}</th>
          <th scope="col">{t('networks.column.connected')}</th>
          <th scope="col">
            <span className="visually-hidden">{t('networks.column.actions')}</span>
          </th>
        </tr>
      </thead>
      <tbody>
        {sorted.map((network) => {
          const name = network.name || network.id;
          return (
            <tr key={network.id}>
              <th scope="row">
                <div className="switch-name">
                  <span>{name}</span>
                  {network.isDefault && <span className="switch-default">{t('networks.default')}</span>}
                  <span className="switch-id mono small muted">{network.id}</span>
                </div>
              </th>
              {/* HCN's ICS type is a NAT (NanaBox's own switch is one): the column says so; other types as HCN names them. */}
              <td className="switch-type">{network.type === 'ICS' ? t('networks.type.ics') : network.type}</td>
              <td>{network.subnets.length === 0 ? <span className="muted">{t('networks.subnet.windows')}</span> : network.subnets.map((s) => <Chip key={s.prefix}>{s.prefix}</Chip>)}</td>
              <td>{network.subnets.some((s) => s.gateway !== '') ? network.subnets.map((s) => <Chip key={s.prefix}>{s.gateway || '—'}</Chip>) : <span className="muted">—</span>}</td>
              <td>
                {network.usedBy.length > 0 ? (
                  <span title={namesLeftOut(network.usedBy) ? network.usedBy.join('\n') : undefined}>{connectedVms(tr, network.usedBy)}</span>
                ) : network.endpointCount > 0 ? (
                  t('networks.endpoints', { count: network.endpointCount })
                ) : (
                  <span className="muted">{t('common.none')}</span>
                )}
              </td>
              <td className="switch-actions">
                <Button icon="trash" variant="subtle-danger" label={t('networks.delete', { name })} onClick={() => onDelete(network)} />
              </td>
            </tr>
          );
        })}
      </tbody>
    </Table>
  );
}

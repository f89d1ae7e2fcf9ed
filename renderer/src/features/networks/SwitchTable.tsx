/** The switches as a table: name (and NanaBox's default marker), type, subnet, gateway, connected VMs. */
import { Button } from '../../kit/Button/Button.js';
import { Chip } from '../../kit/Chip/Chip.js';
import { Table } from '../../kit/Table/Table.js';
import type { HostNetwork } from './switch-form.js';

export function SwitchTable({ networks, onDelete }: { readonly networks: readonly HostNetwork[]; readonly onDelete: (network: HostNetwork) => void }) {
  const sorted = [...networks].sort((a, b) => Number(b.isDefault) - Number(a.isDefault) || a.name.localeCompare(b.name));
  return (
    <Table label="Virtual switches" className="switch-table">
      <thead>
        <tr>
          <th scope="col">Name</th>
          <th scope="col">Type</th>
          <th scope="col">Subnet</th>
          <th scope="col">Gateway</th>
          <th scope="col">Connected VMs</th>
          <th scope="col">
            <span className="visually-hidden">Actions</span>
          </th>
        </tr>
      </thead>
      <tbody>
        {sorted.map((network) => (
          <tr key={network.id}>
            <th scope="row">
              <div className="switch-name">
                <span>{network.name || network.id}</span>
                {network.isDefault && <span className="switch-default">NanaBox default</span>}
                <span className="switch-id mono small muted">{network.id}</span>
              </div>
            </th>
            <td>{network.type}</td>
            <td>{network.subnets.length === 0 ? <span className="muted">Chosen by Windows</span> : network.subnets.map((s) => <Chip key={s.prefix}>{s.prefix}</Chip>)}</td>
            <td>{network.subnets.some((s) => s.gateway !== '') ? network.subnets.map((s) => <Chip key={s.prefix}>{s.gateway || '—'}</Chip>) : <span className="muted">—</span>}</td>
            <td>
              {network.usedBy.length > 0 ? network.usedBy.join(', ') : network.endpointCount > 0 ? `${network.endpointCount} endpoint${network.endpointCount === 1 ? '' : 's'}` : <span className="muted">None</span>}
            </td>
            <td className="switch-actions">
              <Button icon="trash" variant="subtle-danger" label={`Delete ${network.name || network.id}`} onClick={() => onDelete(network)} />
            </td>
          </tr>
        ))}
      </tbody>
    </Table>
  );
}

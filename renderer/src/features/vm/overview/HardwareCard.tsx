/** The VM's hardware at a glance, from its file, with a way into the editor. */
import type { VmSnapshotDto } from '../../../../../app/ipc/contract.js';
import { formatMegabytes } from '../../../../../app/format/bytes.js';
import { Button } from '../../../kit/Button/Button.js';
import { Card } from '../../../kit/Card/Card.js';
import { Fact } from '../../../kit/Facts/Fact.js';
import { Facts } from '../../../kit/Facts/Facts.js';
import { Icon } from '../../../kit/Icon/Icon.js';
import { GPU_ASSIGNMENT_LABELS } from '../config-labels.js';
import './HardwareCard.css';

type Config = NonNullable<VmSnapshotDto['config']>;

function security(c: Config): string {
  return [
    c.SecureBoot ? `Secure Boot (${c.Hako.SecureBootTemplate === 'MicrosoftWindows' ? 'Windows' : 'UEFI CA'})` : 'No Secure Boot',
    c.Tpm ? 'TPM 2.0' : null,
    c.ExposeVirtualizationExtensions ? 'Nested virtualization' : null,
  ]
    .filter(Boolean)
    .join(' · ');
}

function network(c: Config): string {
  const count = c.NetworkAdapters.length;
  if (count === 0) return 'None';
  return `${count} adapter${count === 1 ? '' : 's'}, ${c.NetworkAdapters.filter((a) => a.Connected).length} connected`;
}

export function HardwareCard({ config: c, onEdit }: { readonly config: VmSnapshotDto['config']; readonly onEdit: () => void }) {
  return (
    <Card
      title="Hardware"
      icon="chip"
      actions={
        <Button variant="subtle" icon="sliders" onClick={onEdit}>
          Edit
        </Button>
      }
    >
      {c === null ? (
        <p className="muted">Unknown: the file cannot be read.</p>
      ) : (
        <Facts>
          <Fact term="Guest">{c.GuestType}</Fact>
          <Fact term="Processors">{c.ProcessorCount}</Fact>
          <Fact term="Memory">{formatMegabytes(c.MemorySize)}</Fact>
          <Fact term="Storage">
            {c.ScsiDevices.length === 0
              ? 'None'
              : c.ScsiDevices.map((d, i) => (
                  <span key={i} className="fact-line">
                    <Icon name={d.Type === 'VirtualImage' ? 'disc' : 'disk'} />
                    {d.Path || (d.Type === 'VirtualImage' ? 'Empty DVD drive' : '(no path)')}
                  </span>
                ))}
          </Fact>
          <Fact term="Network">{network(c)}</Fact>
          <Fact term="GPU">{GPU_ASSIGNMENT_LABELS[c.Gpu.AssignmentMode]}</Fact>
          <Fact term="Security">{security(c)}</Fact>
        </Facts>
      )}
    </Card>
  );
}

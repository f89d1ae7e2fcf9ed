/** The VM's hardware at a glance, from its file, with a way into the editor. */
import type { VmSnapshotDto } from '../../../../../app/ipc/contract.js';
import type { Translator } from '../../../../../app/i18n/translator.js';
import { useT } from '../../../i18n/context.js';
import { Button } from '../../../kit/Button/Button.js';
import { Card } from '../../../kit/Card/Card.js';
import { Fact } from '../../../kit/Facts/Fact.js';
import { Facts } from '../../../kit/Facts/Facts.js';
import { Icon } from '../../../kit/Icon/Icon.js';
import './HardwareCard.css';

type Config = NonNullable<VmSnapshotDto['config']>;

function security(tr: Translator, c: Config): string {
  return [
    tr.t(c.SecureBoot ? (c.Hako.SecureBootTemplate === 'MicrosoftWindows' ? 'hardware.secureBoot.windows' : 'hardware.secureBoot.uefiCa') : 'hardware.secureBoot.off'),
    c.Tpm ? tr.t('hardware.tpm') : null,
    c.ExposeVirtualizationExtensions ? tr.t('hardware.nested') : null,
  ]
    .filter(Boolean)
    .join(' · ');
}

function network(tr: Translator, c: Config): string {
  const count = c.NetworkAdapters.length;
  if (count === 0) return tr.t('common.none');
  return tr.t('hardware.network.summary', { count, connected: c.NetworkAdapters.filter((a) => a.Connected).length });
}

export function HardwareCard({ config: c, onEdit }: { readonly config: VmSnapshotDto['config']; readonly onEdit: () => void }) {
  const tr = useT();
  const { t } = tr;
  return (
    <Card
      title={t('hardware.title')}
      icon="chip"
      actions={
        <Button variant="subtle" icon="sliders" onClick={onEdit}>
          {t('hardware.edit')}
        </Button>
      }
    >
      {c === null ? (
        <p className="muted">{t('hardware.unreadable')}</p>
      ) : (
        <Facts>
          <Fact term={t('hardware.guest')}>{t(`guest.${c.GuestType}`)}</Fact>
          <Fact term={t('hardware.processors')}>{tr.number(c.ProcessorCount)}</Fact>
          <Fact term={t('hardware.memory')}>{tr.megabytes(c.MemorySize)}</Fact>
          <Fact term={t('hardware.storage')}>
            {c.ScsiDevices.length === 0
              ? t('common.none')
              : c.ScsiDevices.map((d, i) => (
                  <span key={i} className="fact-line">
                    <Icon name={d.Type === 'VirtualImage' ? 'disc' : 'disk'} />
                    {d.Path || t(d.Type === 'VirtualImage' ? 'hardware.emptyDvd' : 'hardware.noPath')}
                  </span>
                ))}
          </Fact>
          <Fact term={t('hardware.network')}>{network(tr, c)}</Fact>
          <Fact term={t('hardware.gpu')}>{t(`gpu.${c.Gpu.AssignmentMode}`)}</Fact>
          <Fact term={t('hardware.security')}>{security(tr, c)}</Fact>
        </Facts>
      )}
    </Card>
  );
}

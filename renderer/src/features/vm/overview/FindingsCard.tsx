/** What Hako found when it read the VM's file, or that NanaBox reads it exactly as written. */
import type { VmSnapshotDto } from '../../../../../app/ipc/contract.js';
import { useT } from '../../../i18n/context.js';
import { Card } from '../../../kit/Card/Card.js';
import { Icon } from '../../../kit/Icon/Icon.js';
import { FindingList } from '../findings/FindingList.js';
import './FindingsCard.css';

export function FindingsCard({ findings }: { readonly findings: VmSnapshotDto['findings'] }) {
  const { t } = useT();
  return (
    <Card title={t('findings.title')} icon="file">
      {findings.length === 0 ? (
        <p className="ok-line">
          <Icon name="check" /> {t('findings.clean')}
        </p>
      ) : (
        <>
          <p className="muted">{t('findings.intro')}</p>
          <FindingList findings={findings} label={t('findings.list')} />
        </>
      )}
    </Card>
  );
}

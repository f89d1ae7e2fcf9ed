/** What Hako found when it read the VM's file, or that NanaBox reads it exactly as written. */
import type { VmSnapshotDto } from '../../../../../app/ipc/contract.js';
import { Card } from '../../../kit/Card/Card.js';
import { Icon } from '../../../kit/Icon/Icon.js';
import { FindingList } from '../findings/FindingList.js';
import './FindingsCard.css';

export function FindingsCard({ findings }: { readonly findings: VmSnapshotDto['findings'] }) {
  return (
    <Card title="File check" icon="file">
      {findings.length === 0 ? (
        <p className="ok-line">
          <Icon name="check" /> NanaBox reads this file exactly as it is written.
        </p>
      ) : (
        <>
          <p className="muted">What Hako found when it read the file. Paths are JSON Pointers into the .7b file.</p>
          <FindingList findings={findings} label="Findings in the file" />
        </>
      )}
    </Card>
  );
}

/**
 * What a user wants to see when they select a VM: what went wrong last (with advice), what waits for a
 * restart, how to get to its screen, what hardware it has, and what Hako found in its file.
 */
import type { VmSnapshotDto } from '../../../../../app/ipc/contract.js';
import { fromInfo } from '../../../errors/shown-error.js';
import { Button } from '../../../kit/Button/Button.js';
import { ErrorDetails } from '../../../kit/ErrorDetails/ErrorDetails.js';
import { InfoBar } from '../../../kit/InfoBar/InfoBar.js';
import { useHako } from '../../../store/context.js';
import { useOpenPath } from '../../library/use-library-actions.js';
import { FindingsCard } from './FindingsCard.js';
import { HardwareCard } from './HardwareCard.js';
import { PendingRestart } from './PendingRestart.js';
import { SessionCard } from './SessionCard.js';
import './OverviewTab.css';

export function OverviewTab({ vm }: { readonly vm: VmSnapshotDto }) {
  const setTab = useHako((s) => s.setVmTab);
  const openPath = useOpenPath();
  return (
    <div className="overview">
      {vm.lastError && (
        <InfoBar tone="error" title="The last operation failed">
          <ErrorDetails error={fromInfo(vm.lastError)} />
        </InfoBar>
      )}
      {vm.config === null && (
        <InfoBar
          tone="error"
          title="Hako cannot read this file"
          actions={
            <Button variant="subtle" icon="refresh" onClick={() => void openPath(vm.path)}>
              Read again
            </Button>
          }
        >
          <p>NanaBox would refuse it too. The findings below say why; fix the file in a text editor and open it again.</p>
        </InfoBar>
      )}
      <PendingRestart vm={vm} />
      <div className="overview-grid">
        <SessionCard vm={vm} />
        <HardwareCard config={vm.config} onEdit={() => setTab('settings')} />
      </div>
      <FindingsCard findings={vm.findings} />
    </div>
  );
}

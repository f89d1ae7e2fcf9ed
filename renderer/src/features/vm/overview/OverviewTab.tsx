/**
 * What a user wants to see when they select a VM: what went wrong last (with advice), what waits for a
 * restart, how it is doing while it runs (live figures), how to get to its screen, what hardware it has,
 * and what Hako found in its file.
 */
import type { VmSnapshotDto } from '../../../../../app/ipc/contract.js';
import { fromInfo } from '../../../errors/shown-error.js';
import { useT } from '../../../i18n/context.js';
import { Button } from '../../../kit/Button/Button.js';
import { ErrorDetails } from '../../../kit/ErrorDetails/ErrorDetails.js';
import { InfoBar } from '../../../kit/InfoBar/InfoBar.js';
import { useHako } from '../../../store/context.js';
import { useOpenPath } from '../../library/use-library-actions.js';
import { FindingsCard } from './FindingsCard.js';
import { HardwareCard } from './HardwareCard.js';
import { LiveFiguresCard } from './live/LiveFiguresCard.js';
import { PendingRestart } from './PendingRestart.js';
import { SessionCard } from './SessionCard.js';
import './OverviewTab.css';

/** Failures about the file itself, which a file that now reads cleanly has made stale. */
const FILE_ERRORS: ReadonlySet<string> = new Set(['ConfigRefused', 'ConfigUnreadable', 'StartBlocked', 'NameMissing']);

/** Whether the VM's last error still says something: not dismissed, and not about a file since fixed. */
export function showsLastError(vm: Pick<VmSnapshotDto, 'lastError' | 'config' | 'findings'>, dismissed: string | undefined): boolean {
  const error = vm.lastError;
  if (error === null || dismissed === JSON.stringify(error)) return false;
  return !(FILE_ERRORS.has(error.code) && vm.config !== null && !vm.findings.some((f) => f.severity === 'error'));
}

export function OverviewTab({ vm }: { readonly vm: VmSnapshotDto }) {
  const { t } = useT();
  const setTab = useHako((s) => s.setVmTab);
  const dismissed = useHako((s) => s.dismissedErrors[vm.path]);
  const dismissError = useHako((s) => s.dismissVmError);
  const openPath = useOpenPath();
  return (
    <div className="overview">
      {vm.lastError && showsLastError(vm, dismissed) && (
        <InfoBar
          tone="error"
          title={t('overview.lastError')}
          actions={
            <Button variant="subtle" icon="close" onClick={() => dismissError(vm.path, vm.lastError)}>
              {t('overview.dismissError')}
            </Button>
          }
        >
          <ErrorDetails error={fromInfo(vm.lastError)} />
        </InfoBar>
      )}
      {vm.config === null && (
        <InfoBar
          tone="error"
          title={t('overview.unreadable.title')}
          actions={
            <Button variant="subtle" icon="refresh" onClick={() => void openPath(vm.path)}>
              {t('overview.readAgain')}
            </Button>
          }
        >
          <p>{t('overview.unreadable.body')}</p>
        </InfoBar>
      )}
      {vm.pendingRestart.length > 0 && <PendingRestart vm={vm} />}
      {(vm.state === 'Running' || vm.state === 'Paused') && <LiveFiguresCard path={vm.path} paused={vm.state === 'Paused'} />}
      <div className="overview-grid">
        <SessionCard vm={vm} />
        <HardwareCard config={vm.config} onEdit={() => setTab('settings')} />
      </div>
      <FindingsCard findings={vm.findings} />
    </div>
  );
}

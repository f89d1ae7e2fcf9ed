/** Settings the file changed that the running VM does not use yet, and a way to apply those it can. */
import { settingLabel } from '../../../../../app/config/setting-labels.js';
import type { VmSnapshotDto } from '../../../../../app/ipc/contract.js';
import { Button } from '../../../kit/Button/Button.js';
import { Chip } from '../../../kit/Chip/Chip.js';
import { InfoBar } from '../../../kit/InfoBar/InfoBar.js';
import { useHako } from '../../../store/context.js';
import { useRunVmAction } from '../actions/use-vm-actions.js';
import './PendingRestart.css';

export function PendingRestart({ vm }: { readonly vm: VmSnapshotDto }) {
  const busy = useHako((s) => s.busy[vm.path] !== undefined);
  const runAction = useRunVmAction();
  return (
    <InfoBar
      tone="warning"
      title="Changes that wait for a restart"
      actions={
        vm.actions.includes('reload') && (
          <Button variant="secondary" icon="refresh" disabled={busy} onClick={() => void runAction(vm.path, 'reload')}>
            Apply what can change now
          </Button>
        )
      }
    >
      <p>The file says something other than what the running VM uses. These take effect when the VM next starts:</p>
      <ul className="pending-list" aria-label="Changes that wait for a restart">
        {vm.pendingRestart.map((p) => (
          <li key={p}>
            <span>{settingLabel(p, vm.config)}</span> <Chip>{p}</Chip>
          </li>
        ))}
      </ul>
    </InfoBar>
  );
}

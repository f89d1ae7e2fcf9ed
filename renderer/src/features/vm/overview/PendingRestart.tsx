/**
 * Settings the file changed that the running VM does not use yet, and a way to apply those it can. After
 * an apply, each setting says what happened to it (pending-items.ts); the list itself follows the VM's
 * snapshot, so what was applied drops out.
 */
import { settingLabel } from '../../../../../app/config/setting-labels.js';
import type { VmSnapshotDto } from '../../../../../app/ipc/contract.js';
import { Button } from '../../../kit/Button/Button.js';
import { Chip } from '../../../kit/Chip/Chip.js';
import { InfoBar } from '../../../kit/InfoBar/InfoBar.js';
import { useHako } from '../../../store/context.js';
import { useRunVmAction } from '../actions/use-vm-actions.js';
import { appliedSettings, pendingItems, type PendingDetail } from './pending-items.js';
import './PendingRestart.css';

export function PendingRestart({ vm }: { readonly vm: VmSnapshotDto }) {
  const busy = useHako((s) => s.busy[vm.path] !== undefined);
  const lastReload = useHako((s) => s.lastReload[vm.path]);
  const runAction = useRunVmAction();
  const live = vm.actions.includes('reload');
  const items = pendingItems(vm.pendingRestart, live ? lastReload : undefined);
  if (items.length === 0) return null;
  const applied = live ? appliedSettings(lastReload) : [];
  return (
    <InfoBar
      tone="warning"
      title="Changes that wait for a restart"
      actions={
        live && (
          <Button variant="secondary" icon="refresh" disabled={busy} onClick={() => void runAction(vm.path, 'reload')}>
            Apply what can change now
          </Button>
        )
      }
    >
      <p>The file says something other than what the running VM uses. These take effect when the VM next starts:</p>
      <ul className="pending-list" aria-label="Changes that wait for a restart">
        {items.map((item) => {
          const label = settingLabel(item.path, vm.config);
          // The setting itself said something: say it on its line; settings under it get lines of their own.
          const own = item.details.find((d) => d.setting === label);
          const below = item.details.filter((d) => d !== own);
          return (
            <li key={item.path}>
              <span>{label}</span> <Chip>{item.path}</Chip>
              {own && <span className={own.outcome === 'failed' ? 'text-danger' : undefined}> — {outcomeText(own)}</span>}
              {below.length > 0 && (
                <ul className="pending-details">
                  {below.map((d) => (
                    <li key={d.setting} className={d.outcome === 'failed' ? 'text-danger' : undefined}>
                      {d.setting}: {outcomeText(d)}
                    </li>
                  ))}
                </ul>
              )}
            </li>
          );
        })}
      </ul>
      {applied.length > 0 && <p className="muted small">Applied when last asked: {applied.join(', ')}.</p>}
    </InfoBar>
  );
}

function outcomeText(detail: PendingDetail): string {
  return detail.outcome === 'failed' ? `could not be applied${detail.message ? ` — ${detail.message.replace(/\.$/, '')}` : ''}` : 'waits for a restart';
}

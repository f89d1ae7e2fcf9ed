/** Settings the file changed that the running VM does not use yet, and a way to apply those it can. */
import type { VmSnapshotDto } from '../../../../../app/ipc/contract.js';
import { settingLabelText } from '../../../../../app/i18n/text.js';
import { useT } from '../../../i18n/context.js';
import { Button } from '../../../kit/Button/Button.js';
import { Chip } from '../../../kit/Chip/Chip.js';
import { InfoBar } from '../../../kit/InfoBar/InfoBar.js';
import { useHako } from '../../../store/context.js';
import { useRunVmAction } from '../actions/use-vm-actions.js';
import './PendingRestart.css';

export function PendingRestart({ vm }: { readonly vm: VmSnapshotDto }) {
  const tr = useT();
  const { t } = tr;
  const busy = useHako((s) => s.busy[vm.path] !== undefined);
  const runAction = useRunVmAction();
  return (
    <InfoBar
      tone="warning"
      title={t('pending.title')}
      actions={
        vm.actions.includes('reload') && (
          <Button variant="secondary" icon="refresh" disabled={busy} focusableWhenDisabled onClick={() => void runAction(vm.path, 'reload')}>
            {t('pending.applyNow')}
          </Button>
        )
      }
    >
      <p>{t('pending.body')}</p>
      <ul className="pending-list" aria-label={t('pending.title')}>
        {vm.pendingRestart.map((p) => (
          <li key={p}>
            <span>{settingLabelText(tr, p, vm.config)}</span> <Chip>{p}</Chip>
          </li>
        ))}
      </ul>
    </InfoBar>
  );
}

/**
 * Settings the file changed that the running VM does not use yet, and a way to apply those it can. After
 * an apply, each setting says what happened to it (pending-items.ts); the list itself follows the VM's
 * snapshot, so what was applied drops out.
 */
import type { VmSnapshotDto } from '../../../../../app/ipc/contract.js';
import type { Translator } from '../../../../../app/i18n/translator.js';
import { settingLabelText } from '../../../../../app/i18n/text.js';
import { useT } from '../../../i18n/context.js';
import { Button } from '../../../kit/Button/Button.js';
import { Chip } from '../../../kit/Chip/Chip.js';
import { InfoBar } from '../../../kit/InfoBar/InfoBar.js';
import { useHako } from '../../../store/context.js';
import { useRunVmAction } from '../actions/use-vm-actions.js';
import { appliedOutcomes, pendingItems, type PendingDetail } from './pending-items.js';
import './PendingRestart.css';

export function PendingRestart({ vm }: { readonly vm: VmSnapshotDto }) {
  const tr = useT();
  const { t } = tr;
  const busy = useHako((s) => s.busy[vm.path] !== undefined);
  const lastReload = useHako((s) => s.lastReload[vm.path]);
  const runAction = useRunVmAction();
  const live = vm.actions.includes('reload');
  const items = pendingItems(vm.pendingRestart, live ? lastReload : undefined);
  if (items.length === 0) return null;
  const applied = live ? appliedOutcomes(lastReload) : [];
  return (
    <InfoBar
      tone="warning"
      title={t('pending.title')}
      actions={
        live && (
          <Button variant="secondary" icon="refresh" disabled={busy} focusableWhenDisabled onClick={() => void runAction(vm.path, 'reload')}>
            {t('pending.applyNow')}
          </Button>
        )
      }
    >
      <p>{t('pending.body')}</p>
      <ul className="pending-list" aria-label={t('pending.title')}>
        {items.map((item) => {
          const label = settingLabelText(tr, item.path, vm.config);
          // The setting itself said something: say it on its line; settings under it get lines of their own.
          const own = item.details.find((d) => d.path === item.path);
          const below = item.details.filter((d) => d !== own);
          return (
            <li key={item.path}>
              <span>{label}</span> <Chip>{item.path}</Chip>
              {own && <span className={own.outcome === 'failed' ? 'text-danger' : undefined}> — {outcomeText(tr, own)}</span>}
              {below.length > 0 && (
                <ul className="pending-details">
                  {below.map((d) => (
                    <li key={d.path} className={d.outcome === 'failed' ? 'text-danger' : undefined}>
                      {t('pending.detail', { setting: settingLabelText(tr, d.path, vm.config), outcome: outcomeText(tr, d) })}
                    </li>
                  ))}
                </ul>
              )}
            </li>
          );
        })}
      </ul>
      {applied.length > 0 && <p className="muted small">{t('pending.applied', { settings: tr.list(applied.map((o) => settingLabelText(tr, o.path, vm.config))) })}</p>}
    </InfoBar>
  );
}

function outcomeText(tr: Translator, detail: PendingDetail): string {
  if (detail.outcome !== 'failed') return tr.t('pending.outcome.waits');
  return detail.message ? tr.t('pending.outcome.failedWhy', { reason: detail.message.replace(/\.$/, '') }) : tr.t('pending.outcome.failed');
}

/** A VM on the start page: name and hardware at a glance, its state, and Start (or Resume) one click away. */
import type { VmSnapshotDto } from '../../../../app/ipc/contract.js';
import type { Translator } from '../../../../app/i18n/translator.js';
import { useT } from '../../i18n/context.js';
import { Button } from '../../kit/Button/Button.js';
import { useHako } from '../../store/context.js';
import { useRunVmAction } from '../vm/actions/use-vm-actions.js';
import { VmStateBadge } from '../vm/state/VmStateBadge.js';
import { VmAvatar } from '../vm/VmAvatar.js';
import { vmTitle } from '../vm/vm-title.js';
import './VmCard.css';

/** "Linux · 2 processors · 4 GB"; an unknown guest is left out rather than called "Guest". */
export function vmSummary(tr: Translator, config: VmSnapshotDto['config']): string {
  if (config === null) return tr.t('home.card.unreadable');
  const values = { cpus: config.ProcessorCount, memory: tr.megabytes(config.MemorySize) };
  return config.GuestType === 'Unknown'
    ? tr.t('home.card.summaryUnknownGuest', values)
    : tr.t('home.card.summary', { ...values, guest: tr.t(`guest.${config.GuestType}`) });
}

export function VmCard({ vm, hint }: { readonly vm: VmSnapshotDto; readonly hint?: string | undefined }) {
  const tr = useT();
  const select = useHako((s) => s.select);
  const busy = useHako((s) => s.busy[vm.path] !== undefined);
  const runAction = useRunVmAction();
  const name = vmTitle(vm);
  const primary = vm.actions.includes('resume') ? 'resume' : vm.actions.includes('start') ? 'start' : null;
  return (
    <li className="vm-card">
      {/* Named by what it shows (name, then summary), so the visible words are the spoken ones. */}
      <button type="button" className="vm-card-main" onClick={() => select({ kind: 'vm', path: vm.path })} title={hint ? vm.path : undefined}>
        <VmAvatar size="medium" />
        <span className="vm-card-text">
          <span className="vm-card-name">{name}</span>
          <span className="vm-card-sub">{vmSummary(tr, vm.config)}</span>
          {hint && <span className="vm-card-sub vm-card-folder">{hint}</span>}
        </span>
      </button>
      <div className="vm-card-foot">
        <VmStateBadge state={vm.state} />
        {primary && (
          <Button
            icon="play"
            variant="subtle"
            disabled={busy}
            focusableWhenDisabled
            onClick={() => void runAction(vm.path, primary)}
            label={tr.t(primary === 'start' ? 'home.card.start' : 'home.card.resume', { name })}
          />
        )}
      </div>
    </li>
  );
}

/** A VM on the start page: name and hardware at a glance, its state, and Start (or Resume) one click away. */
import type { VmSnapshotDto } from '../../../../app/ipc/contract.js';
import { formatMegabytes } from '../../../../app/format/bytes.js';
import { Button } from '../../kit/Button/Button.js';
import { useHako } from '../../store/context.js';
import { useRunVmAction } from '../vm/actions/use-vm-actions.js';
import { VmStateBadge } from '../vm/state/VmStateBadge.js';
import { VmAvatar } from '../vm/VmAvatar.js';
import { vmTitle } from '../vm/vm-title.js';
import './VmCard.css';

function summary(config: VmSnapshotDto['config']): string {
  if (config === null) return 'File cannot be read';
  const guest = config.GuestType === 'Unknown' ? 'Guest' : config.GuestType;
  return `${guest} · ${config.ProcessorCount} CPU · ${formatMegabytes(config.MemorySize)}`;
}

export function VmCard({ vm }: { readonly vm: VmSnapshotDto }) {
  const select = useHako((s) => s.select);
  const busy = useHako((s) => s.busy[vm.path] !== undefined);
  const runAction = useRunVmAction();
  const name = vmTitle(vm);
  const primary = vm.actions.includes('resume') ? 'resume' : vm.actions.includes('start') ? 'start' : null;
  return (
    <li className="vm-card">
      <button type="button" className="vm-card-main" onClick={() => select({ kind: 'vm', path: vm.path })} aria-label={`Show ${name}`}>
        <VmAvatar size="medium" />
        <span className="vm-card-text">
          <span className="vm-card-name">{name}</span>
          <span className="vm-card-sub">{summary(vm.config)}</span>
        </span>
      </button>
      <div className="vm-card-foot">
        <VmStateBadge state={vm.state} />
        {primary && (
          <Button icon="play" variant="subtle" disabled={busy} onClick={() => void runAction(vm.path, primary)} label={`${primary === 'start' ? 'Start' : 'Resume'} ${name}`} />
        )}
      </div>
    </li>
  );
}

/**
 * A VM on the start page: name and hardware at a glance, its state, a box to select it for a bulk
 * action, and Start (or Resume) one click away. It subscribes to its own VM only.
 */
import { memo, useCallback } from 'react';
import type { VmSummaryDto } from '../../../../app/ipc/contract.js';
import { formatMegabytes } from '../../../../app/format/bytes.js';
import { Button } from '../../kit/Button/Button.js';
import { useHako, useVmSummary } from '../../store/context.js';
import { useRunVmAction } from '../vm/actions/use-vm-actions.js';
import { VmStateBadge } from '../vm/state/VmStateBadge.js';
import { VmAvatar } from '../vm/VmAvatar.js';
import './VmCard.css';

function hardware(vm: VmSummaryDto): string {
  if (vm.loading) return 'Reading the file…';
  if (vm.processors === null || vm.memoryMb === null) return 'File cannot be read';
  return `${vm.guest ?? 'Guest'} · ${vm.processors} CPU · ${formatMegabytes(vm.memoryMb)}`;
}

export interface VmCardProps {
  readonly path: string;
  readonly left: number;
  readonly top: number;
  readonly width: number;
  readonly position: number;
  readonly total: number;
  /** The card the grid's one tab stop is on. */
  readonly tabbable: boolean;
  readonly register: (path: string, element: HTMLElement | null) => void;
  readonly onItemFocus: (path: string) => void;
}

export const VmCard = memo(function VmCard({ path, left, top, width, position, total, tabbable, register, onItemFocus }: VmCardProps) {
  const vm = useVmSummary(path);
  const select = useHako((s) => s.select);
  const busy = useHako((s) => s.busy[path] !== undefined);
  const selected = useHako((s) => s.selected.has(path));
  const setSelected = useHako((s) => s.setSelected);
  const runAction = useRunVmAction();
  const ref = useCallback((element: HTMLButtonElement | null) => register(path, element), [register, path]);
  if (vm === undefined) return null;
  const primary = vm.actions.includes('resume') ? 'resume' : vm.actions.includes('start') ? 'start' : null;
  const tabIndex = tabbable ? 0 : -1;
  return (
    <li
      className={selected ? 'vm-card vm-card-selected' : 'vm-card'}
      style={{ transform: `translate(${left}px, ${top}px)`, width }}
      aria-posinset={position}
      aria-setsize={total}
      onFocus={() => onItemFocus(path)}
    >
      <button ref={ref} type="button" className="vm-card-main" tabIndex={tabIndex} onClick={() => select({ kind: 'vm', path })} aria-label={`Show ${vm.name}`}>
        <VmAvatar size="medium" />
        <span className="vm-card-text">
          <span className="vm-card-name">{vm.name}</span>
          <span className="vm-card-sub">{hardware(vm)}</span>
        </span>
      </button>
      <div className="vm-card-foot">
        <input
          type="checkbox"
          className="vm-card-check"
          tabIndex={tabIndex}
          checked={selected}
          onChange={(event) => setSelected(path, event.target.checked)}
          aria-label={`Select ${vm.name}`}
        />
        <VmStateBadge state={vm.state} />
        <span className="vm-card-spacer" />
        {primary && (
          <Button
            icon="play"
            variant="subtle"
            tabIndex={tabIndex}
            disabled={busy}
            onClick={() => void runAction(path, primary)}
            label={`${primary === 'start' ? 'Start' : 'Resume'} ${vm.name}`}
          />
        )}
      </div>
    </li>
  );
});

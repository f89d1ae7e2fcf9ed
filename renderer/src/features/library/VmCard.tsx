/**
 * A VM on the start page: name and hardware at a glance, its state, a box to select it for a bulk
 * action, and Start (or Resume) one click away. It subscribes to its own VM only.
 */
import { memo, useCallback } from 'react';
import type { VmSummaryDto } from '../../../../app/ipc/contract.js';
import type { Translator } from '../../../../app/i18n/translator.js';
import { useT } from '../../i18n/context.js';
import { Button } from '../../kit/Button/Button.js';
import { useHako, useVmSummary } from '../../store/context.js';
import { useRunVmAction } from '../vm/actions/use-vm-actions.js';
import { VmStateBadge } from '../vm/state/VmStateBadge.js';
import { VmAvatar } from '../vm/VmAvatar.js';
import './VmCard.css';

type SummaryFacts = Pick<VmSummaryDto, 'guest' | 'processors' | 'memoryMb' | 'loading'>;

/**
 * Summaries written, by language and by VM summary (the store makes a new one when the VM changes): a
 * card that a search brings back into view formats nothing again.
 */
const written = new WeakMap<Translator, WeakMap<SummaryFacts, string>>();

/** "Linux · 2 processors · 4 GB"; an unknown guest is left out rather than called "Guest". */
export function vmSummary(tr: Translator, vm: SummaryFacts): string {
  let byVm = written.get(tr);
  if (byVm === undefined) written.set(tr, (byVm = new WeakMap()));
  let summary = byVm.get(vm);
  if (summary === undefined) byVm.set(vm, (summary = writeSummary(tr, vm)));
  return summary;
}

function writeSummary(tr: Translator, vm: SummaryFacts): string {
  if (vm.loading) return tr.t('library.reading');
  if (vm.processors === null || vm.memoryMb === null) return tr.t('home.card.unreadable');
  const values = { cpus: vm.processors, memory: tr.megabytes(vm.memoryMb) };
  return vm.guest === null ? tr.t('home.card.summaryUnknownGuest', values) : tr.t('home.card.summary', { ...values, guest: tr.t(`guest.${vm.guest}`) });
}

export interface VmCardProps {
  readonly path: string;
  readonly left: number;
  readonly top: number;
  readonly width: number;
  readonly position: number;
  readonly total: number;
  /** The card that is the grid's one Tab stop. */
  readonly tabbable: boolean;
  /** The folder that tells this VM from another of the same name. */
  readonly hint: string | undefined;
  readonly register: (path: string, element: HTMLElement | null) => void;
  readonly onItemFocus: (path: string) => void;
}

/**
 * A card: its place (which a search changes for every card in view) on the `li`, its content in a
 * memoized body, so a search that keeps a VM in view moves its card without drawing it again.
 */
export function VmCard({ path, left, top, width, position, total, ...rest }: VmCardProps) {
  const selected = useHako((s) => s.selected.has(path));
  return (
    <li
      className={selected ? 'vm-card vm-card-selected' : 'vm-card'}
      style={{ transform: `translate(${left}px, ${top}px)`, width }}
      aria-posinset={position}
      aria-setsize={total}
      onFocus={() => rest.onItemFocus(path)}
    >
      <VmCardBody path={path} selected={selected} {...rest} />
    </li>
  );
}

type BodyProps = Omit<VmCardProps, 'left' | 'top' | 'width' | 'position' | 'total'> & { readonly selected: boolean };

const VmCardBody = memo(function VmCardBody({ path, selected, tabbable, hint, register }: BodyProps) {
  const tr = useT();
  const vm = useVmSummary(path);
  const select = useHako((s) => s.select);
  const busy = useHako((s) => s.busy[path] !== undefined);
  const setSelected = useHako((s) => s.setSelected);
  const runAction = useRunVmAction();
  const ref = useCallback((element: HTMLButtonElement | null) => register(path, element), [register, path]);
  if (vm === undefined) return null;
  const primary = vm.actions.includes('resume') ? 'resume' : vm.actions.includes('start') ? 'start' : null;
  const tabIndex = tabbable ? 0 : -1;
  return (
    <>
      {/* Named by what it shows (name, then summary), so the visible words are the spoken ones. */}
      <button ref={ref} type="button" className="vm-card-main" tabIndex={tabIndex} onClick={() => select({ kind: 'vm', path })} title={hint ? path : undefined}>
        <VmAvatar size="medium" />
        <span className="vm-card-text">
          <span className="vm-card-name">{vm.name}</span> <span className="vm-card-sub">{vmSummary(tr, vm)}</span>
          {hint && <span className="vm-card-sub vm-card-folder">{hint}</span>}
        </span>
      </button>
      <div className="vm-card-foot">
        <input
          type="checkbox"
          className="vm-card-check"
          tabIndex={tabIndex}
          checked={selected}
          onChange={(event) => setSelected(path, event.target.checked)}
          aria-label={tr.t('library.select', { name: vm.name })}
        />
        <VmStateBadge state={vm.state} />
        {primary && (
          <Button
            icon="play"
            variant="subtle"
            tabIndex={tabIndex}
            disabled={busy}
            focusableWhenDisabled
            onClick={() => void runAction(path, primary)}
            label={tr.t(primary === 'start' ? 'home.card.start' : 'home.card.resume', { name: vm.name })}
          />
        )}
      </div>
    </>
  );
});

/**
 * The library's part of the navigation pane: the VMs the search shows, virtualized (only the rows in
 * view are in the DOM, plus the pane's Tab stop and the focused entry, so focus is never lost with a row
 * scrolled away). The pane (Sidebar) moves focus; each row subscribes to its own VM, so a change to one
 * VM renders one row.
 */
import { defaultRangeExtractor, type Range } from '@tanstack/react-virtual';
import { memo, useCallback, useRef, type RefObject } from 'react';
import { stateLabel } from '../../../../app/i18n/text.js';
import { useT } from '../../i18n/context.js';
import { NavItem } from '../../kit/NavItem/NavItem.js';
import { useHako, useVmSummary } from '../../store/context.js';
import { isFiltering } from '../../store/index.js';
import { useFolderHints } from './folder-hints.js';
import { useRowVirtualizer } from './use-row-virtualizer.js';
import { VmGlyph } from './VmGlyph.js';

/** A tall entry (48 px) and its margins: every row is this high. */
const ROW_HEIGHT = 52;

export interface VmListProps {
  readonly labelledBy: string;
  readonly visible: readonly string[];
  /** The VM whose page shows. */
  readonly current: string | null;
  /** The pane's Tab stop (a VM's path, or a page's key). */
  readonly tabStop: string | null;
  /** Indexes into `visible` that must stay rendered (-1 for none). */
  readonly keep: readonly [number, number];
  readonly register: (key: string, element: HTMLElement | null) => void;
  readonly onItemFocus: (key: string) => void;
  /** Set here: scrolls the list to an index. */
  readonly revealRef: RefObject<(index: number) => void>;
}

export function VmList({ labelledBy, visible, current, tabStop, keep, register, onItemFocus, revealRef }: VmListProps) {
  const scrollRef = useRef<HTMLDivElement>(null);
  const hints = useFolderHints();
  const [keepA, keepB] = keep;

  const rangeExtractor = useCallback(
    (range: Range) => {
      const indexes = defaultRangeExtractor(range);
      for (const index of [keepA, keepB]) if (index >= 0 && index < range.count && !indexes.includes(index)) indexes.push(index);
      return indexes.sort((a, b) => a - b);
    },
    [keepA, keepB],
  );
  // The pane shows a line above the list while a search is on, which resizes the list's scroller.
  const filtering = useHako((s) => isFiltering(s.query));
  const virtualizer = useRowVirtualizer(
    {
      count: visible.length,
      getScrollElement: () => scrollRef.current,
      estimateSize: () => ROW_HEIGHT,
      getItemKey: (index) => visible[index]!,
      rangeExtractor,
    },
    filtering,
  );
  revealRef.current = (index) => virtualizer.scrollToIndex(index);

  return (
    // tabIndex -1: Chromium makes a scroller whose entries are all tabindex -1 a Tab stop of its own;
    // the pane is one Tab stop (its entry), so the scroller is not one.
    <div className="nav-scroll" ref={scrollRef} tabIndex={-1}>
      <ul className="nav-list" aria-labelledby={labelledBy} style={{ height: virtualizer.getTotalSize() }}>
        {virtualizer.getVirtualItems().map((item) => {
          const path = visible[item.index]!;
          return (
            <VmListRow
              key={path}
              path={path}
              position={item.index + 1}
              total={visible.length}
              top={item.start}
              current={path === current}
              tabStop={path === tabStop}
              folder={hints.get(path)}
              register={register}
              onItemFocus={onItemFocus}
            />
          );
        })}
      </ul>
    </div>
  );
}

interface RowProps {
  readonly path: string;
  readonly position: number;
  readonly total: number;
  readonly top: number;
  readonly current: boolean;
  readonly tabStop: boolean;
  /** The folder that tells this VM from another of the same name. */
  readonly folder: string | undefined;
  readonly register: (key: string, element: HTMLElement | null) => void;
  readonly onItemFocus: (key: string) => void;
}

/**
 * A row: its place (which a search changes for every row in view) on the `li`, its content in a
 * memoized entry, so a search that keeps a VM in view moves its row without drawing it again.
 */
function VmListRow({ path, position, total, top, ...entry }: RowProps) {
  return (
    <li className="nav-row" style={{ transform: `translateY(${top}px)` }} aria-posinset={position} aria-setsize={total}>
      <VmListEntry path={path} {...entry} />
    </li>
  );
}

type EntryProps = Omit<RowProps, 'position' | 'total' | 'top'>;

/** Exported for its tests: a change to one VM draws its entry only. */
export const VmListEntry = memo(function VmListEntry({ path, current, tabStop, folder, register, onItemFocus }: EntryProps) {
  const tr = useT();
  const vm = useVmSummary(path);
  const select = useHako((s) => s.select);
  const ref = useCallback((element: HTMLButtonElement | null) => register(path, element), [register, path]);
  if (vm === undefined) return null;
  const state = vm.loading ? tr.t('library.reading') : stateLabel(tr, vm.state);
  return (
    <NavItem
      ref={ref}
      current={current}
      currentKind="page"
      className="pane-link pane-link-tall"
      tabStop={tabStop}
      title={folder ? `${vm.name}\n${path}` : vm.name}
      onFocus={() => onItemFocus(path)}
      onSelect={() => select({ kind: 'vm', path })}
    >
      <VmGlyph state={vm.state} />
      {/* Named by what it shows: the name, a space, the state (and the folder where names repeat). */}
      <span className="pane-text">
        <span className="pane-label">{vm.name}</span>{' '}
        <span className="pane-sub">
          {state}
          {folder && (
            <>
              <span aria-hidden="true"> ·</span> <span className="pane-folder">{folder}</span>
            </>
          )}
        </span>
      </span>
    </NavItem>
  );
});

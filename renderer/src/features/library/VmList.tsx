/**
 * The library in the navigation pane: what the query shows, virtualized (only the rows in view, and the
 * active one, are in the DOM), one tab stop (arrow keys, Home/End, type-ahead). Each row subscribes to
 * its own VM, so a change to one VM renders one row.
 */
import { defaultRangeExtractor, useVirtualizer, type Range } from '@tanstack/react-virtual';
import { memo, useCallback, useRef } from 'react';
import { VM_STATE_LABELS } from '../../../../app/vm/labels.js';
import { useRovingFocus } from '../../kit/focus/use-roving-focus.js';
import { NavItem } from '../../kit/NavItem/NavItem.js';
import { useHako, useHakoStore, useVmSummary } from '../../store/context.js';
import { VmGlyph } from './VmGlyph.js';

/** A tall entry (48 px) and its margins: every row is this high. */
const ROW_HEIGHT = 52;

export function VmList({ labelledBy }: { readonly labelledBy: string }) {
  const store = useHakoStore();
  const visible = useHako((s) => s.visible);
  const current = useHako((s) => (s.view.kind === 'vm' ? s.view.path : null));
  const scrollRef = useRef<HTMLDivElement>(null);
  const elements = useRef(new Map<string, HTMLElement>());
  const reveal = useRef<(index: number) => void>(() => undefined);

  const roving = useRovingFocus(visible, {
    preferred: current,
    reveal: (index) => reveal.current(index),
    elementOf: (path) => elements.current.get(path),
    nameOf: (path) => store.getState().library.get(path)?.name ?? '',
  });
  const { activeIndex } = roving;

  const rangeExtractor = useCallback(
    (range: Range) => {
      const indexes = defaultRangeExtractor(range);
      // The active row stays rendered, so focus is never lost with a row scrolled away.
      if (activeIndex >= 0 && !indexes.includes(activeIndex)) indexes.push(activeIndex);
      return indexes.sort((a, b) => a - b);
    },
    [activeIndex],
  );
  const virtualizer = useVirtualizer({
    count: visible.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 6,
    getItemKey: (index) => visible[index]!,
    rangeExtractor,
  });
  reveal.current = (index) => virtualizer.scrollToIndex(index);

  const register = useCallback((path: string, element: HTMLElement | null) => {
    if (element) elements.current.set(path, element);
    else elements.current.delete(path);
  }, []);

  return (
    <div className="nav-scroll" ref={scrollRef}>
      <ul className="nav-list" aria-labelledby={labelledBy} style={{ height: virtualizer.getTotalSize() }} onKeyDown={roving.onKeyDown}>
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
              tabbable={item.index === activeIndex}
              register={register}
              onItemFocus={roving.onItemFocus}
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
  readonly tabbable: boolean;
  readonly register: (path: string, element: HTMLElement | null) => void;
  readonly onItemFocus: (path: string) => void;
}

const VmListRow = memo(function VmListRow({ path, position, total, top, current, tabbable, register, onItemFocus }: RowProps) {
  const vm = useVmSummary(path);
  const select = useHako((s) => s.select);
  const ref = useCallback((element: HTMLButtonElement | null) => register(path, element), [register, path]);
  if (vm === undefined) return null;
  const state = vm.loading ? 'Reading…' : VM_STATE_LABELS[vm.state];
  return (
    <li className="nav-row" style={{ transform: `translateY(${top}px)` }} aria-posinset={position} aria-setsize={total}>
      <NavItem
        ref={ref}
        current={current}
        currentKind="page"
        className="pane-link pane-link-tall"
        tabIndex={tabbable ? 0 : -1}
        onFocus={() => onItemFocus(path)}
        onSelect={() => select({ kind: 'vm', path })}
      >
        <VmGlyph state={vm.state} />
        {/* The name is what the entry shows: its name, a space, its state (no comma). */}
        <span className="pane-text">
          <span className="pane-label">{vm.name}</span> <span className="pane-sub">{state}</span>
        </span>
      </NavItem>
    </li>
  );
});

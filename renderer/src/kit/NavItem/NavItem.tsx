/**
 * An entry of a navigation list (the window's pane, the settings' sections): a button that marks the
 * current entry with a bar and `aria-current`. `current` says what kind of current it is.
 */
import clsx from 'clsx';
import type { ReactNode, Ref } from 'react';
import './NavItem.css';

export function NavItem({
  current,
  currentKind = 'true',
  label,
  id,
  className,
  onSelect,
  children,
  tabIndex,
  onFocus,
  ref,
}: {
  readonly current: boolean;
  readonly currentKind?: 'page' | 'true';
  /** The accessible name, when the visible content says more (or less) than the name. */
  readonly label?: string;
  readonly id?: string;
  readonly className?: string;
  readonly onSelect: () => void;
  readonly children: ReactNode;
  /** For an entry of a list that is one tab stop (roving focus): -1 for all but its active entry. */
  readonly tabIndex?: 0 | -1;
  readonly onFocus?: () => void;
  readonly ref?: Ref<HTMLButtonElement>;
}) {
  return (
    <button
      ref={ref}
      type="button"
      id={id}
      tabIndex={tabIndex}
      onFocus={onFocus}
      className={clsx('nav-item', current && 'nav-item-current', className)}
      aria-current={current ? currentKind : undefined}
      aria-label={label}
      onClick={onSelect}
    >
      {children}
    </button>
  );
}

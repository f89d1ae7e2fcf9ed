/**
 * An entry of a navigation list (the window's pane, the settings' sections): a button that marks the
 * current entry with a bar and `aria-current`. `current` says what kind of current it is.
 */
import clsx from 'clsx';
import type { ReactNode } from 'react';
import './NavItem.css';

export function NavItem({
  current,
  currentKind = 'true',
  label,
  id,
  className,
  tabStop,
  title,
  onSelect,
  children,
}: {
  readonly current: boolean;
  readonly currentKind?: 'page' | 'true';
  /** The accessible name, when the visible content says more (or less) than the name. */
  readonly label?: string;
  readonly id?: string;
  readonly className?: string;
  /** Roving focus: whether this entry is the list's one Tab stop (the list moves focus with arrow keys). */
  readonly tabStop?: boolean;
  /** The full text, as a tooltip, where the entry may cut it short. */
  readonly title?: string;
  readonly onSelect: () => void;
  readonly children: ReactNode;
}) {
  return (
    <button
      type="button"
      id={id}
      className={clsx('nav-item', current && 'nav-item-current', className)}
      aria-current={current ? currentKind : undefined}
      aria-label={label}
      title={title}
      tabIndex={tabStop === undefined ? undefined : tabStop ? 0 : -1}
      onClick={onSelect}
    >
      {children}
    </button>
  );
}

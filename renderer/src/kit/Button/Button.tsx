/**
 * A command button. `primary` is the page's main action, `subtle` a toolbar button, `danger` the
 * destructive answer of a question (filled), `subtle-danger` a destructive command in a toolbar. A button
 * that shows only its icon needs `label`, its accessible name and tooltip.
 */
import clsx from 'clsx';
import type { ReactNode, Ref } from 'react';
import { Icon, type IconName } from '../Icon/Icon.js';
import './Button.css';

export type ButtonVariant = 'primary' | 'secondary' | 'subtle' | 'danger' | 'subtle-danger';

export interface ButtonProps {
  readonly children?: ReactNode;
  readonly icon?: IconName;
  readonly variant?: ButtonVariant;
  readonly onClick?: () => void;
  readonly disabled?: boolean;
  readonly title?: string;
  /** Accessible name when the button shows only an icon. */
  readonly label?: string;
  readonly type?: 'button' | 'submit';
  readonly className?: string;
  readonly pressed?: boolean;
  readonly controls?: string;
  readonly expanded?: boolean;
  readonly haspopup?: 'menu' | 'dialog';
  /** Focused when its dialog opens (the safe choice of a destructive question). */
  readonly autoFocus?: boolean;
  /**
   * Disabled but still focusable (aria-disabled): for commands that disable themselves while they run
   * (Start, Save), so focus stays on them instead of dropping to the page.
   */
  readonly focusableWhenDisabled?: boolean;
  /** A hook for the window's keyboard shortcuts (shell/use-shortcuts.ts). */
  readonly 'data-shortcut'?: string;
  readonly ref?: Ref<HTMLButtonElement>;
}

export function Button({
  children,
  icon,
  variant = 'secondary',
  onClick,
  disabled,
  title,
  label,
  type = 'button',
  className,
  pressed,
  controls,
  expanded,
  haspopup,
  autoFocus,
  focusableWhenDisabled,
  'data-shortcut': shortcut,
  ref,
}: ButtonProps) {
  const soft = disabled === true && focusableWhenDisabled === true;
  return (
    <button
      ref={ref}
      data-autofocus={autoFocus ? '' : undefined}
      type={type}
      className={clsx('btn', `btn-${variant}`, children === undefined && 'btn-icon', className)}
      data-shortcut={shortcut}
      onClick={soft ? undefined : onClick}
      disabled={disabled && !soft}
      aria-disabled={soft || undefined}
      title={title ?? label}
      aria-label={label}
      aria-pressed={pressed}
      aria-controls={controls}
      aria-expanded={expanded}
      aria-haspopup={haspopup}
    >
      {icon && <Icon name={icon} />}
      {children !== undefined && <span>{children}</span>}
    </button>
  );
}

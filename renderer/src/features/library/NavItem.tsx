/** An entry of the navigation pane: shows its view, and marks itself while that view is showing. */
import clsx from 'clsx';
import type { ReactNode } from 'react';
import { Icon, type IconName } from '../../kit/Icon/Icon.js';
import { useHako } from '../../store/context.js';
import { sameView, type View } from '../../store/index.js';

export function NavItem({
  target,
  label,
  icon,
  tall,
  children,
}: {
  readonly target: View;
  /** The accessible name; also the visible text unless `children` draw something richer. */
  readonly label: string;
  readonly icon?: IconName;
  readonly tall?: boolean;
  readonly children?: ReactNode;
}) {
  const current = useHako((s) => sameView(s.view, target));
  const select = useHako((s) => s.select);
  return (
    <button
      type="button"
      className={clsx('nav-item', current && 'nav-item-current', tall && 'nav-vm')}
      aria-current={current ? 'page' : undefined}
      aria-label={label}
      onClick={() => select(target)}
    >
      {children ?? (
        <>
          {icon && <Icon name={icon} />}
          <span className="nav-label">{label}</span>
        </>
      )}
    </button>
  );
}

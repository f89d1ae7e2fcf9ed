/** An entry of the navigation pane that shows a page of the window, marked while it is showing. */
import type { ReactNode } from 'react';
import { Icon, type IconName } from '../../kit/Icon/Icon.js';
import { NavItem } from '../../kit/NavItem/NavItem.js';
import { useHako } from '../../store/context.js';
import { sameView, type View } from '../../store/index.js';

export function PageLink({
  target,
  label,
  icon,
  tall,
  tabStop,
  title,
  children,
}: {
  readonly target: View;
  /** The visible text (and so the accessible name) unless `children` draw something richer. */
  readonly label?: string;
  readonly icon?: IconName;
  readonly tall?: boolean;
  /** Whether this entry is the pane's one Tab stop (roving focus). */
  readonly tabStop: boolean;
  readonly title?: string;
  readonly children?: ReactNode;
}) {
  const current = useHako((s) => sameView(s.view, target));
  const select = useHako((s) => s.select);
  return (
    <NavItem
      current={current}
      currentKind="page"
      tabStop={tabStop}
      title={title}
      className={tall ? 'pane-link pane-link-tall' : 'pane-link'}
      onSelect={() => select(target)}
    >
      {children ?? (
        <>
          {icon && <Icon name={icon} />}
          <span className="pane-label">{label}</span>
        </>
      )}
    </NavItem>
  );
}

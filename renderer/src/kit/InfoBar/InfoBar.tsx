/** A message across the page (Fluent's InfoBar): a region named by its title, with optional actions. */
import clsx from 'clsx';
import { useId, type ReactNode } from 'react';
import { Icon, type IconName } from '../Icon/Icon.js';
import './InfoBar.css';

export type InfoBarTone = 'error' | 'warning' | 'info' | 'success';

const ICONS: Readonly<Record<InfoBarTone, IconName>> = { error: 'error', warning: 'warning', info: 'info', success: 'check' };

export function InfoBar({
  tone,
  title,
  children,
  actions,
}: {
  readonly tone: InfoBarTone;
  readonly title: string;
  readonly children?: ReactNode;
  readonly actions?: ReactNode;
}) {
  const id = useId();
  return (
    <section className={clsx('infobar', `infobar-${tone}`)} aria-labelledby={id}>
      <Icon name={ICONS[tone]} className="infobar-icon" />
      <div className="infobar-body">
        <h3 id={id} className="infobar-title">
          {title}
        </h3>
        {children}
      </div>
      {actions && <div className="infobar-actions">{actions}</div>}
    </section>
  );
}

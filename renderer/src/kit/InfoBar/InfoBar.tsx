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
  level = 2,
}: {
  readonly tone: InfoBarTone;
  readonly title: string;
  readonly children?: ReactNode;
  readonly actions?: ReactNode;
  /** Its title's heading level: 2 at the top of a page or tab, 3 inside a titled section. */
  readonly level?: 2 | 3;
}) {
  const id = useId();
  const Heading = level === 2 ? 'h2' : 'h3';
  return (
    <section className={clsx('infobar', `infobar-${tone}`)} aria-labelledby={id}>
      <Icon name={ICONS[tone]} className="infobar-icon" />
      <div className="infobar-body">
        <Heading id={id} className="infobar-title">
          {title}
        </Heading>
        {children}
      </div>
      {actions && <div className="infobar-actions">{actions}</div>}
    </section>
  );
}

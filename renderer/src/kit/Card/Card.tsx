/** A titled surface; a region named by its title, so pages and tests find it by name. */
import clsx from 'clsx';
import { useId, type ReactNode } from 'react';
import { Icon, type IconName } from '../Icon/Icon.js';
import './Card.css';

export function Card({
  title,
  icon,
  children,
  actions,
  className,
}: {
  readonly title: string;
  readonly icon?: IconName;
  readonly children: ReactNode;
  readonly actions?: ReactNode;
  readonly className?: string;
}) {
  const id = useId();
  return (
    <section className={clsx('card', className)} aria-labelledby={id}>
      <header className="card-header">
        {icon && <Icon name={icon} className="card-icon" />}
        <h2 id={id} className="card-title">
          {title}
        </h2>
        {actions && <div className="card-actions">{actions}</div>}
      </header>
      <div className="card-body">{children}</div>
    </section>
  );
}

/** A page of the window: its title (the one h1), a line saying what it is for, and its actions. */
import clsx from 'clsx';
import type { ReactNode } from 'react';
import './Page.css';

export function Page({
  title,
  description,
  actions,
  className,
  children,
}: {
  readonly title: string;
  /** A page that lays out its own scrolling (the start page's grid) says so with a class. */
  readonly className?: string;
  readonly description?: ReactNode;
  readonly actions?: ReactNode;
  readonly children: ReactNode;
}) {
  return (
    <div className={clsx('page', className)}>
      <header className="page-header">
        <div>
          <h1 className="page-title">{title}</h1>
          {description && <p className="muted">{description}</p>}
        </div>
        {actions}
      </header>
      {children}
    </div>
  );
}

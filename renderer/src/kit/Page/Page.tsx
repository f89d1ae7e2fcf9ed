/** A page of the window: its title (the one h1), a line saying what it is for, and its actions. */
import type { ReactNode } from 'react';
import './Page.css';

export function Page({
  title,
  description,
  actions,
  children,
}: {
  readonly title: string;
  readonly description?: ReactNode;
  readonly actions?: ReactNode;
  readonly children: ReactNode;
}) {
  return (
    <div className="page">
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

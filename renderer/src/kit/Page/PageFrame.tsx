/** The frame of a page that draws its own header (a VM's page). */
import clsx from 'clsx';
import type { ReactNode } from 'react';
import './Page.css';

export function PageFrame({ className, children }: { readonly className?: string; readonly children: ReactNode }) {
  return <div className={clsx('page', className)}>{children}</div>;
}

/** A data table on a card-like surface; named by `label` or by a caption inside it. */
import clsx from 'clsx';
import type { ReactNode } from 'react';
import './Table.css';

export function Table({ label, className, children }: { readonly label?: string; readonly className?: string; readonly children: ReactNode }) {
  return (
    <table className={clsx('table', className)} aria-label={label}>
      {children}
    </table>
  );
}

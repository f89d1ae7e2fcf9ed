/** An ordered list of editable items (disks, adapters, GPUs…), each an ItemCard. */
import type { ReactNode } from 'react';
import './ItemList.css';

export function ItemList({ label, children }: { readonly label: string; readonly children: ReactNode }) {
  return (
    <ol className="item-list" aria-label={label}>
      {children}
    </ol>
  );
}

/** A short code-like value in the running text: an error code, an HRESULT, a JSON Pointer, a path. */
import type { ReactNode } from 'react';
import './Chip.css';

export function Chip({ children, title }: { readonly children: ReactNode; readonly title?: string }) {
  return (
    <code className="chip" title={title}>
      {children}
    </code>
  );
}

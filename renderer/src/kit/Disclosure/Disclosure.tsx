/** Fields or details most people never need, behind a summary line the user opens. */
import type { ReactNode } from 'react';
import './Disclosure.css';

export function Disclosure({ summary, children }: { readonly summary: string; readonly children: ReactNode }) {
  return (
    <details className="disclosure">
      <summary>{summary}</summary>
      {children}
    </details>
  );
}

/** Terms and their values (a definition list), such as a VM's hardware or the host's facts. */
import type { ReactNode } from 'react';
import './Facts.css';

export function Facts({ children }: { readonly children: ReactNode }) {
  return <dl className="facts">{children}</dl>;
}

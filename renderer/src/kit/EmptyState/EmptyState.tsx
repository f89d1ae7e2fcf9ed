/** What a list shows when it has nothing yet, and how to add the first item. */
import type { ReactNode } from 'react';
import { Icon, type IconName } from '../Icon/Icon.js';
import './EmptyState.css';

export function EmptyState({ icon, title, children }: { readonly icon: IconName; readonly title: string; readonly children?: ReactNode }) {
  return (
    <div className="empty">
      <Icon name={icon} className="empty-icon" />
      <p className="empty-title">{title}</p>
      {children}
    </div>
  );
}

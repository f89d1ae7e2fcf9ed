/**
 * One item of an ItemList: a decorative lead (icon and a short caption such as "LUN 0"), the item's
 * fields, and its commands (move, remove). `layout="even"` gives the fields two equal columns.
 */
import clsx from 'clsx';
import type { ReactNode } from 'react';
import { Icon, type IconName } from '../Icon/Icon.js';
import './ItemList.css';

export function ItemCard({
  icon,
  caption,
  actions,
  layout = 'label-value',
  children,
}: {
  readonly icon: IconName;
  readonly caption?: string;
  readonly actions: ReactNode;
  readonly layout?: 'label-value' | 'even';
  readonly children: ReactNode;
}) {
  return (
    <li className="item-card">
      <div className="item-lead" aria-hidden="true">
        <Icon name={icon} />
        {caption && <span className="item-caption">{caption}</span>}
      </div>
      <div className={clsx('item-fields', layout === 'even' && 'item-fields-even')}>{children}</div>
      <div className="item-actions">{actions}</div>
    </li>
  );
}

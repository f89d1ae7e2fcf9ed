/** The VM glyph on an accent tile, beside a VM's name. */
import clsx from 'clsx';
import { Icon } from '../../kit/Icon/Icon.js';
import './VmAvatar.css';

export function VmAvatar({ size = 'large' }: { readonly size?: 'medium' | 'large' }) {
  return (
    <span className={clsx('vm-avatar', `vm-avatar-${size}`)} aria-hidden="true">
      <Icon name="vm" />
    </span>
  );
}

/** Something is in flight: an indeterminate progress indicator named by what it waits for. */
import clsx from 'clsx';
import './Spinner.css';

export function Spinner({ label, size = 'normal' }: { readonly label: string; readonly size?: 'small' | 'normal' | 'large' }) {
  return <span className={clsx('spinner', size !== 'normal' && `spinner-${size}`)} role="progressbar" aria-label={label} />;
}

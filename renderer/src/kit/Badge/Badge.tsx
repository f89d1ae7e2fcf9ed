/**
 * A short status with a coloured dot (its ::before: one element less in every list row that has one).
 * `live`: the page's one announced status (role="status", named by `live`, the whole phrase, such as
 * "State: Running", so assistive technology reads it as a whole).
 */
import clsx from 'clsx';
import './Badge.css';

export type BadgeTone = 'neutral' | 'success' | 'warning' | 'info' | 'busy' | 'danger';

export function Badge({
  tone,
  children,
  live,
  size = 'normal',
}: {
  readonly tone: BadgeTone;
  readonly children: string;
  /** The accessible name when the badge is the page's live status. */
  readonly live?: string;
  readonly size?: 'normal' | 'large';
}) {
  return (
    <span
      className={clsx('badge', `badge-${tone}`, size === 'large' && 'badge-large')}
      role={live ? 'status' : undefined}
      aria-label={live}
    >
      {children}
    </span>
  );
}

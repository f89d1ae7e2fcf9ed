/**
 * A short status with a coloured dot. `live`: the page's one announced status (role="status", named
 * "<liveLabel>: <text>" so assistive technology reads it as a whole).
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
  /** The name's prefix when the badge is the page's live status. */
  readonly live?: string;
  readonly size?: 'normal' | 'large';
}) {
  return (
    <span
      className={clsx('badge', `badge-${tone}`, size === 'large' && 'badge-large')}
      role={live ? 'status' : undefined}
      aria-label={live ? `${live}: ${children}` : undefined}
    >
      <span className="badge-dot" aria-hidden="true" />
      {children}
    </span>
  );
}

/** Says so while the link to Hako is down (the browser host's WebSocket reconnects by itself). */
import { useHako } from '../store/context.js';

export function ConnectionBanner() {
  const link = useHako((s) => s.link);
  if (link === 'open') return null;
  return (
    <div className="link-banner" role="status">
      {link === 'closed' ? 'The connection to Hako is closed. Reload the page.' : 'Reconnecting to Hako…'}
    </div>
  );
}

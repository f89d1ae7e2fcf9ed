/** Says so while the link to Hako is down (the browser host's WebSocket reconnects by itself). */
import { useT } from '../i18n/context.js';
import { useHako } from '../store/context.js';

export function ConnectionBanner() {
  const { t } = useT();
  const link = useHako((s) => s.link);
  if (link === 'open') return null;
  return (
    <div className="link-banner" role="status">
      {link === 'closed' ? t('app.link.closed') : t('app.link.reconnecting')}
    </div>
  );
}

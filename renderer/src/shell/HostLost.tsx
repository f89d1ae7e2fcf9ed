/**
 * When Hako's main side goes away, the window says so at once, with what to do; the App turns every
 * control off meanwhile (nothing could reach main). Only the browser host can lose its main side while
 * the page lives: its WebSocket closes when `hako host` stops, and a restarted host has a new secret, so
 * the page cannot reconnect to it. (An Electron window cannot outlive its main process.) The socket
 * keeps trying to reconnect, which only the same host, still running, could answer.
 */
import { useT } from '../i18n/context.js';
import { InfoBar } from '../kit/InfoBar/InfoBar.js';
import { Spinner } from '../kit/Spinner/Spinner.js';
import { useHako } from '../store/context.js';

export function HostLost() {
  const { t } = useT();
  const link = useHako((s) => s.link);
  if (link === 'open') return null;
  const ended = link === 'closed';
  return (
    <div className="host-lost" role="alert">
      <InfoBar tone="error" title={t(ended ? 'app.hostLost.titleEnded' : 'app.hostLost.title')}>
        <p>{t(ended ? 'app.hostLost.bodyEnded' : 'app.hostLost.body')}</p>
        <p>{t('app.hostLost.what', { start: 'npm start', host: 'hako host' })}</p>
        {!ended && (
          <p className="host-lost-retry">
            <Spinner label={t('app.hostLost.retrying')} size="small" />
            <span aria-hidden="true">{t('common.ellipsis', { label: t('app.hostLost.retrying') })}</span>
          </p>
        )}
      </InfoBar>
    </div>
  );
}

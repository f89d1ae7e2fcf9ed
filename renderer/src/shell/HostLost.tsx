/**
 * When Hako's main side goes away, the window says so at once, with what to do; the App turns every
 * control off meanwhile (nothing could reach main). Only the browser host can lose its main side while
 * the page lives: its WebSocket closes when `hako host` stops, and a restarted host has a new secret, so
 * the page cannot reconnect to it. (An Electron window cannot outlive its main process.) The socket
 * keeps trying to reconnect, which only the same host, still running, could answer.
 */
import { InfoBar } from '../kit/InfoBar/InfoBar.js';
import { Spinner } from '../kit/Spinner/Spinner.js';
import { useHako } from '../store/context.js';

export function HostLost() {
  const link = useHako((s) => s.link);
  if (link === 'open') return null;
  const ended = link === 'closed';
  return (
    <div className="host-lost" role="alert">
      <InfoBar tone="error" title={ended ? 'This page’s connection to Hako has ended' : 'Hako is not answering'}>
        <p>
          {ended
            ? 'The Hako host this page belonged to has stopped, or was started again with a new secret.'
            : 'The Hako host this page talks to has stopped, or its connection broke. The buttons are off until it answers again.'}
        </p>
        <p>
          To go on, start the host again (<code>npm start</code> or <code>hako host</code>) and open the new address it prints: each
          start has a new secret, so this page cannot reconnect to a new host.
        </p>
        {!ended && <Spinner label="Trying to reconnect" size="small" />}
      </InfoBar>
    </div>
  );
}

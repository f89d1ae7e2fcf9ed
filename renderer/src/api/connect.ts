/**
 * Which HakoApi the renderer talks to: the preload's `window.hako` in Electron, else the browser host's
 * WebSocket at `/ipc` on the page's own origin, authenticated by the host's secret (`npm run dev` and
 * the end-to-end tests run the page on a `hako host`, so the UI always talks to the real handlers).
 */
import { fromBridge } from '../../../app/ipc/bridge.js';
import { createHakoApi } from '../../../app/ipc/client.js';
import { HakoApiError, type HakoApi } from '../../../app/ipc/contract.js';
import { createWebSocketTransport, hostSocketUrl, type ConnectionStatus } from '../../../app/ipc/ws-transport.js';
import { reloadOnNewSecret, takeHostSecret } from './host-secret.js';

declare global {
  interface Window {
    /** Set by the Electron preload. */
    readonly hako?: HakoApi;
  }
}

export function connectApi(onStatus: (status: ConnectionStatus) => void): HakoApi {
  // Errors cross the context bridge as plain objects; they become typed errors of this realm again.
  if (window.hako !== undefined) return fromBridge(window.hako, (info) => new HakoApiError(info));
  const secret = takeHostSecret();
  reloadOnNewSecret(secret);
  return createHakoApi(createWebSocketTransport({ url: hostSocketUrl(location), secret, onStatus }));
}

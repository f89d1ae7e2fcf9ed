/**
 * Which HakoApi the renderer talks to: the preload's `window.hako` in Electron, else the browser host's
 * WebSocket at `/ipc` on the page's own origin. In `vite` development (never in a build) a fake API
 * in the page stands in, unless the URL says `?api=host`.
 */
import { fromBridge } from '../../app/ipc/bridge.js';
import { createHakoApi } from '../../app/ipc/client.js';
import { HakoApiError, type HakoApi } from '../../app/ipc/contract.js';
import { createWebSocketTransport, hostSocketUrl, type ConnectionStatus } from '../../app/ipc/ws-transport.js';

declare global {
  interface Window {
    /** Set by the Electron preload. */
    readonly hako?: HakoApi;
  }
}

export async function connectApi(onStatus: (status: ConnectionStatus) => void): Promise<HakoApi> {
  // Errors cross the context bridge as plain objects; they become typed errors of this realm again.
  if (window.hako !== undefined) return fromBridge(window.hako, (info) => new HakoApiError(info));
  if (import.meta.env.DEV && new URLSearchParams(location.search).get('api') !== 'host') {
    const { createFakeApi } = await import('./dev/fake-api.js');
    const speed = Number(new URLSearchParams(location.search).get('speed') ?? '1');
    return createFakeApi({ speed: Number.isFinite(speed) ? speed : 1 });
  }
  return createHakoApi(createWebSocketTransport({ url: hostSocketUrl(location), secret: takeHostSecret(), onStatus }));
}

const SECRET_KEY = 'hako.secret';

/**
 * The browser host's secret: in the printed URL's fragment (`#secret=…`, which is never sent to a
 * server) on the first visit, then in this tab's sessionStorage so a reload keeps working. It leaves
 * the address bar (and the history) at once.
 */
function takeHostSecret(): string {
  const fromUrl = new URLSearchParams(location.hash.slice(1)).get('secret');
  if (fromUrl !== null) {
    sessionStorage.setItem(SECRET_KEY, fromUrl);
    history.replaceState(history.state, '', location.pathname + location.search);
  }
  return fromUrl ?? sessionStorage.getItem(SECRET_KEY) ?? '';
}

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
  return createHakoApi(createWebSocketTransport({ url: hostSocketUrl(location), onStatus }));
}

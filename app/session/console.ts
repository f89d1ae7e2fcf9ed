/**
 * The embedded console (the VM's screen inside Hako, DESIGN.md "Sessions"): the rules both main and the
 * renderer need. The renderer's console document runs IronRDP's web client, which reaches main's
 * RDCleanPath proxy over a WebSocket; main derives the pipe from the VM, never from the renderer.
 */

/** How long a console ticket (its one-time token) stays valid; it opens one connection. */
export const CONSOLE_TICKET_TTL_MS = 30_000;

/** The proxy's path: on the browser host's own origin, and on Electron's loopback console server. */
export const CONSOLE_SOCKET_PATH = '/console';

/** The console's own document (its own CSP), framed by the VM page. */
export const CONSOLE_DOCUMENT = 'console.html';

/**
 * What IronRDP is told it connects to. It needs a `host:port`, sends it to the proxy (which ignores it:
 * the ticket names the VM) and uses the host part as the server name for CredSSP. Hako's console has no
 * host name; the guest's RDP server sees `localhost`, as over VMConnect's loopback port.
 */
export const CONSOLE_DESTINATION = 'localhost:3389';

/** The close code the proxy sends when the VM stops under a session (4000–4999 are the application's). */
export const CONSOLE_CLOSE_VM_STOPPED = 4001;
/** …and when Hako ends it (disconnect, another console took the VM, Hako closing). */
export const CONSOLE_CLOSE_ENDED = 4002;

/** The desktop sizes the console asks for: RDP's own limits are wider, these keep requests sane. */
export const DESKTOP_SIZE = { minWidth: 640, minHeight: 480, maxWidth: 8192, maxHeight: 8192 } as const;

/** A desktop size the console may ask the guest for: even widths (RDP wants them), within bounds. */
export function clampDesktopSize(width: number, height: number): { width: number; height: number } {
  const w = Math.min(DESKTOP_SIZE.maxWidth, Math.max(DESKTOP_SIZE.minWidth, Math.floor(width)));
  const h = Math.min(DESKTOP_SIZE.maxHeight, Math.max(DESKTOP_SIZE.minHeight, Math.floor(height)));
  return { width: w - (w % 2), height: h };
}

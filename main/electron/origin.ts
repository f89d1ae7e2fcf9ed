/**
 * Hako's own origin (`app://hako`) and who may speak for it: which URLs are ours, which IPC senders are
 * trusted, which requests the renderer may make. Plain functions (no Electron), so vitest checks them.
 */
export const APP_SCHEME = 'app';
export const APP_HOST = 'hako';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_ENTRY_URL = `${APP_ORIGIN}/index.html`;

function parseUrl(url: string): URL | null {
  try {
    return new URL(url);
  } catch {
    return null;
  }
}

/** A URL of Hako's own origin (`app://hako/...`), without credentials or port. */
export function isAppUrl(url: string): boolean {
  const parsed = parseUrl(url);
  return (
    parsed !== null &&
    parsed.protocol === `${APP_SCHEME}:` &&
    parsed.hostname === APP_HOST &&
    parsed.port === '' &&
    parsed.username === '' &&
    parsed.password === ''
  );
}

export interface SenderFrame {
  /** The frame's URL (`event.senderFrame.url`); null when the frame is gone. */
  readonly url: string | null;
  /** `senderFrame === sender.mainFrame` (or `senderFrame.parent === null`). */
  readonly isMainFrame: boolean;
  /** The sender is the web contents of Hako's window. */
  readonly isOurWindow: boolean;
}

/** VS Code's validatedIpcMain check, for Hako: our window, its main frame, our origin. */
export function isTrustedSender(frame: SenderFrame | null): boolean {
  return frame !== null && frame.isOurWindow && frame.isMainFrame && frame.url !== null && isAppUrl(frame.url);
}

/**
 * Whether a request of the renderer may proceed (`webRequest.onBeforeRequest`): only our own origin
 * (and `data:` / our `blob:` URLs, which never leave the process), and exactly the console's loopback
 * WebSocket URL (`consoleUrl`, main/electron/console-server.ts) when there is one. DevTools' own pages
 * only outside packaged builds.
 */
export function isAllowedRequest(url: string, options: { readonly devTools: boolean; readonly consoleUrl?: string | null }): boolean {
  if (isAppUrl(url)) return true;
  if (options.consoleUrl && url === options.consoleUrl) return true;
  if (url.startsWith('data:')) return true;
  if (url.startsWith(`blob:${APP_ORIGIN}/`)) return true;
  if (options.devTools && (url.startsWith('devtools://') || url.startsWith('chrome-extension://'))) return true;
  return false;
}

/** The console document's URL: the one page a frame of our window may load (the VM page frames it). */
export const CONSOLE_DOCUMENT_URL = `${APP_ORIGIN}/console.html`;

/** Whether a frame other than the main one may navigate to `url`: only the console document. */
export function isAllowedSubframe(url: string): boolean {
  if (!isAppUrl(url)) return false;
  const parsed = new URL(url);
  return parsed.pathname === '/console.html' && parsed.search === '' && parsed.hash === '';
}

/**
 * The permissions our own pages may have (everything else is denied): full screen for the console,
 * keyboard lock while it is full screen (so the guest gets Alt+Tab and the Windows key), and the
 * clipboard for an enhanced session's clipboard sharing. Nothing for any other origin.
 */
export const CONSOLE_PERMISSIONS: readonly string[] = ['fullscreen', 'keyboardLock', 'clipboard-read', 'clipboard-sanitized-write'];

export function isAllowedPermission(permission: string, requestingUrl: string | null | undefined): boolean {
  return requestingUrl !== null && requestingUrl !== undefined && isAppUrl(requestingUrl) && CONSOLE_PERMISSIONS.includes(permission);
}

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
 * (and `data:` / our `blob:` URLs, which never leave the process). DevTools' own pages only outside
 * packaged builds.
 */
export function isAllowedRequest(url: string, options: { readonly devTools: boolean }): boolean {
  if (isAppUrl(url)) return true;
  if (url.startsWith('data:')) return true;
  if (url.startsWith(`blob:${APP_ORIGIN}/`)) return true;
  if (options.devTools && (url.startsWith('devtools://') || url.startsWith('chrome-extension://'))) return true;
  return false;
}

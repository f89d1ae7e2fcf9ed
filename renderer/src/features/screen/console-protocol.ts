/**
 * The messages between the VM page and its console document (`console.html`, framed by the Screen tab).
 * Both are Hako's own pages on one origin; each side still checks the sender (the origin, and the frame
 * it expects) and the shape of every message, because a message event can come from anywhere.
 *
 * The console document has no access to Hako's API: the page asks main for a ticket and hands it over
 * in `connect`; the document runs IronRDP and reports what happens.
 */

export type ConsoleScale = 'fit' | 'real';
export type SpecialKeys = 'ctrl-alt-del' | 'windows';

export interface ConsoleConnect {
  readonly type: 'connect';
  readonly proxyUrl: string;
  readonly token: string;
  readonly destination: string;
  /** Enhanced sessions: CredSSP with the guest's credentials, the clipboard, and dynamic resolution. */
  readonly enhanced: boolean;
  readonly credentials: { readonly username: string; readonly domain: string; readonly password: string } | null;
  readonly desktop: { readonly width: number; readonly height: number };
  readonly scale: ConsoleScale;
}

export type PageToConsole =
  | ConsoleConnect
  | { readonly type: 'disconnect' }
  | { readonly type: 'scale'; readonly scale: ConsoleScale }
  | { readonly type: 'keys'; readonly keys: SpecialKeys }
  /** Ask the guest for this resolution (enhanced sessions; the display-control channel). */
  | { readonly type: 'resize'; readonly width: number; readonly height: number }
  | { readonly type: 'focus' };

/** IronRDP's error, as far as the console can say (its `kind()` and RDCleanPath details). */
export interface ConsoleFailure {
  readonly kind: number;
  readonly message: string;
  readonly httpStatusCode?: number;
  readonly wsaErrorCode?: number;
  readonly tlsAlertCode?: number;
}

export type ConsoleToPage =
  /** The RDP client is loaded and can connect. */
  | { readonly type: 'ready' }
  | { readonly type: 'connected'; readonly width: number; readonly height: number }
  | { readonly type: 'failed'; readonly failure: ConsoleFailure }
  /** The session ended (the VM's side closed it, or the page disconnected). */
  | { readonly type: 'ended'; readonly reason: string }
  /** The guest's desktop changed size. */
  | { readonly type: 'desktop'; readonly width: number; readonly height: number }
  | { readonly type: 'resizeRequested'; readonly width: number; readonly height: number }
  /** Keyboard capture: the picture has the keyboard, or gave it back (focus left, or the release keys). */
  | { readonly type: 'keyboard'; readonly captured: boolean }
  /** The user pressed the release keys (Ctrl+Alt+←): the page takes the keyboard back. */
  | { readonly type: 'release' };

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
const isSize = (value: unknown): value is number => typeof value === 'number' && Number.isInteger(value) && value > 0 && value <= 16_384;
const isText = (value: unknown, max: number): value is string => typeof value === 'string' && value.length <= max;

/** A message from the page, or null for anything that is not one. */
export function readPageMessage(data: unknown): PageToConsole | null {
  if (!isRecord(data)) return null;
  switch (data.type) {
    case 'connect': {
      const credentials = data.credentials;
      const desktop = data.desktop;
      const validCredentials =
        credentials === null || (isRecord(credentials) && isText(credentials.username, 256) && isText(credentials.domain, 256) && isText(credentials.password, 512));
      if (!isText(data.proxyUrl, 300) || !/^wss?:\/\//.test(data.proxyUrl) || !isText(data.token, 256) || !isText(data.destination, 300)) return null;
      if (typeof data.enhanced !== 'boolean' || !validCredentials || !isRecord(desktop) || !isSize(desktop.width) || !isSize(desktop.height)) return null;
      if (data.scale !== 'fit' && data.scale !== 'real') return null;
      return data as unknown as ConsoleConnect;
    }
    case 'disconnect':
    case 'focus':
      return { type: data.type };
    case 'scale':
      return data.scale === 'fit' || data.scale === 'real' ? { type: 'scale', scale: data.scale } : null;
    case 'keys':
      return data.keys === 'ctrl-alt-del' || data.keys === 'windows' ? { type: 'keys', keys: data.keys } : null;
    case 'resize':
      return isSize(data.width) && isSize(data.height) ? { type: 'resize', width: data.width, height: data.height } : null;
    default:
      return null;
  }
}

/** A message from the console document, or null for anything that is not one. */
export function readConsoleMessage(data: unknown): ConsoleToPage | null {
  if (!isRecord(data)) return null;
  switch (data.type) {
    case 'ready':
    case 'release':
      return { type: data.type };
    case 'connected':
    case 'desktop':
    case 'resizeRequested':
      return isSize(data.width) && isSize(data.height) ? { type: data.type, width: data.width, height: data.height } : null;
    case 'ended':
      return isText(data.reason, 2000) ? { type: 'ended', reason: data.reason } : null;
    case 'keyboard':
      return typeof data.captured === 'boolean' ? { type: 'keyboard', captured: data.captured } : null;
    case 'failed': {
      const failure = data.failure;
      if (!isRecord(failure) || typeof failure.kind !== 'number' || !isText(failure.message, 4000)) return null;
      const code = (value: unknown) => (typeof value === 'number' && Number.isInteger(value) && value >= 0 && value <= 0xffff ? value : undefined);
      const details = { httpStatusCode: code(failure.httpStatusCode), wsaErrorCode: code(failure.wsaErrorCode), tlsAlertCode: code(failure.tlsAlertCode) };
      return {
        type: 'failed',
        failure: {
          kind: failure.kind,
          message: failure.message,
          ...Object.fromEntries(Object.entries(details).filter(([, value]) => value !== undefined)),
        },
      };
    }
    default:
      return null;
  }
}

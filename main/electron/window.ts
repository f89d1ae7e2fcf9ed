/**
 * Hako's window and the security baseline around it (Electron's checklist, anchors.md §C.9):
 * sandboxed, context-isolated renderer without Node; the UI served from the privileged `app://hako`
 * scheme out of the built renderer folder only, every response with the shared CSP; every other
 * request cancelled; permissions denied; navigation, redirects, webviews and new windows refused,
 * allowlisted https links handed to the user's browser. A crashed renderer gets a new window; the VMs
 * are not touched.
 */
import { readFile, realpath, stat } from 'node:fs/promises';
import path from 'node:path';
import { BrowserWindow, nativeImage, nativeTheme, protocol, shell, type NativeImage, type Session, type WebContents } from 'electron';
import { consolePolicy, SECURITY_HEADERS } from '../../app/ipc/csp.js';
import { CONSOLE_DOCUMENT } from '../../app/session/console.js';
import { drawIcon } from './icon-art.js';
import { encodePng } from './image-codec.js';
import { realFileInside } from '../static-files.js';
import type { ShellLog } from './log.js';
import { resolveAppAsset } from './app-protocol.js';
import { externalLinkTarget } from './external-links.js';
import { APP_ENTRY_URL, APP_SCHEME, isAllowedPermission, isAllowedRequest, isAllowedSubframe } from './origin.js';
import { shouldRecreateWindow } from './window-crashes.js';

/** Must run before `app` is ready. */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([
    {
      scheme: APP_SCHEME,
      // standard: origin and relative URLs like https; secure: a secure context; fetch for module
      // scripts; code cache for start-up. No service workers, no CSP bypass, no extensions.
      privileges: { standard: true, secure: true, supportFetchAPI: true, corsEnabled: true, codeCache: true },
    },
  ]);
}

function respond(status: number, body: Uint8Array | null, contentType: string, policy?: string): Response {
  return new Response(body, { status, headers: { ...SECURITY_HEADERS, ...(policy ? { 'Content-Security-Policy': policy } : {}), 'Content-Type': contentType, 'Cache-Control': 'no-cache' } });
}

/**
 * Serves `app://hako/…` from `rendererDir` (out/renderer, inside app.asar when packaged). A folder on
 * disk (development, unpacked builds) also gets the browser host's check that no symbolic link leads
 * out of it; app.asar is Hako's own read-only archive, which holds no links. The console document gets
 * its own policy, naming the console server's WebSocket (app/ipc/csp.ts).
 */
export function serveRenderer(ses: Session, rendererDir: string, log: ShellLog, consoleUrl: string | null = null): void {
  const inAsar = /\.asar(?:[\\/]|$)/i.test(rendererDir);
  ses.protocol.handle(APP_SCHEME, async (request) => {
    const resolution = resolveAppAsset(request.url, request.method, rendererDir, path);
    if (resolution.status !== 200) {
      log.warn(`app:// ${request.method} ${request.url.slice(0, 300)} refused (${resolution.status})`);
      return respond(resolution.status, null, 'text/plain; charset=utf-8');
    }
    const file = inAsar ? resolution.file : await realFileInside(rendererDir, resolution.file, path, { realpath, stat });
    if (file === null) return respond(404, null, 'text/plain; charset=utf-8');
    try {
      const body = await readFile(file);
      const policy = consoleUrl !== null && path.basename(file) === CONSOLE_DOCUMENT ? consolePolicy(consoleUrl) : undefined;
      return respond(200, request.method === 'HEAD' ? null : body, resolution.contentType, policy);
    } catch {
      return respond(404, null, 'text/plain; charset=utf-8');
    }
  });
}

/**
 * Session-wide rules: requests (our files, and exactly the console's WebSocket), permissions (full screen,
 * keyboard lock and the clipboard for our own pages, for the console; nothing else).
 */
export function secureSession(ses: Session, options: { readonly devTools: boolean; readonly consoleUrl?: string | null }, log: ShellLog): void {
  ses.webRequest.onBeforeRequest((details, callback) => {
    const allowed = isAllowedRequest(details.url, options);
    if (!allowed) log.warn(`blocked ${details.resourceType} request to ${details.url.slice(0, 300)}`);
    callback({ cancel: !allowed });
  });
  ses.setPermissionRequestHandler((_contents, permission, callback, details) => {
    const allowed = isAllowedPermission(permission, details?.requestingUrl);
    if (!allowed) log.warn(`denied permission request: ${permission}`);
    callback(allowed);
  });
  ses.setPermissionCheckHandler((_contents, permission, requestingOrigin) => isAllowedPermission(permission, requestingOrigin));
  ses.setDevicePermissionHandler(() => false);
  ses.setDisplayMediaRequestHandler((_request, callback) => callback({}));
  ses.on('will-download', (event) => event.preventDefault());
}

/** Rules for every web contents Hako ever creates (app `web-contents-created`). */
export function secureContents(contents: WebContents, log: ShellLog): void {
  const openOutside = (url: string): void => {
    const target = externalLinkTarget(url);
    if (target === null) {
      log.warn(`refused to open ${url.slice(0, 300)}`);
      return;
    }
    void shell.openExternal(target).catch((error: unknown) => log.error(`could not open ${target}`, error));
  };
  contents.on('will-navigate', (event) => {
    event.preventDefault();
    openOutside(event.url);
  });
  // A frame may hold the console document, and nothing else.
  contents.on('will-frame-navigate', (event) => {
    if (!event.isMainFrame && !isAllowedSubframe(event.url)) event.preventDefault();
  });
  contents.on('will-redirect', (event) => event.preventDefault());
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(({ url }) => {
    openOutside(url);
    return { action: 'deny' };
  });
}

function appIcon(): NativeImage {
  const image = nativeImage.createEmpty();
  for (const [scaleFactor, size] of [
    [1, 32],
    [2, 64],
  ] as const) {
    image.addRepresentation({ scaleFactor, buffer: encodePng(drawIcon('app', size)) });
  }
  return image;
}

export interface MainWindowOptions {
  readonly preload: string;
  readonly devTools: boolean;
  readonly log: ShellLog;
  /** Called with each new window (the first, and every replacement after a renderer crash). */
  readonly onWindow: (window: BrowserWindow) => void;
  /** The user gave up on a renderer that keeps crashing. */
  readonly onGiveUp: () => void;
}

/** Owns Hako's one window: creates it, replaces it after a renderer crash, shows and focuses it. */
export class MainWindow {
  private window: BrowserWindow | null = null;
  private readonly crashes: number[] = [];

  constructor(private readonly options: MainWindowOptions) {}

  get current(): BrowserWindow | null {
    return this.window !== null && !this.window.isDestroyed() ? this.window : null;
  }

  create(show: boolean): BrowserWindow {
    const { log } = this.options;
    const window = new BrowserWindow({
      width: 1200,
      height: 800,
      minWidth: 720,
      minHeight: 520,
      show: false,
      title: 'Hako',
      icon: appIcon(),
      autoHideMenuBar: true,
      backgroundColor: nativeTheme.shouldUseDarkColors ? '#1f1f1f' : '#f5f5f5',
      webPreferences: {
        preload: this.options.preload,
        contextIsolation: true,
        sandbox: true,
        nodeIntegration: false,
        nodeIntegrationInWorker: false,
        nodeIntegrationInSubFrames: false,
        webSecurity: true,
        allowRunningInsecureContent: false,
        experimentalFeatures: false,
        webviewTag: false,
        navigateOnDragDrop: false,
        spellcheck: false,
        devTools: this.options.devTools,
        safeDialogs: true,
      },
    });
    this.window = window;
    if (show) window.once('ready-to-show', () => window.show());
    window.webContents.on('render-process-gone', (_event, details) => {
      log.error(`renderer gone: ${details.reason} (exit code ${details.exitCode})`);
      if (details.reason === 'clean-exit') return;
      this.replace(window);
    });
    window.webContents.on('unresponsive', () => log.warn('renderer unresponsive'));
    window.webContents.on('responsive', () => log.info('renderer responsive again'));
    window.webContents.on('preload-error', (_event, preloadPath, error) => log.error(`preload ${preloadPath} failed`, error));
    this.options.onWindow(window);
    void window.loadURL(APP_ENTRY_URL).catch((error: unknown) => log.error('could not load the renderer', error));
    return window;
  }

  /** After a renderer crash: a fresh window in the same place, unless it keeps crashing. */
  private replace(crashed: BrowserWindow): void {
    const now = Date.now();
    const recreate = shouldRecreateWindow(this.crashes, now);
    this.crashes.push(now);
    const wasVisible = crashed.isVisible();
    const bounds = crashed.getBounds();
    crashed.destroy();
    if (this.window === crashed) this.window = null;
    if (!recreate) {
      this.options.log.error('the renderer keeps crashing; not recreating the window until asked');
      this.options.onGiveUp();
      return;
    }
    const next = this.create(wasVisible);
    next.setBounds(bounds);
  }

  /** Shows, restores and focuses the window, creating it if needed. */
  showAndFocus(): BrowserWindow {
    const window = this.current ?? this.create(true);
    if (window.isMinimized()) window.restore();
    if (!window.isVisible()) window.show();
    window.focus();
    return window;
  }
}

/**
 * Hako's Electron main process: the composition of the shell around the services.
 *
 * Order matters. Before `ready`: user data under the local app-data folder, logging and crash dumps,
 * the privileged `app://` scheme, and the single-instance lock (a second launch hands its `.7b` paths
 * over in `additionalData` and exits). After `ready`: session security, the renderer protocol, the
 * services (main/app-services.ts), the contract on IPC, the window, the tray, the quit flow and the
 * Windows session-end guard; then the `.7b` files of Hako's own command line.
 */
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { app, dialog, Menu, Notification, safeStorage, session, shell, type BrowserWindow } from 'electron';
import { createAppServices, type AppServices } from '../app-services.js';
import { systemDirectory } from '../native/library.js';
import { isPackagedApp } from '../native/packaged.js';
import type { ShellHooks } from '../ipc/handlers.js';
import type { Translator } from '../../app/i18n/translator.js';
import { checkVmmsCertificate, type CertificateStatus } from './diagnostics-windows.js';
import { registerIpc } from './ipc.js';
import { startConsoleServer } from './console-server.js';
import { CredentialFile, safeStorageCipher } from './credential-vault.js';
import { type ConsoleSocket } from '../services/screen/console-socket.js';
import { setUpLogging, useLocalAppData } from './log.js';
import { pickPathDialogOptions } from './pick-path.js';
import { pathsFromSecondInstance, vmPathsFromArgv, type SecondInstanceData } from './command-line.js';
import { QuitFlow } from './quit.js';
import { SessionEndGuard, type ShutdownBlocker } from './session-end.js';
import { operationNotification, vmStopNotification, type NotificationText, type VmChange } from './notification-policy.js';
import { ShellFlagStore } from './shell-flags.js';
import { ShellState } from './shell-state.js';
import { HakoTray } from './tray.js';
import { shellTranslator } from './i18n.js';
import { validVmPaths } from './vm-path.js';
import { UnsavedEdits } from './unsaved-edits.js';
import { MainWindow, registerAppScheme, secureContents, secureSession, serveRenderer } from './window.js';

const APP_ID = 'org.hako.vmmanager';
/** Development switches (DevTools, the menu, console logs) only outside the packaged app, decided in one place. */
const DEV = !isPackagedApp();
/** out/ (this file is out/main/index.js once built). */
const OUT_DIR = path.resolve(import.meta.dirname, '..');
const RENDERER_DIR = path.join(OUT_DIR, 'renderer');
const PRELOAD = path.join(OUT_DIR, 'preload', 'index.cjs');

// ---- before ready ----

useLocalAppData();
const logs = setUpLogging({ debug: DEV || process.env.HAKO_DEBUG === '1' });
const log = logs.main;
registerAppScheme();

const ownPaths = vmPathsFromArgv(process.argv).map((p) => path.resolve(process.cwd(), p));
const handOver: SecondInstanceData = { openFiles: ownPaths };

if (!app.requestSingleInstanceLock(handOver)) {
  // The first instance opens our files and comes to the front.
  app.exit(0);
} else {
  /** Files asked for before the shell is up (second launches during start-up). */
  const early: { paths: string[]; cwd: string }[] = [];
  let openFiles: (paths: readonly string[], cwd: string) => void = (paths, cwd) => early.push({ paths: [...paths], cwd });

  app.on('second-instance', (_event, argv, workingDirectory, additionalData) => {
    const paths = pathsFromSecondInstance(additionalData, argv);
    log.info(`second launch asks for ${paths.length} file(s)`);
    openFiles(paths, workingDirectory);
  });
  // macOS only; harmless elsewhere.
  app.on('open-file', (event, file) => {
    event.preventDefault();
    openFiles([file], process.cwd());
  });

  app.setAppUserModelId(APP_ID);
  app.enableSandbox();
  app.on('web-contents-created', (_event, contents) => secureContents(contents, log));
  // The tray keeps Hako alive without a window; quitting goes through the quit flow.
  app.on('window-all-closed', () => undefined);
  app.on('child-process-gone', (_event, details) => log.warn(`child process gone: ${details.type} ${details.reason} (${details.exitCode})`));

  start((open) => {
    openFiles = open;
    for (const { paths, cwd } of early.splice(0)) open(paths, cwd);
  }).catch((error: unknown) => {
    log.error('Hako could not start', error);
    // The preferences may not have been read: the system's language.
    dialog.showErrorBox(shellTranslator('system', app.getPreferredSystemLanguages()).t('dialog.startFailed'), error instanceof Error ? error.message : String(error));
    app.exit(1);
  });
}

// ---- after ready ----

function cached<T>(run: () => Promise<T>, ttlMs: number): () => Promise<T> {
  let last: { at: number; value: Promise<T> } | null = null;
  return () => {
    if (last === null || Date.now() - last.at > ttlMs) last = { at: Date.now(), value: run() };
    return last.value;
  };
}

async function loadShutdownBlocker(): Promise<ShutdownBlocker | null> {
  if (process.platform !== 'win32') return null;
  try {
    const { createShutdownBlocker } = await import('../native/shutdown-block.js');
    return createShutdownBlocker();
  } catch (error) {
    log.error('no shutdown-block reason (user32 binding failed)', error);
    return null;
  }
}

/** The close-to-tray notification is shown once per user. */
let closeToTrayNotified = false;
async function notifyCloseToTrayOnce(flags: ShellFlagStore, tr: Translator): Promise<void> {
  if (closeToTrayNotified) return;
  closeToTrayNotified = true;
  if ((await flags.get()).closeToTrayNotified) return;
  if (Notification.isSupported()) {
    new Notification({
      title: tr.t('notify.stillRunning'),
      body: tr.t('notify.stillRunning.body'),
      silent: true,
    }).show();
  }
  await flags.set({ closeToTrayNotified: true });
}

async function start(ready: (open: (paths: readonly string[], cwd: string) => void) => void): Promise<void> {
  await app.whenReady();
  if (!DEV) Menu.setApplicationMenu(null);
  // The console's loopback endpoint first: the request filter and the console document's policy name it.
  let acceptConsole: (socket: ConsoleSocket) => void = (socket) => socket.close(1013, 'Hako is starting');
  const consoleServer = await startConsoleServer((socket) => acceptConsole(socket));
  secureSession(session.defaultSession, { devTools: DEV, consoleUrl: consoleServer.url }, log);
  serveRenderer(session.defaultSession, RENDERER_DIR, log, consoleServer.url);

  let windows: MainWindow | null = null;
  let askToLeave: () => boolean = () => false;
  // The window answers through app.leaveAnswer; without a window nothing unsaved is left to lose.
  const unsavedEdits = new UnsavedEdits({ ask: () => askToLeave() });
  // Set once the shell state exists; until then (the open dialog cannot come earlier) the system's language.
  let translator = (): Translator => shellTranslator('system', app.getPreferredSystemLanguages());
  const shellFlags = new ShellFlagStore(app.getPath('userData'));
  const vmmsCertificate = cached((): Promise<CertificateStatus> => checkVmmsCertificate({ system32: process.platform === 'win32' ? systemDirectory() : null }), 60_000);
  const shellHooks: ShellHooks = {
    transport: 'electron',
    async openFileDialog() {
      const tr = translator();
      const options = {
        title: tr.t('dialog.open.title'),
        filters: [{ name: tr.t('dialog.open.filter'), extensions: ['7b'] }],
        properties: ['openFile' as const],
      };
      const parent = windows?.current ?? null;
      const result = parent !== null ? await dialog.showOpenDialog(parent, options) : await dialog.showOpenDialog(options);
      return result.canceled ? null : (result.filePaths[0] ?? null);
    },
    async pickPath(kind) {
      const options = pickPathDialogOptions(kind, translator());
      const parent = windows?.current ?? null;
      const result = parent !== null ? await dialog.showOpenDialog(parent, options) : await dialog.showOpenDialog(options);
      return result.canceled ? null : (result.filePaths[0] ?? null);
    },
    async openLogsFolder() {
      await mkdir(logs.logsDir, { recursive: true });
      const problem = await shell.openPath(logs.logsDir);
      if (problem !== '') throw new Error(problem);
    },
    vmmsCertificate,
    systemLanguages: () => app.getPreferredSystemLanguages(),
    // On Windows deleted VM files go to the Recycle Bin, so a mistake can be undone.
    ...(process.platform === 'win32' ? { trashItem: (file: string) => shell.trashItem(file) } : {}),
    credentials: new CredentialFile(app.getPath('userData'), safeStorageCipher(safeStorage)),
    setUnsavedEdits: (names) => unsavedEdits.set(names),
    answerLeave: (proceed) => unsavedEdits.answer(proceed),
  };

  const services: AppServices = await createAppServices({
    dataDir: app.getPath('userData'),
    shell: shellHooks,
    log: { debug: (message) => log.debug(message), error: (message, error) => log.error(message, error) },
  });
  acceptConsole = (socket) => services.screen.accept(socket);
  services.screen.setEndpoint(consoleServer.url);
  const bridge = registerIpc(services.dispatch, log);
  askToLeave = () => {
    const window = windows?.current ?? null;
    if (window === null || window.isDestroyed()) return false;
    windows?.showAndFocus();
    bridge.emit('app.confirmLeave', { reason: 'quit' });
    return true;
  };
  const state = new ShellState(services.dispatch, (message, error) => log.error(message, error));
  translator = () => shellTranslator(state.preferences.language, app.getPreferredSystemLanguages());
  const notify = (text: NotificationText | null): void => {
    if (text !== null && Notification.isSupported()) new Notification(text).show();
  };
  const stopEvents = services.events.subscribe((name, payload) => {
    const previous = name === 'vm.changed' ? state.stateOf((payload as VmChange).path) : undefined;
    state.handleEvent(name, payload);
    bridge.emit(name, payload);
    const enabled = state.preferences.notifications;
    if (name === 'vm.changed') notify(vmStopNotification(previous, payload as VmChange, enabled, translator()));
    if (name === 'operations.progress') {
      notify(operationNotification(payload as Parameters<typeof operationNotification>[0], windows?.current?.isVisible() === true, enabled, translator()));
    }
  });
  await state.load();
  // The library's files are read now, in the background; the window shows them as they arrive.
  void services.readLibrary();

  const blocker = await loadShutdownBlocker();
  let tray: HakoTray | null = null;
  const quit = new QuitFlow({
    dispatch: services.dispatch,
    state,
    log,
    window: () => windows?.current ?? null,
    sessionEnding: () => sessionEnd.ending,
    confirmUnsavedEdits: () => unsavedEdits.confirm(),
    translator: () => translator(),
    async dispose() {
      stopEvents();
      tray?.destroy();
      bridge.dispose();
      state.dispose();
      await services.dispose().catch((error: unknown) => log.error('disposing the services failed', error));
      await consoleServer.close();
    },
  });
  const sessionEnd = new SessionEndGuard({ dispatch: services.dispatch, state, log, blocker, onDone: () => void quit.run(), translator: () => translator() });
  quit.install();

  windows = new MainWindow({
    preload: PRELOAD,
    devTools: DEV,
    log,
    onWindow(window: BrowserWindow) {
      bridge.attach(window.webContents);
      logs.captureRenderer(window.webContents);
      sessionEnd.attach(window);
      // The window's edits were asked about before quitting; its own beforeunload must not stop the quit.
      window.webContents.on('will-prevent-unload', (event) => {
        if (quit.quitting || sessionEnd.ending) event.preventDefault();
      });
      window.webContents.once('destroyed', () => unsavedEdits.windowGone());
      window.webContents.on('render-process-gone', () => unsavedEdits.windowGone());
      window.on('close', (event) => {
        if (quit.quitting || sessionEnd.ending) return;
        event.preventDefault();
        if (state.preferences.closeToTray) {
          window.hide();
          void notifyCloseToTrayOnce(shellFlags, translator()).catch((error: unknown) => log.warn(`close-to-tray notification: ${String(error)}`));
        } else {
          void quit.run();
        }
      });
    },
    onGiveUp() {
      const tr = translator();
      dialog.showErrorBox(tr.t('dialog.crashing.title'), tr.t('dialog.crashing.body'));
    },
  });

  const showVm = (vmPath: string): void => {
    windows?.showAndFocus();
    bridge.emit('app.showVm', { path: vmPath });
  };
  tray = new HakoTray({
    dispatch: services.dispatch,
    state,
    log,
    openHako: () => windows?.showAndFocus(),
    showVm,
    quit: () => void quit.run(),
    translator: () => translator(),
    reportError: (title, message) => {
      if (Notification.isSupported()) new Notification({ title, body: message }).show();
      else dialog.showErrorBox(title, message);
    },
  });

  windows.create(!process.argv.includes('--hidden'));
  log.info(`Hako ${app.getVersion()} started (${DEV ? 'development' : 'packaged'}, Electron ${process.versions.electron})`);

  const openPaths = (paths: readonly string[], cwd: string): void => {
    void validVmPaths(paths, cwd, (candidate, reason) => log.warn(`not opening ${candidate.slice(0, 300)}: ${reason}`)).then((valid) => {
      if (valid.length === 0) windows?.showAndFocus();
      for (const vmPath of valid) showVm(vmPath);
    });
  };
  // Hako's own command line (Explorer's double-click on a .7b), then anything a second launch asked for.
  if (ownPaths.length > 0) openPaths(ownPaths, process.cwd());
  ready(openPaths);
}

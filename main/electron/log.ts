/**
 * Logging with electron-log 5: `main.log` for the main process, `renderer.log` for what the renderer
 * writes to its console (captured from `console-message` in main, so the renderer needs no logging
 * bridge of its own), both rotated, under the local app-data folder (`%LOCALAPPDATA%\Hako\logs`). Crash
 * dumps stay local too: Crashpad writes minidumps under `%LOCALAPPDATA%\Hako\crashes`, nothing is uploaded.
 */
import path from 'node:path';
import { app, crashReporter, ipcMain, type WebContents } from 'electron';
import log from 'electron-log/main';
import { LOG_MAX_BYTES, rotateLogFile } from './log-rotation.js';
import { isPackagedApp } from '../native/packaged.js';

export interface ShellLog {
  debug(message: string, ...details: unknown[]): void;
  info(message: string, ...details: unknown[]): void;
  warn(message: string, ...details: unknown[]): void;
  error(message: string, ...details: unknown[]): void;
}

export interface Logs {
  readonly main: ShellLog;
  readonly logsDir: string;
  /** Mirrors a web contents' console into renderer.log. */
  captureRenderer(contents: WebContents): void;
}

/**
 * Moves user data to the local (not roaming) app-data folder on Windows, as Mullvad does: VMs are
 * machine-local, and so is Hako's library of them. `HAKO_USER_DATA_DIR` (an absolute path) overrides it,
 * for end-to-end tests that need a throw-away profile. Must run before `app` is ready (and before the
 * single-instance lock, which is keyed on this folder).
 */
export function useLocalAppData(): void {
  const override = process.env.HAKO_USER_DATA_DIR;
  if (override && path.isAbsolute(override)) {
    app.setPath('userData', override);
    return;
  }
  if (process.platform !== 'win32') return;
  const local = process.env.LOCALAPPDATA;
  if (local && path.win32.isAbsolute(local)) app.setPath('userData', path.join(local, app.getName()));
}

/** Before `app` is ready: paths, file transports, crash dumps. */
export function setUpLogging(options: { readonly debug: boolean }): Logs {
  const userData = app.getPath('userData');
  const logsDir = path.join(userData, 'logs');
  app.setAppLogsPath(logsDir);
  app.setPath('crashDumps', path.join(userData, 'crashes'));
  crashReporter.start({ uploadToServer: false, compress: true });

  const configure = (logger: typeof log, fileName: string): void => {
    logger.transports.file.resolvePathFn = () => path.join(logsDir, fileName);
    logger.transports.file.maxSize = LOG_MAX_BYTES;
    logger.transports.file.archiveLogFn = (old) => rotateLogFile(old.path);
    logger.transports.file.level = options.debug ? 'debug' : 'info';
    logger.transports.console.level = isPackagedApp() ? false : options.debug ? 'debug' : 'info';
  };
  configure(log, 'main.log');
  log.errorHandler.startCatching({ showDialog: false });
  // electron-log registers its own IPC channel for renderer logging (without a sender check). Hako's
  // renderer logs through its console instead, so only the contract's channels exist.
  ipcMain.removeHandler('__ELECTRON_LOG__');
  ipcMain.removeAllListeners('__ELECTRON_LOG__');

  const renderer = log.create({ logId: 'renderer' });
  configure(renderer, 'renderer.log');

  return {
    main: log,
    logsDir,
    captureRenderer(contents) {
      contents.on('console-message', (details) => {
        const where = details.sourceId ? ` (${details.sourceId}:${details.lineNumber})` : '';
        const text = `${details.message}${where}`;
        switch (details.level) {
          case 'error':
            renderer.error(text);
            break;
          case 'warning':
            renderer.warn(text);
            break;
          case 'debug':
            renderer.debug(text);
            break;
          default:
            renderer.info(text);
        }
      });
    },
  };
}

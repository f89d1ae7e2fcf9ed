/**
 * Whether this process is the packaged Hako: the one place that decides it (the loader, the Electron
 * shell's development switches and the logs all ask here).
 *
 * Packaged means: running under Electron, from an `app.asar` archive or from an executable that is not
 * Electron's own (`electron.exe` is what `electron .` runs; electron-builder renames it to `Hako.exe`
 * and packs the app into `resources/app.asar`). No environment variable takes part: a non-elevated
 * process can set user variables (HKCU\Environment) that the next elevated launch inherits, so nothing
 * an environment variable says may change what a packaged, elevated Hako loads.
 */
import path from 'node:path';

/** What the decision looks at, gathered from the process (tests pass their own). */
export interface ProcessFacts {
  /** `process.versions.electron`: undefined under plain Node (tests, the browser host, the CLI). */
  readonly electron: string | undefined;
  readonly execPath: string;
  /** The URL of the running main bundle (`import.meta.url`). */
  readonly moduleUrl: string;
}

export function decidePackaged(facts: ProcessFacts): boolean {
  if (!facts.electron) return false;
  let modulePath = facts.moduleUrl;
  try {
    modulePath = decodeURIComponent(facts.moduleUrl);
  } catch {
    // A malformed URL is judged as it stands.
  }
  if (/[\\/]app\.asar[\\/]/i.test(modulePath)) return true;
  const exe = (facts.execPath.includes('\\') ? path.win32 : path.posix).basename(facts.execPath);
  return !/^electron(\.exe)?$/i.test(exe);
}

let packaged: boolean | null = null;

/** The decision for this process, made once. */
export function isPackagedApp(): boolean {
  packaged ??= decidePackaged({ electron: process.versions.electron, execPath: process.execPath, moduleUrl: import.meta.url });
  return packaged;
}

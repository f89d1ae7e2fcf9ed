/**
 * The `.7b` paths a command line carries: Explorer's double-click (`Hako.exe "C:\vms\a.7b"`), a second
 * launch handing its files to the first, development runs (`electron . a.7b`).
 */
const MAX_PATH_CHARS = 32_767;
const MAX_OPEN_FILES = 16;

/** A string that could be a `.7b` path (before the file system has a say). */
export function looksLikeVmPath(value: unknown): value is string {
  return (
    typeof value === 'string' &&
    value.length >= 4 &&
    value.length <= MAX_PATH_CHARS &&
    !value.includes('\0') &&
    !value.startsWith('-') &&
    value.toLowerCase().endsWith('.7b')
  );
}

/**
 * The `.7b` paths of a command line: every argument after the executable that is not a switch and ends
 * in `.7b`. Works for the packaged app (`Hako.exe "C:\vms\a.7b"`, as the NSIS association registers it)
 * and in development (`electron . a.7b`), and ignores the switches Chromium adds.
 */
export function vmPathsFromArgv(argv: readonly string[]): string[] {
  return argv.slice(1).filter(looksLikeVmPath).slice(0, MAX_OPEN_FILES);
}

/** What a second instance sends in `requestSingleInstanceLock(additionalData)`. */
export interface SecondInstanceData {
  readonly openFiles: readonly string[];
}

/**
 * The paths a second launch asks the first instance to open: its `additionalData` (the second
 * instance's own reading of its argv; the primary's `argv` is not reliable, see Electron's docs), else
 * the argv the primary received.
 */
export function pathsFromSecondInstance(additionalData: unknown, argv: readonly string[]): string[] {
  if (typeof additionalData === 'object' && additionalData !== null && Array.isArray((additionalData as { openFiles?: unknown }).openFiles)) {
    return ((additionalData as { openFiles: unknown[] }).openFiles).filter(looksLikeVmPath).slice(0, MAX_OPEN_FILES);
  }
  return vmPathsFromArgv(argv);
}

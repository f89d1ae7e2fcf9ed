/**
 * Whether Hako runs elevated from a folder that processes without elevation can write to.
 *
 * Windows looks for a DLL in the executable's own folder before System32 ("Dynamic-link library
 * search order", learn.microsoft.com/windows/win32/dlls). Hako itself loads every system DLL by
 * absolute path (library.ts), but Electron and the DLLs it links are loaded by the system loader before
 * any of Hako's code runs, so a DLL planted next to Hako.exe runs as administrator. Only folders where
 * standard users cannot create files are safe: Program Files and the Windows folder (by their default
 * ACLs). The portable build is never there: electron-builder's portable launcher unpacks the app into
 * the user's TEMP folder and runs it from there (its portable.nsi template), elevated.
 *
 * Hako warns and does not refuse to run: by the time this check can run, whatever was planted has
 * already been loaded, so refusing would protect nothing and would only make the portable build
 * unusable. The warning says where to put Hako instead (the installer's per-machine Program Files
 * folder).
 */
import path from 'node:path';

export interface InstallFacts {
  readonly elevated: boolean;
  /** The folder of the running executable. */
  readonly appFolder: string;
  /** Folders only administrators can write to by default: Program Files (both), the Windows folder. */
  readonly protectedFolders: readonly string[];
  /** The portable exe the app was unpacked from (electron-builder's PORTABLE_EXECUTABLE_FILE), if any. */
  readonly portableExecutable: string | null;
}

export interface InstallWarning {
  readonly folder: string;
  readonly message: string;
  readonly advice: string;
}

function inside(folder: string, root: string): boolean {
  const a = path.win32.normalize(folder).replace(/\\+$/, '').toLowerCase();
  const b = path.win32.normalize(root).replace(/\\+$/, '').toLowerCase();
  return b !== '' && (a === b || a.startsWith(`${b}\\`));
}

/** The warning for an elevated Hako outside the protected folders, or null. */
export function unsafeInstallFolder(facts: InstallFacts): InstallWarning | null {
  if (!facts.elevated) return null;
  if (facts.protectedFolders.some((root) => inside(facts.appFolder, root))) return null;
  const portable = facts.portableExecutable
    ? ` The portable Hako (${facts.portableExecutable}) always unpacks itself into such a folder (your TEMP folder) and runs from there.`
    : '';
  return {
    folder: facts.appFolder,
    message:
      `Hako runs as administrator from ${facts.appFolder}, a folder that programs running without administrator rights can write to. ` +
      `A DLL placed there would be loaded into Hako and run as administrator.${portable}`,
    advice: 'Install Hako with its setup program, which puts it in Program Files where only administrators can change it, and start it from there.',
  };
}

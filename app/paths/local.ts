/**
 * Which paths Hako accepts from anything untrusted (the renderer, a command line, a CLI argument): a
 * local, absolute path of bounded length, without NUL, that names neither a network share nor a device.
 *
 * A UNC path (`\\server\share\…`) makes Windows authenticate to whatever server it names with the user's
 * credentials, merely by being opened; a device path (`\\.\…`, `\\?\…`, `CON`, `COM1`, …) reaches drivers
 * rather than files. Both are refused here; the system's own file dialog may still return a share,
 * which the shell passes on as chosen by the user. Where a path's style is Windows (`C:\…`) the
 * characters Windows forbids in names are refused too (learn.microsoft.com, "Naming Files, Paths, and
 * Namespaces").
 */
import { HakoError } from '../errors/error-info.js';
import { isReservedDeviceName, pathHasForbiddenCharacter } from './file-names.js';
import { isWindowsPath } from './resolve.js';

/** The longest path Windows takes (with the `\\?\` prefix), and so the longest Hako accepts anywhere. */
export const MAX_PATH_LENGTH = 32_767;


/** Folders no user file of Hako's ever goes into (devices, kernel views, the OS itself). */
const SYSTEM_FOLDERS_POSIX = ['/dev', '/proc', '/sys', '/boot', '/etc', '/bin', '/sbin', '/usr', '/lib', '/lib64'];
const SYSTEM_FOLDERS_WINDOWS = ['\\Windows', '\\Program Files', '\\Program Files (x86)', '\\ProgramData\\Microsoft'];

function pathError(code: 'InvalidPath' | 'PathNotLocal', message: string, untrusted: string): HakoError {
  return new HakoError(code, message, { path: untrusted.slice(0, 300) });
}

/**
 * The problem with `untrusted` as a local absolute path, or null. `windows` says whose rules apply to a
 * path that could be either (the host's: true on Windows).
 */
export function localPathProblem(untrusted: unknown, windows: boolean): HakoError | null {
  if (typeof untrusted !== 'string' || untrusted === '') return pathError('InvalidPath', 'A path is needed here.', String(untrusted));
  if (untrusted.length > MAX_PATH_LENGTH) return pathError('InvalidPath', `The path is ${untrusted.length} characters long; Windows allows at most ${MAX_PATH_LENGTH}.`, untrusted);
  if (untrusted.includes('\0')) return pathError('InvalidPath', 'The path contains a NUL character.', untrusted);
  if (/^[\\/]{2}/.test(untrusted)) {
    return pathError('PathNotLocal', 'Network and device paths cannot be typed in; choose the file with the file dialog instead.', untrusted);
  }
  if (windows || isWindowsPath(untrusted)) {
    if (!/^[A-Za-z]:[\\/]/.test(untrusted)) return pathError('InvalidPath', `Expected an absolute path such as C:\\VMs\\…, got ${JSON.stringify(untrusted.slice(0, 100))}.`, untrusted);
    const names = untrusted.slice(3).split(/[\\/]/);
    if (pathHasForbiddenCharacter(untrusted)) {
      return pathError('InvalidPath', 'The path contains a character Windows does not allow in file names (< > : " | ? * or a control character).', untrusted);
    }
    if (names.some(isReservedDeviceName)) {
      return pathError('PathNotLocal', 'The path names a Windows device (such as CON, NUL or COM1), not a file.', untrusted);
    }
    return null;
  }
  if (!untrusted.startsWith('/')) return pathError('InvalidPath', `Expected an absolute path, got ${JSON.stringify(untrusted.slice(0, 100))}.`, untrusted);
  return null;
}

/** Whether an absolute path is in (or is) a system folder, where Hako never creates files. */
export function isInSystemFolder(absolute: string): boolean {
  if (isWindowsPath(absolute)) {
    const rest = absolute.slice(2).replace(/\//g, '\\').toLowerCase();
    return SYSTEM_FOLDERS_WINDOWS.some((folder) => rest === folder.toLowerCase() || rest.startsWith(`${folder.toLowerCase()}\\`));
  }
  return SYSTEM_FOLDERS_POSIX.some((folder) => absolute === folder || absolute.startsWith(`${folder}/`));
}

/**
 * Path resolution for the paths inside a `.7b` file (disks, ISOs, state files, shares).
 *
 * NanaBox sets its current directory to the `.7b` folder and passes every path through
 * `GetFullPathNameW` (NanaBox/Utils.cpp `GetAbsolutePath`; reference/nanabox.md §0.6, §9 items 5 and 8).
 * Hako must produce the same absolute paths without being on Windows and without a process-wide
 * current directory, so `resolveWindowsPath` re-implements that function's documented rules
 * (learn.microsoft.com, "File path formats on Windows systems", section "Path normalization") with the
 * `.7b` folder as an explicit current directory. Where the documentation is silent the behaviour follows
 * the ntdll re-implementations in Wine and ReactOS (`RtlGetFullPathName_U`, `collapse_path`), which are
 * checked against Windows by their conformance tests.
 *
 * Stand-in VMs off Windows live in POSIX folders; `resolveVmPath` picks the rules from the folder.
 */

function isSeparator(ch: string | undefined): boolean {
  return ch === '\\' || ch === '/';
}

/**
 * True for a folder written the Windows way: `C:\…` / `C:/…` (a drive letter and a separator), or
 * anything that starts with two separators and a name (`\\server\share`, `//server/share`, `\\?\…`,
 * `\\.\…`). A bare `C:` is drive-relative, not a folder, so it is not accepted.
 */
export function isWindowsPath(folder: string): boolean {
  if (/^[A-Za-z]:[\\/]/.test(folder)) return true;
  return isSeparator(folder[0]) && isSeparator(folder[1]) && folder.length > 2 && !isSeparator(folder[2]);
}

type WindowsPathType =
  | 'uncAbsolute' // \\server\share
  | 'localDevice' // \\.\x or \\?\x
  | 'rootLocalDevice' // exactly \\. or \\?
  | 'driveAbsolute' // C:\x
  | 'driveRelative' // C:x
  | 'rooted' // \x
  | 'relative'; // x

// The classification of ntdll's RtlDetermineDosPathNameType_U: only the first four characters count,
// and `/` is a separator everywhere, so `//?/x` is a device path and `\\??\x` is a UNC path.
function pathType(path: string): WindowsPathType {
  if (isSeparator(path[0])) {
    if (!isSeparator(path[1])) return 'rooted';
    if (path[2] !== '.' && path[2] !== '?') return 'uncAbsolute';
    if (isSeparator(path[3])) return 'localDevice';
    if (path.length > 3) return 'uncAbsolute';
    return 'rootLocalDevice';
  }
  if (path.length >= 2 && path[1] === ':') return isSeparator(path[2]) ? 'driveAbsolute' : 'driveRelative';
  return 'relative';
}

// Length of `\\server\share` (without the separator after the share), the part `..` can never remove.
// Stopping before that separator is what makes `\\server\share\..` come out as `\\server\share`.
function uncRootLength(path: string): number {
  let i = 2;
  while (i < path.length && !isSeparator(path[i])) i++;
  while (isSeparator(path[i])) i++;
  while (i < path.length && !isSeparator(path[i])) i++;
  return i;
}

interface Rooted {
  /** The text the path is appended to (the current directory, or part of it). */
  prefix: string;
  /** The path itself, minus what the prefix replaces (e.g. the `D:` of `D:x`). */
  source: string;
  /** Characters at the start of the combined text that normalisation never touches (the root). */
  mark: number;
}

function relativeTo(currentDirectory: string, source: string): Rooted {
  // Windows keeps its current directory with a trailing backslash; a caller's folder may lack it.
  const prefix = isSeparator(currentDirectory.at(-1)) ? currentDirectory : `${currentDirectory}\\`;
  const mark = currentDirectory[1] === ':' ? 3 : uncRootLength(prefix);
  return { prefix, source, mark };
}

function root(currentDirectory: string, path: string): Rooted {
  switch (pathType(path)) {
    case 'uncAbsolute':
      return { prefix: '', source: path, mark: uncRootLength(path) };
    case 'localDevice':
      return { prefix: '', source: path, mark: 4 };
    case 'rootLocalDevice':
      // ntdll substitutes its device root for both `\\.` and `\\?`.
      return { prefix: '\\\\.\\', source: path.slice(3), mark: 4 };
    case 'driveAbsolute':
      return { prefix: '', source: path, mark: 3 };
    case 'driveRelative': {
      const drive = path[0] ?? '';
      const sameDrive =
        currentDirectory[1] === ':' && (currentDirectory[0] ?? '').toUpperCase() === drive.toUpperCase();
      if (sameDrive) return relativeTo(currentDirectory, path.slice(2));
      // Another drive's current directory lives in the process environment (`=D:`), which a `.7b`
      // resolution must not depend on; without one Windows uses the drive's root.
      return { prefix: `${drive}:\\`, source: path.slice(2), mark: 3 };
    }
    case 'rooted':
      if (currentDirectory[1] === ':') return { prefix: currentDirectory.slice(0, 2), source: path, mark: 3 };
      {
        const length = uncRootLength(currentDirectory);
        return { prefix: currentDirectory.slice(0, length), source: path, mark: length };
      }
    case 'relative':
      return relativeTo(currentDirectory, path);
  }
}

/**
 * `GetFullPathNameW(path)` as it behaves when the process's current directory is `currentDirectory`
 * (an absolute Windows folder, with or without a trailing separator).
 *
 * - `""` (or only spaces) gives `""`: the function fails and NanaBox keeps the empty result.
 * - `/` is a separator; runs of separators collapse (except inside a UNC root).
 * - `.` and `..` segments collapse, never above the root: `C:\` for drive paths, `\\server\share` for
 *   UNC paths, `\\.\` or `\\?\` for device paths. Device paths keep their prefix and are normalised
 *   like the rest: `GetFullPathNameW` does not skip `\\?\` paths (only file APIs given exactly `\\?\`
 *   skip normalisation).
 * - `\x` takes the current directory's drive (or UNC root); `D:x` on the current drive is relative to
 *   the current directory, on another drive relative to that drive's root; `D:\x`, UNC paths and device
 *   paths ignore the current directory.
 * - A trailing separator is kept when the input ends with one.
 * - A segment followed by a separator loses one trailing period (`a.\b` → `a\b`); trailing spaces and
 *   periods at the very end are removed (`disk.vhdx. ` → `disk.vhdx`).
 *
 * Not emulated: legacy device names (`CON`, `NUL`, `COM1`, … become `\\.\CON` etc. on Windows) and
 * per-drive current directories.
 */
export function resolveWindowsPath(currentDirectory: string, path: string): string {
  if (path === '') return '';
  // Decided on the input as given, before the trailing spaces go: `a\ ` loses its separator too.
  const keepTrailingSeparator = isSeparator(path.at(-1));
  const trimmed = path.replace(/ +$/, '');
  if (trimmed === '') return '';

  const { prefix, source, mark } = root(currentDirectory, trimmed);
  const joined = (prefix + source).replaceAll('/', '\\');

  // Collapse separator runs after the root; the first character is never touched so that a UNC or
  // device prefix keeps its two leading backslashes.
  const start = Math.max(1, mark);
  let text = joined.slice(0, start);
  for (const ch of joined.slice(start)) {
    if (ch !== '\\' || !text.endsWith('\\')) text += ch;
  }

  // `..` inside the path never removes the separator that follows a UNC root, or
  // `\\server\share\..\x` would come out as `\\server\sharex`.
  const floor = text[mark] === '\\' ? mark + 1 : mark;
  let p = mark;
  while (p < text.length) {
    if (text[p] === '.') {
      const next = text[p + 1];
      if (next === undefined) {
        // final `.`: drop it and the separator before it
        if (p > mark) p--;
        text = text.slice(0, p);
        continue;
      }
      if (next === '\\') {
        text = text.slice(0, p) + text.slice(p + 2);
        continue;
      }
      if (next === '.') {
        const after = text[p + 2];
        if (after === '\\' || after === undefined) {
          let q = p;
          if (after === undefined) {
            // a final `..` also drops the separator that would otherwise end the path
            if (q > mark) {
              q--;
              while (q > mark && text[q - 1] !== '\\') q--;
              if (q > mark) q--;
            }
            text = text.slice(0, q);
          } else {
            if (q > floor) {
              q--;
              while (q > floor && text[q - 1] !== '\\') q--;
            }
            text = text.slice(0, q) + text.slice(p + 3);
          }
          p = q;
          continue;
        }
      }
    }
    while (p < text.length && text[p] !== '\\') p++;
    if (p < text.length) {
      if (p > mark && text[p - 1] === '.') {
        text = text.slice(0, p - 1) + text.slice(p);
      } else {
        p++;
      }
    }
  }

  let end = text.length;
  if (!keepTrailingSeparator) {
    while (end > mark && text[end - 1] === '\\') end--;
  }
  // Not bounded by the root: Windows turns `\\..` into `\\` (CPython bpo-46208 records the outputs).
  while (end > 0 && (text[end - 1] === ' ' || text[end - 1] === '.')) end--;
  return text.slice(0, end);
}

/**
 * The POSIX counterpart for stand-in VMs: `path` against the folder `cwd` unless it starts with `/`;
 * `.`/`..` and repeated `/` collapse, `..` stops at `/`; a trailing `/` is kept like on Windows, and
 * `""` stays `""`.
 */
export function resolvePosixPath(cwd: string, path: string): string {
  if (path === '') return '';
  const full = path.startsWith('/') ? path : `${cwd}/${path}`;
  const segments: string[] = [];
  for (const segment of full.split('/')) {
    if (segment === '' || segment === '.') continue;
    if (segment === '..') segments.pop();
    else segments.push(segment);
  }
  const body = `/${segments.join('/')}`;
  return path.endsWith('/') && body !== '/' ? `${body}/` : body;
}

/**
 * `path` resolved against the VM's folder with the rules the folder is written in: Windows rules for a
 * Windows folder (on any OS), POSIX rules otherwise.
 */
export function resolveVmPath(vmFolder: string, path: string): string {
  return isWindowsPath(vmFolder) ? resolveWindowsPath(vmFolder, path) : resolvePosixPath(vmFolder, path);
}

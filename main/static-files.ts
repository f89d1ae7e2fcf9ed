/**
 * Serving the built renderer from a folder, shared by the Electron shell's `app://` protocol and the
 * browser host: the content types, and the guard that maps a request path to a file inside the folder
 * and never outside it (traversal, encoded or not; Windows drive letters, streams and devices; and,
 * for callers that can reach the file system, symbolic links leading out).
 *
 * No Electron and no file I/O of its own, so both callers and vitest use the same code: the path API
 * is a parameter (posix or win32), and the symbolic-link check takes the two file-system calls it needs.
 */
import type { PlatformPath } from 'node:path';

const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.otf': 'font/otf',
  '.wasm': 'application/wasm',
};

/** The Content-Type for a file name, by its extension (any case); unknown ones are octet streams. */
export function contentTypeOf(file: string): string {
  const base = file.slice(Math.max(file.lastIndexOf('/'), file.lastIndexOf('\\')) + 1);
  const dot = base.lastIndexOf('.');
  const ext = dot < 0 ? '' : base.slice(dot).toLowerCase();
  return CONTENT_TYPES[ext] ?? 'application/octet-stream';
}

/** CON, NUL, COM1… name devices on Windows, whatever the extension. */
const WINDOWS_DEVICE_NAME = /^(con|prn|aux|nul|com[0-9]|lpt[0-9])(\..*)?$/i;

export interface RequestPath {
  /** The decoded, non-empty segments, none of them `.` or `..`. */
  readonly segments: string[];
  /** The decoded path ends in `/` (a folder was asked for). */
  readonly trailingSlash: boolean;
}

/**
 * The segments a URL pathname names, or null when it must not be served: not decodable, or once
 * decoded holding NUL, a backslash, a colon (drive letters, NTFS streams), a `.` or `..` segment or a
 * Windows device name. Decoding happens once, so `%252e` stays the literal name `%2e`.
 */
export function requestPath(pathname: string): RequestPath | null {
  let decoded: string;
  try {
    decoded = decodeURIComponent(pathname);
  } catch {
    return null;
  }
  if (decoded.includes('\0') || decoded.includes('\\') || decoded.includes(':')) return null;
  const segments = decoded.split('/').filter((s) => s !== '');
  if (segments.some((s) => s === '..' || s === '.' || WINDOWS_DEVICE_NAME.test(s))) return null;
  return { segments, trailingSlash: decoded.endsWith('/') };
}

/** `target` lies strictly below `root` (both absolute, in `pathApi`'s terms; Windows: any case). */
export function isStrictlyInside(root: string, target: string, pathApi: PlatformPath): boolean {
  const relative = pathApi.relative(root, target);
  return relative !== '' && relative !== '..' && !relative.startsWith(`..${pathApi.sep}`) && !pathApi.isAbsolute(relative);
}

/** The file `segments` name under `root` (made absolute), or null when that is not strictly inside it. */
export function fileInside(root: string, segments: readonly string[], pathApi: PlatformPath): string | null {
  const base = pathApi.resolve(root);
  const file = pathApi.resolve(base, ...segments);
  return isStrictlyInside(base, file, pathApi) ? file : null;
}

/** The file-system calls `realFileInside` needs; node:fs/promises fits. */
export interface RealPathFs {
  realpath(path: string): Promise<string>;
  stat(path: string): Promise<{ isFile(): boolean }>;
}

/**
 * The real path of `file` when, with every symbolic link followed, it is a regular file strictly
 * inside the real `root`; null otherwise (missing, a folder, or a link leading out). Use after
 * `fileInside`, which rules out what the path alone gives away.
 */
export async function realFileInside(root: string, file: string, pathApi: PlatformPath, fs: RealPathFs): Promise<string | null> {
  const [realRoot, realFile] = await Promise.all([fs.realpath(root).catch(() => null), fs.realpath(file).catch(() => null)]);
  if (realRoot === null || realFile === null || !isStrictlyInside(realRoot, realFile, pathApi)) return null;
  const info = await fs.stat(realFile).catch(() => null);
  return info?.isFile() === true ? realFile : null;
}

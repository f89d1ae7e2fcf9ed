/**
 * When two spellings name one file. Windows-style paths compare as NTFS compares names (case-insensitive
 * through a one-to-one upcase table, `/` and `\` alike); POSIX paths compare exactly. Every service
 * that keys something by a file (VMs, the library, sessions, serialised writes) uses this one rule, on
 * absolute paths, so two spellings of one file are one VM everywhere.
 */
import { isWindowsPath } from './resolve.js';

/** An absolute path in either style: Windows (`C:\…`, `\\server\share\…`) or POSIX (`/…`). */
export function isAbsolutePath(p: string): boolean {
  return isWindowsPath(p) || p.startsWith('/');
}

/**
 * Upper-cases one character at a time and keeps characters whose upper case is longer (`ß` → `SS`):
 * NTFS compares names through its per-volume upcase table, a one-to-one mapping.
 */
function upcaseSimple(text: string): string {
  // eslint-disable-next-line no-control-regex
  if (/^[\x00-\x7f]*$/.test(text)) return text.toUpperCase();
  let out = '';
  for (const ch of text) {
    const upper = ch.toUpperCase();
    out += upper.length === ch.length ? upper : ch;
  }
  return out;
}

/** The key every spelling of one absolute path shares. */
export function pathKey(p: string): string {
  return isWindowsPath(p) ? upcaseSimple(p.replace(/\//g, '\\')) : p;
}

export function samePath(a: string, b: string): boolean {
  return pathKey(a) === pathKey(b);
}

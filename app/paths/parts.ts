/**
 * Taking paths apart and putting them together in the path's own style, for code that cannot use
 * node:path (the renderer, the core): a Windows path (app/paths/resolve.ts's `isWindowsPath`) splits
 * and joins with `\`, anything else with `/`.
 */
import { isWindowsPath } from './resolve.js';

function separatorOf(p: string): '\\' | '/' {
  return isWindowsPath(p) || (p.includes('\\') && !p.includes('/')) ? '\\' : '/';
}

/** The folder of a path (`C:\VMs\a.7b` → `C:\VMs`; a root stays a root: `/a.7b` → `/`). */
export function folderOf(p: string): string {
  const index = Math.max(p.lastIndexOf('\\'), p.lastIndexOf('/'));
  if (index < 0) return '';
  // Keep the separator of a root (`/`, `C:\`).
  return index === 0 || (index === 2 && p[1] === ':') ? p.slice(0, index + 1) : p.slice(0, index);
}

/** `name` inside `folder`, with the folder's separator. */
export function joinPath(folder: string, name: string): string {
  const separator = separatorOf(folder);
  return folder.endsWith('\\') || folder.endsWith('/') ? folder + name : folder + separator + name;
}

/** The last segment of a path, with either separator. */
export function baseName(p: string): string {
  return p.split(/[\\/]/).pop() ?? p;
}

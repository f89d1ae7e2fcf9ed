/**
 * A `.7b` path that arrived from outside (a command line, a second launch, Explorer) is untrusted:
 * resolve it against the directory it came from, require the `.7b` extension and a regular file. Only
 * then does the shell ask the renderer to show it (and the renderer's `library.open` reads and
 * validates the content).
 */
import { stat } from 'node:fs/promises';
import path from 'node:path';
import { looksLikeVmPath } from './command-line.js';

export type VmPathCheck = { readonly ok: true; readonly path: string } | { readonly ok: false; readonly reason: string };

export interface VmPathDeps {
  readonly stat: (p: string) => Promise<{ isFile(): boolean }>;
  readonly path: Pick<typeof path, 'resolve' | 'isAbsolute'>;
}

const defaultDeps: VmPathDeps = { stat, path };

export async function checkVmPath(candidate: string, cwd: string, deps: VmPathDeps = defaultDeps): Promise<VmPathCheck> {
  if (!looksLikeVmPath(candidate)) return { ok: false, reason: 'not a .7b path' };
  const resolved = deps.path.resolve(cwd, candidate);
  if (!deps.path.isAbsolute(resolved) || !looksLikeVmPath(resolved)) return { ok: false, reason: 'not a .7b path' };
  try {
    const info = await deps.stat(resolved);
    if (!info.isFile()) return { ok: false, reason: 'not a regular file' };
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    return { ok: false, reason: typeof code === 'string' ? code : 'cannot be read' };
  }
  return { ok: true, path: resolved };
}

/** The valid, de-duplicated paths among `candidates`; `reject` hears about the others. */
export async function validVmPaths(
  candidates: readonly string[],
  cwd: string,
  reject: (candidate: string, reason: string) => void,
  deps: VmPathDeps = defaultDeps,
): Promise<string[]> {
  const out: string[] = [];
  for (const candidate of candidates) {
    const check = await checkVmPath(candidate, cwd, deps);
    if (!check.ok) reject(candidate, check.reason);
    else if (!out.some((p) => p.toLowerCase() === check.path.toLowerCase())) out.push(check.path);
  }
  return out;
}

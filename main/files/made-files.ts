/**
 * What one operation made on disk (folders and files), so that a failure or a cancel can remove exactly
 * that — newest first, folders only once they are empty — and never anything that was there before.
 */
import { lstat, mkdir, rm, rmdir } from 'node:fs/promises';
import path from 'node:path';

export class MadeFiles {
  private readonly made: string[] = [];

  /** Creates `folder` and its missing parents, remembering each folder that is new. */
  async folders(folder: string): Promise<void> {
    const first = await mkdir(folder, { recursive: true });
    if (first === undefined) return;
    // mkdir names the first folder it made; every folder from there down to `folder` is new too.
    const chain = [folder];
    while (chain[0] !== first && path.dirname(chain[0]!) !== chain[0]) chain.unshift(path.dirname(chain[0]!));
    this.made.push(...chain);
  }

  /** Creates `folder`, which must not exist yet. */
  async folder(folder: string): Promise<void> {
    await mkdir(folder);
    this.made.push(folder);
  }

  /** Remembers a file about to be made (before it is, so a half-written one is removed too). */
  file(file: string): string {
    this.made.push(file);
    return file;
  }

  /** Removes everything made, newest first; what cannot be removed (a folder someone filled) stays. */
  async remove(): Promise<void> {
    for (const item of this.made.splice(0).reverse()) {
      const info = await lstat(item).catch(() => null);
      if (info === null) continue;
      if (info.isDirectory()) await rmdir(item).catch(() => undefined);
      else await rm(item, { force: true }).catch(() => undefined);
    }
  }
}

/** Whether anything (a file, a folder, a link) is at `p`; other errors than "missing" are thrown. */
export async function pathExists(p: string): Promise<boolean> {
  return lstat(p).then(
    () => true,
    (error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT') return false;
      throw error;
    },
  );
}

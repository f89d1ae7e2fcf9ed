/**
 * Deleting a VM's files. Main decides which files may go from the `.7b` it reads itself — never from a
 * path the renderer sends: the plan lists the `.7b`, the disks, the state files (and images kept in the
 * VM's folder) that exist, each with its size and whether it is ticked by default. A disk outside the
 * VM's folder, or used by another VM in the library, is never ticked by default; an image never is. The
 * renderer answers with the ids of the items the user ticked, and main deletes exactly those of a plan it
 * makes again at that moment, so a file that appeared meanwhile is not deleted by an old id.
 *
 * Files go to the Recycle Bin when the shell can put them there (Electron on Windows); elsewhere they are
 * deleted, and the plan says so.
 */
import { createHash } from 'node:crypto';
import { lstat, rm, rmdir } from 'node:fs/promises';
import path from 'node:path';
import { type VmConfig } from '../../app/config/index.js';
import { HakoError } from '../../app/errors/error-info.js';
import { pathKey } from '../../app/paths/identity.js';
import { resolveVmPath } from '../../app/paths/resolve.js';
import { fileKey } from '../files/file-key.js';

export type DeleteItemKind = 'config' | 'disk' | 'state' | 'image';

export interface DeleteItem {
  /** Stable for one path: what the renderer sends back. */
  readonly id: string;
  readonly path: string;
  readonly kind: DeleteItemKind;
  readonly sizeBytes: number;
  readonly insideVmFolder: boolean;
  /** Other library VMs that use this file. */
  readonly usedBy: readonly string[];
  readonly tickedByDefault: boolean;
}

export interface DeletePlan {
  readonly items: readonly DeleteItem[];
  /** True when the files go to the Recycle Bin; false when they are deleted outright. */
  readonly toRecycleBin: boolean;
}

/** What the deleter needs to know about the library's VMs (VmService's snapshots fit). */
export interface LibraryVmView {
  readonly path: string;
  readonly config: VmConfig | null;
}

export interface VmDeleterDeps {
  /** Every VM in the library, the one to delete included. */
  readonly libraryVms: () => readonly LibraryVmView[];
  /** Moves a file to the Recycle Bin; absent where the shell cannot (the file is deleted instead). */
  readonly trash?: (file: string) => Promise<void>;
}

const itemId = (file: string): string => createHash('sha256').update(pathKey(file)).digest('hex').slice(0, 16);

function isInside(folder: string, file: string): boolean {
  const relative = path.relative(folder, file);
  return relative !== '' && !relative.startsWith('..') && !path.isAbsolute(relative);
}

/** The files a VM's configuration names, resolved against its folder, with their kind. */
function namedFiles(vmPath: string, config: VmConfig | null): { file: string; kind: DeleteItemKind }[] {
  const folder = path.dirname(vmPath);
  const at = (name: string) => resolveVmPath(folder, name);
  const files: { file: string; kind: DeleteItemKind }[] = [{ file: vmPath, kind: 'config' }];
  // A file that cannot be read names nothing else that Hako could trust.
  if (config === null) return files;
  for (const device of config.ScsiDevices) {
    if (device.Type === 'VirtualDisk' && device.Path !== '') files.push({ file: at(device.Path), kind: 'disk' });
    if (device.Type === 'VirtualImage' && device.Path !== '') files.push({ file: at(device.Path), kind: 'image' });
  }
  for (const state of [config.GuestStateFile, config.RuntimeStateFile, config.SaveStateFile]) if (state !== '') files.push({ file: at(state), kind: 'state' });
  return files;
}

export class VmDeleter {
  constructor(private readonly deps: VmDeleterDeps) {}

  /** What deleting the VM at `vmPath` (with configuration `config`, as main read it) would remove. */
  async plan(vmPath: string, config: VmConfig | null): Promise<DeletePlan> {
    const folder = path.dirname(vmPath);
    const others = this.deps.libraryVms().filter((vm) => fileKey(vm.path) !== fileKey(vmPath) && vm.config !== null);
    const seen = new Set<string>();
    const items: DeleteItem[] = [];
    for (const { file, kind } of namedFiles(vmPath, config)) {
      if (seen.has(fileKey(file))) continue;
      seen.add(fileKey(file));
      const info = await lstat(file).catch(() => null);
      if (info === null || !info.isFile()) continue;
      const insideVmFolder = kind === 'config' || isInside(folder, file);
      // Images are listed only when they sit in the VM's own folder; install media elsewhere is shared.
      if (kind === 'image' && !insideVmFolder) continue;
      const usedBy = others.filter((vm) => namedFiles(vm.path, vm.config).some((named) => fileKey(named.file) === fileKey(file))).map((vm) => vm.path);
      const tickedByDefault = kind !== 'image' && insideVmFolder && usedBy.length === 0;
      items.push({ id: itemId(file), path: file, kind, sizeBytes: info.size, insideVmFolder, usedBy, tickedByDefault });
    }
    return { items, toRecycleBin: this.deps.trash !== undefined };
  }

  /** Deletes (or recycles) the items of a fresh plan whose ids were ticked; returns the files removed. */
  async delete(vmPath: string, config: VmConfig | null, ticked: readonly string[]): Promise<string[]> {
    const plan = await this.plan(vmPath, config);
    const chosen = plan.items.filter((item) => ticked.includes(item.id));
    const unknown = ticked.filter((id) => !plan.items.some((item) => item.id === id));
    if (unknown.length > 0) throw new HakoError('PlanChanged', 'The VM’s files changed since the list was shown; look at the list again before deleting.', { count: unknown.length });
    const removed: string[] = [];
    for (const item of chosen) {
      if (this.deps.trash) await this.deps.trash(item.path);
      else await rm(item.path, { force: true });
      removed.push(item.path);
    }
    // An emptied VM folder goes too; a folder that still holds anything stays.
    if (removed.length > 0) await rmdir(path.dirname(vmPath)).catch(() => undefined);
    return removed;
  }
}

/**
 * What the Clone dialog proposes: a name no library VM has ("Lab copy", "Lab copy 2", …) and the folder
 * the original's own folder sits in, so the clone lands next to it (`<folder>/<name>/`). A VM whose
 * file is not in a folder of its own (`D:\VMs\Lab.7b`) gets its clone in that same folder.
 */
import type { VmConfig } from '../../../../../app/config/model.js';
import type { Translator } from '../../../../../app/i18n/translator.js';
import { baseName, folderOf } from '../../../../../app/paths/parts.js';
import { vmNameProblem } from '../../../../../app/vm/name.js';

export function cloneName(tr: Translator, original: string, taken: readonly string[]): string {
  const lower = new Set(taken.map((name) => name.toLowerCase()));
  for (let n = 1; ; n++) {
    const candidate = n === 1 ? tr.t('clone.defaultName', { name: original }) : tr.t('clone.defaultNameNumbered', { name: original, n });
    if (!lower.has(candidate.toLowerCase()) && vmNameProblem(candidate) === null) return candidate;
    if (n > 1000) return candidate;
  }
}

export function cloneFolder(vmPath: string): string {
  const folder = folderOf(vmPath);
  const stem = baseName(vmPath).replace(/\.7b$/i, '');
  // NanaBox's and Hako's layout: `<parent>/<Name>/<Name>.7b`.
  return baseName(folder).toLowerCase() === stem.toLowerCase() && folderOf(folder) !== '' ? folderOf(folder) : folder;
}

/** Adapters whose MAC address is fixed in the file: the only ones the MAC choice concerns. */
export function staticMacCount(config: VmConfig | null): number {
  return config?.NetworkAdapters.filter((adapter) => adapter.MacAddress !== '').length ?? 0;
}

/** Disks the clone copies (or puts differencing disks on). */
export function cloneDiskCount(config: VmConfig | null): number {
  return config?.ScsiDevices.filter((device) => device.Type === 'VirtualDisk' && device.Path !== '').length ?? 0;
}

/**
 * Two VMs with one name look alike in a list: for those, the name of the folder their file is in,
 * which tells them apart (the parent folder too where the folder names are the same).
 */
import { folderOf, baseName } from '../../../../app/paths/parts.js';

export function folderHints(vms: readonly { readonly path: string; readonly name: string }[]): ReadonlyMap<string, string> {
  const byName = new Map<string, string[]>();
  for (const vm of vms) {
    const key = vm.name.toLocaleLowerCase();
    byName.set(key, [...(byName.get(key) ?? []), vm.path]);
  }
  const hints = new Map<string, string>();
  for (const paths of byName.values()) {
    if (paths.length < 2) continue;
    const folders = paths.map((p) => baseName(folderOf(p)));
    const distinct = new Set(folders).size === folders.length;
    paths.forEach((p, i) => hints.set(p, distinct ? folders[i]! : folderOf(p)));
  }
  return hints;
}

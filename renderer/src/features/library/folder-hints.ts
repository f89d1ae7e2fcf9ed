/**
 * Two VMs with one name look alike in a list: for those, the name of the folder their file is in,
 * which tells them apart (the parent folder too where the folder names are the same).
 */
import { folderOf, baseName } from '../../../../app/paths/parts.js';
import { useHako, useHakoStore } from '../../store/context.js';

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

/** The hints last worked out for each store, with the `namesVersion` they are for. */
const computed = new WeakMap<object, { readonly version: number; readonly hints: ReadonlyMap<string, string> }>();

/**
 * The hints of the whole library, worked out again only when a name or the set of VMs changes (the
 * store's `namesVersion`), not on every state change, and once for the pane and the grid alike.
 */
export function useFolderHints(): ReadonlyMap<string, string> {
  const store = useHakoStore();
  const version = useHako((s) => s.namesVersion);
  const cached = computed.get(store);
  if (cached?.version === version) return cached.hints;
  const hints = folderHints([...store.getState().library.values()].map((vm) => ({ path: vm.path, name: vm.name })));
  computed.set(store, { version, hints });
  return hints;
}

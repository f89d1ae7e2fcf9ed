/**
 * Tells screen reader users when a VM's state changes ("Lab is now Running"), wherever focus is: the
 * colour of a dot or a badge in another part of the window says nothing to them. It listens to the
 * library one VM at a time (the VM that changed), never scanning the whole library per change; a VM
 * whose file was still being read had no state to change from.
 */
import { useEffect } from 'react';
import type { VmState } from '../../../app/vm/state.js';
import { stateLabel } from '../../../app/i18n/text.js';
import { useT } from '../i18n/context.js';
import { useHakoStore } from '../store/context.js';

export function useStateAnnouncements(): void {
  const store = useHakoStore();
  const tr = useT();
  useEffect(() => {
    const { library } = store.getState();
    const known = new Map<string, VmState>();
    for (const vm of library.values()) if (!vm.loading) known.set(vm.path, vm.state);
    return library.subscribe((path) => {
      const vm = library.get(path);
      const before = known.get(path);
      if (vm === undefined || vm.loading) {
        known.delete(path);
        return;
      }
      known.set(path, vm.state);
      if (before !== undefined && before !== vm.state) store.getState().announce(tr.t('vm.state.announce', { name: vm.name, state: stateLabel(tr, vm.state) }));
    });
  }, [store, tr]);
}

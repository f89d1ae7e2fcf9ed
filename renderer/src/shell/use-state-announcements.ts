/**
 * Tells screen reader users when a VM's state changes ("Lab is now Running"), wherever focus is: the
 * colour of a dot or a badge in another part of the window says nothing to them.
 */
import { useEffect } from 'react';
import type { VmState } from '../../../app/vm/state.js';
import { stateLabel } from '../../../app/i18n/text.js';
import { vmTitle } from '../features/vm/vm-title.js';
import { useT } from '../i18n/context.js';
import { useHakoStore } from '../store/context.js';

export function useStateAnnouncements(): void {
  const store = useHakoStore();
  const tr = useT();
  useEffect(() => {
    const known = new Map<string, VmState>(Object.values(store.getState().vms).map((vm) => [vm.path, vm.state]));
    return store.subscribe((state) => {
      for (const vm of Object.values(state.vms)) {
        const before = known.get(vm.path);
        known.set(vm.path, vm.state);
        if (before !== undefined && before !== vm.state) {
          state.announce(tr.t('vm.state.announce', { name: vmTitle(vm), state: stateLabel(tr, vm.state) }));
        }
      }
    });
  }, [store, tr]);
}

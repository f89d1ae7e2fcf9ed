/** Hands the store to the components; `useHako` subscribes to what a component shows. */
import { createContext, useCallback, useContext, useMemo, useSyncExternalStore, type ReactNode } from 'react';
import type { VmSummaryDto } from '../../../app/ipc/contract.js';
import { useStore } from 'zustand';
import type { HakoState, HakoStore } from './index.js';

const StoreContext = createContext<HakoStore | null>(null);

export function StoreProvider({ store, children }: { readonly store: HakoStore; readonly children: ReactNode }) {
  return <StoreContext.Provider value={store}>{children}</StoreContext.Provider>;
}

export function useHakoStore(): HakoStore {
  const store = useContext(StoreContext);
  if (store === null) throw new Error('useHako outside <StoreProvider>');
  return store;
}

export function useHako<T>(selector: (state: HakoState) => T): T {
  return useStore(useHakoStore(), selector);
}

/** One VM's summary; the component renders again only when that VM changes. */
export function useVmSummary(path: string): VmSummaryDto | undefined {
  const library = useHakoStore().getState().library;
  const subscribe = useCallback((listener: () => void) => library.subscribeKey(path, listener), [library, path]);
  return useSyncExternalStore(subscribe, () => library.get(path));
}

/** The HCS ids of every library VM (what a new or cloned VM's name must not take); new only when a name or the set of VMs changes. */
export function useLibraryIds(): readonly string[] {
  const store = useHakoStore();
  const namesVersion = useHako((s) => s.namesVersion);
  return useMemo(() => {
    const { order, library } = store.getState();
    return order.flatMap((path) => library.get(path)?.id ?? []);
    // namesVersion is what says the ids changed.
  }, [store, namesVersion]);
}

/** A library VM's name by its path (for lists that name other VMs); read again when a name changes. */
export function useVmNameOf(): (path: string) => string | undefined {
  const store = useHakoStore();
  const namesVersion = useHako((s) => s.namesVersion);
  return useCallback((path: string) => store.getState().library.get(path)?.name, [store, namesVersion]);
}

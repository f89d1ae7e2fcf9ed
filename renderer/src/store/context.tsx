/** Hands the store to the components; `useHako` subscribes to what a component shows. */
import { createContext, useCallback, useContext, useSyncExternalStore, type ReactNode } from 'react';
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

/** Hands the store to the components; `useHako` subscribes to what a component shows. */
import { createContext, useContext, type ReactNode } from 'react';
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

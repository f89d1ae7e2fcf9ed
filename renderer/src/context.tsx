/** Hands the store to the components; `useHako` reads a slice of it. */
import { createContext, useContext } from 'react';
import { useStore } from 'zustand';
import type { HakoActions, HakoState, HakoStore } from './store.js';

export const StoreContext = createContext<HakoStore | null>(null);

export function useHakoStore(): HakoStore {
  const store = useContext(StoreContext);
  if (store === null) throw new Error('useHako outside <StoreContext.Provider>');
  return store;
}

export function useHako<T>(selector: (state: HakoState & HakoActions) => T): T {
  return useStore(useHakoStore(), selector);
}

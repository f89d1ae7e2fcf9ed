/** The HakoApi for the components (and the data hooks built on it): set once at start, never state. */
import { createContext, useContext, type ReactNode } from 'react';
import type { HakoApi } from '../../../app/ipc/contract.js';

const ApiContext = createContext<HakoApi | null>(null);

export function ApiProvider({ api, children }: { readonly api: HakoApi; readonly children: ReactNode }) {
  return <ApiContext.Provider value={api}>{children}</ApiContext.Provider>;
}

export function useApi(): HakoApi {
  const api = useContext(ApiContext);
  if (api === null) throw new Error('useApi outside <ApiProvider>');
  return api;
}

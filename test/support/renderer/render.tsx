/** Renders a view as the window would: with the HakoApi and the store it reads, over a scripted API. */
import { render, type RenderResult } from '@testing-library/react';
import type { ReactNode } from 'react';
import type { HakoApi } from '../../../app/ipc/contract.js';
import { ApiProvider } from '../../../renderer/src/api/context.js';
import { StoreProvider } from '../../../renderer/src/store/context.js';
import { createHakoStore, type HakoStore } from '../../../renderer/src/store/index.js';

export function renderWithHako(ui: ReactNode, api: HakoApi, store: HakoStore = createHakoStore(api, { setTimeout: () => undefined })): RenderResult & { store: HakoStore } {
  const result = render(
    <ApiProvider api={api}>
      <StoreProvider store={store}>{ui}</StoreProvider>
    </ApiProvider>,
  );
  return { ...result, store };
}

/** Entry point: connect to Hako (Electron preload or browser host), build the store, render. */
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { z } from 'zod';
import { connectApi } from './api.js';
import { App } from './App.js';
import { StoreContext } from './context.js';
import { createHakoStore, type HakoStore } from './store.js';
import './styles/app.css';

// The contract module carries zod schemas; never let zod probe for eval under the strict CSP.
z.config({ jitless: true });

async function start(): Promise<void> {
  let store: HakoStore | null = null;
  const api = await connectApi((status) => store?.getState().setLink(status));
  store = createHakoStore(api);
  const root = createRoot(document.getElementById('root')!);
  root.render(
    <StrictMode>
      <StoreContext.Provider value={store}>
        <App />
      </StoreContext.Provider>
    </StrictMode>,
  );
  await store.getState().init();
}

void start();

/** Entry point: connect to Hako (Electron preload or browser host), build the store, render. */
// The tokens and the page's base rules come first, so every component's own CSS follows them.
import './styles/tokens.css';
import './styles/base.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { z } from 'zod';
import { connectApi } from './api/connect.js';
import { ApiProvider } from './api/context.js';
import { I18nProvider } from './i18n/I18nProvider.js';
import { App } from './shell/App.js';
import { StoreProvider } from './store/context.js';
import { createHakoStore, type HakoStore } from './store/index.js';

// The contract module carries zod schemas; never let zod probe for eval under the strict CSP.
z.config({ jitless: true });

let store: HakoStore | null = null;
const api = connectApi((status) => store?.getState().setLink(status));
store = createHakoStore(api);
createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <ApiProvider api={api}>
      <StoreProvider store={store}>
        <I18nProvider>
          <App />
        </I18nProvider>
      </StoreProvider>
    </ApiProvider>
  </StrictMode>,
);
void store.getState().init();

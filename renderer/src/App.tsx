/** The window: the library on the left, the selected page on the right, notifications on top. */
import { useEffect } from 'react';
import { useHako } from './context.js';
import { DiagnosticsPage } from './components/DiagnosticsPage.js';
import { HomePage } from './components/HomePage.js';
import { PreferencesPage } from './components/PreferencesPage.js';
import { Sidebar } from './components/Sidebar.js';
import { Toasts } from './components/Toasts.js';
import { ErrorDetails, InfoBar, Spinner } from './components/ui.js';
import { VmPage } from './components/VmPage.js';
import { useTheme } from './theme.js';
import { vmTitle } from './logic/vm.js';

export function App() {
  const connection = useHako((s) => s.connection);
  const connectionError = useHako((s) => s.connectionError);
  const link = useHako((s) => s.link);
  const view = useHako((s) => s.view);
  const title = useHako((s) => (s.view.kind === 'vm' && s.vms[s.view.path] ? vmTitle(s.vms[s.view.path]!) : null));
  useTheme();

  useEffect(() => {
    document.title = title ? `${title} - Hako` : 'Hako';
  }, [title]);

  if (connection === 'connecting') {
    return (
      <div className="splash">
        <Spinner label="Connecting to Hako" />
      </div>
    );
  }
  if (connection === 'failed') {
    return (
      <div className="splash">
        <InfoBar tone="error" title="Hako could not start its window">
          {connectionError && <ErrorDetails error={connectionError} />}
        </InfoBar>
      </div>
    );
  }

  return (
    <div className="app">
      <Sidebar />
      <main className="content" id="main">
        {link !== 'open' && (
          <div className="link-banner" role="status">
            {link === 'closed' ? 'The connection to Hako is closed. Reload the page.' : 'Reconnecting to Hako…'}
          </div>
        )}
        {view.kind === 'home' && <HomePage />}
        {view.kind === 'vm' && <VmPage key={view.path} path={view.path} />}
        {view.kind === 'diagnostics' && <DiagnosticsPage />}
        {view.kind === 'preferences' && <PreferencesPage />}
      </main>
      <Toasts />
    </div>
  );
}

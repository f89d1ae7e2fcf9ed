/** The window: the navigation pane on the left, the selected page on the right, notifications on top. */
import { DiagnosticsPage } from '../features/diagnostics/DiagnosticsPage.js';
import { HomePage } from '../features/library/HomePage.js';
import { Sidebar } from '../features/library/Sidebar.js';
import { Toasts } from '../features/notifications/Toasts.js';
import { PreferencesPage } from '../features/preferences/PreferencesPage.js';
import { VmPage } from '../features/vm/VmPage.js';
import { useHako } from '../store/context.js';
import { HostLost } from './HostLost.js';
import { Splash } from './Splash.js';
import { useDocumentTitle } from './use-document-title.js';
import { useTheme } from './use-theme.js';
import './App.css';

export function App() {
  const connection = useHako((s) => s.connection);
  const hostLost = useHako((s) => s.link !== 'open');
  useTheme();
  useDocumentTitle();
  if (connection !== 'ready') return <Splash />;
  return (
    <div className="app">
      {/* Without main nothing can act: every control is off until it answers again (HostLost says why). */}
      <fieldset className="app-controls" disabled={hostLost}>
        <Sidebar />
        <main className="content" id="main">
          <HostLost />
          <CurrentPage />
        </main>
      </fieldset>
      <Toasts />
    </div>
  );
}

function CurrentPage() {
  const view = useHako((s) => s.view);
  switch (view.kind) {
    case 'home':
      return <HomePage />;
    case 'vm':
      return <VmPage key={view.path} path={view.path} />;
    case 'diagnostics':
      return <DiagnosticsPage />;
    case 'preferences':
      return <PreferencesPage />;
  }
}

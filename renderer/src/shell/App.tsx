/**
 * The window: a skip link, the navigation pane on the left, the selected page on the right,
 * notifications and the screen reader's announcements on top, and the keyboard shortcuts.
 */
import { useState } from 'react';
import { DiagnosticsPage } from '../features/diagnostics/DiagnosticsPage.js';
import { HomePage } from '../features/library/HomePage.js';
import { Sidebar } from '../features/library/Sidebar.js';
import { Toasts } from '../features/notifications/Toasts.js';
import { PreferencesPage } from '../features/preferences/PreferencesPage.js';
import { VmPage } from '../features/vm/VmPage.js';
import { useT } from '../i18n/context.js';
import { useHako } from '../store/context.js';
import { Announcer } from './Announcer.js';
import { HostLost } from './HostLost.js';
import { ShortcutsDialog } from './ShortcutsDialog.js';
import { Splash } from './Splash.js';
import { useDocumentTitle } from './use-document-title.js';
import { useShortcuts } from './use-shortcuts.js';
import { useStateAnnouncements } from './use-state-announcements.js';
import { useTheme } from './use-theme.js';
import './App.css';

export function App() {
  const connection = useHako((s) => s.connection);
  useTheme();
  useDocumentTitle();
  if (connection !== 'ready') return <Splash />;
  return <Window />;
}

function Window() {
  const { t } = useT();
  const hostLost = useHako((s) => s.link !== 'open');
  const [helpOpen, setHelpOpen] = useState(false);
  useShortcuts({ showHelp: () => setHelpOpen(true) });
  useStateAnnouncements();
  return (
    <div className="app">
      <a className="skip-link" href="#main">
        {t('app.skipToContent')}
      </a>
      {/* Without main nothing can act: every control is off until it answers again (HostLost says why). */}
      <fieldset className="app-controls" disabled={hostLost}>
        <Sidebar onShowShortcuts={() => setHelpOpen(true)} />
      </fieldset>
      <div className="workspace">
        {/* Focusable by the skip link (and by script), not by Tab. */}
        <main className="content" id="main" tabIndex={-1}>
          <HostLost />
          <fieldset className="app-controls" disabled={hostLost}>
            <CurrentPage />
          </fieldset>
        </main>
        <Toasts />
      </div>
      <Announcer />
      {helpOpen && <ShortcutsDialog onClose={() => setHelpOpen(false)} />}
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

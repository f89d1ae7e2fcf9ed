/**
 * The navigation pane: "Open VM…", Home, the library (searchable, one tab stop: see VmList), and the
 * app's own pages.
 */
import { Icon } from '../../kit/Icon/Icon.js';
import { useHako } from '../../store/context.js';
import { LibrarySearch, QueryStatus } from './LibrarySearch.js';
import { OpenVmButton } from './OpenVmButton.js';
import { PageLink } from './PageLink.js';
import { VmList } from './VmList.js';
import './Sidebar.css';

export function Sidebar() {
  const empty = useHako((s) => s.order.length === 0);
  const nothingShown = useHako((s) => s.visible.length === 0);
  return (
    <aside className="sidebar">
      <div className="brand">
        <span className="brand-mark" aria-hidden="true">
          <Icon name="vm" />
        </span>
        <span className="brand-name">Hako</span>
      </div>
      <OpenVmButton className="open-vm">Open VM…</OpenVmButton>
      <nav className="nav" aria-label="Hako">
        <PageLink target={{ kind: 'home' }} label="Home" icon="home" />
        <h2 className="nav-heading" id="library-heading">
          Virtual machines
        </h2>
        {!empty && <LibrarySearch />}
        <QueryStatus />
        {empty ? (
          <p className="nav-empty">No VMs yet. Open a .7b file to add one.</p>
        ) : nothingShown ? (
          <p className="nav-empty">No VM matches.</p>
        ) : null}
        <VmList labelledBy="library-heading" />
        <div className="nav-bottom">
          <PageLink target={{ kind: 'diagnostics' }} label="Diagnostics" icon="pulse" />
          <PageLink target={{ kind: 'preferences' }} label="Preferences" icon="settings" />
        </div>
      </nav>
    </aside>
  );
}

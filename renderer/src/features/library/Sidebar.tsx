/**
 * The navigation pane: "Open VM…", the library's search, and the pane itself: Home, the library (every
 * VM the search shows, virtualized: see VmList) and the app's own pages. The pane is one Tab stop (the
 * entry of the page showing, else Home); Up/Down, Home and End move through all its entries, and typing
 * a name jumps to it, as in a Windows navigation pane. Each entry's accessible name is its visible text
 * ("Lab Running"), so what a speech-input user reads is what they can say.
 */
import { useCallback, useRef } from 'react';
import { useT } from '../../i18n/context.js';
import { Button } from '../../kit/Button/Button.js';
import { useRovingFocus } from '../../kit/focus/use-roving-focus.js';
import { Icon } from '../../kit/Icon/Icon.js';
import { useHako, useHakoStore } from '../../store/context.js';
import { LibrarySearch, QueryStatus } from './LibrarySearch.js';
import { NewVmButton } from '../create/NewVmButton.js';
import { OpenVmButton } from './OpenVmButton.js';
import { PageLink } from './PageLink.js';
import { VmList } from './VmList.js';
import './Sidebar.css';

const HOME = 'page:home';
const NETWORKS = 'page:networks';
const DIAGNOSTICS = 'page:diagnostics';
const PREFERENCES = 'page:preferences';

export function Sidebar({ onShowShortcuts }: { readonly onShowShortcuts: () => void }) {
  const { t } = useT();
  const store = useHakoStore();
  const visible = useHako((s) => s.visible);
  const empty = useHako((s) => s.order.length === 0);
  const view = useHako((s) => s.view);
  const elements = useRef(new Map<string, HTMLElement>());
  const revealRow = useRef<(index: number) => void>(() => undefined);

  // Keys: the pages, and the VMs by path between them (a path never starts with "page:").
  const items = [HOME, ...visible, NETWORKS, DIAGNOSTICS, PREFERENCES];
  const showing = view.kind === 'vm' ? view.path : `page:${view.kind}`;
  const roving = useRovingFocus(items, {
    tabStop: items.includes(showing) ? showing : HOME,
    reveal: (index) => {
      if (index >= 1 && index <= visible.length) revealRow.current(index - 1);
    },
    elementOf: (key) => elements.current.get(key),
    nameOf: (key) => (key.startsWith('page:') ? (elements.current.get(key)?.textContent ?? '') : (store.getState().library.get(key)?.name ?? '')),
  });
  const register = useCallback((key: string, element: HTMLElement | null) => {
    if (element) elements.current.set(key, element);
    else elements.current.delete(key);
  }, []);
  const pageLink = (key: string, target: Parameters<typeof PageLink>[0]['target'], label: string, icon: 'home' | 'network' | 'pulse' | 'settings') => (
    <PageLink target={target} label={label} icon={icon} tabStop={roving.tabStop === key} ref={(element) => register(key, element)} onFocus={() => roving.onItemFocus(key)} />
  );

  return (
    <aside className="sidebar">
      <div className="brand">
        <span className="brand-mark" aria-hidden="true">
          <Icon name="vm" />
        </span>
        <span className="brand-name">{t('app.name')}</span>
      </div>
      <OpenVmButton className="open-vm" shortcut>
        {t('nav.openVm')}
      </OpenVmButton>
      <NewVmButton className="new-vm" variant="secondary" />
      {!empty && <LibrarySearch />}
      <nav className="nav" aria-label={t('nav.label')} onKeyDown={roving.onKeyDown}>
        {pageLink(HOME, { kind: 'home' }, t('nav.home'), 'home')}
        <h2 className="nav-heading" id="library-heading">
          {t('nav.library')}
        </h2>
        <QueryStatus />
        {empty ? <p className="nav-empty">{t('nav.empty')}</p> : visible.length === 0 ? <p className="nav-empty">{t('library.search.none')}</p> : null}
        <VmList
          labelledBy="library-heading"
          visible={visible}
          current={view.kind === 'vm' ? view.path : null}
          tabStop={roving.tabStop}
          // The roving list counts Home first; the VM list from 0.
          keep={[roving.keep[0]! - 1, roving.keep[1]! - 1]}
          register={register}
          onItemFocus={roving.onItemFocus}
          revealRef={revealRow}
        />
        <div className="nav-bottom">
          {pageLink(NETWORKS, { kind: 'networks' }, t('nav.networks'), 'network')}
          {pageLink(DIAGNOSTICS, { kind: 'diagnostics' }, t('nav.diagnostics'), 'pulse')}
          {pageLink(PREFERENCES, { kind: 'preferences' }, t('nav.preferences'), 'settings')}
        </div>
      </nav>
      <Button variant="subtle" icon="keyboard" className="shortcuts-button" label={t('shortcuts.open')} onClick={onShowShortcuts} />
    </aside>
  );
}

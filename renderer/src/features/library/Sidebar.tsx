/**
 * The navigation pane: the library (every VM with its state), "Open VM…", and the app's own pages.
 * The pane is one Tab stop (the entry of the page showing); Up/Down, Home and End move between its
 * entries, as in a Windows navigation pane. Each entry's accessible name is its visible text ("Lab
 * Running"), so what a speech-input user reads is what they can say.
 */
import { useRef, type KeyboardEvent } from 'react';
import { useShallow } from 'zustand/react/shallow';
import type { VmSnapshotDto } from '../../../../app/ipc/contract.js';
import { stateLabel } from '../../../../app/i18n/text.js';
import { useT } from '../../i18n/context.js';
import { arrowTarget } from '../../kit/focus/arrow-keys.js';
import { Button } from '../../kit/Button/Button.js';
import { Icon } from '../../kit/Icon/Icon.js';
import { useHako } from '../../store/context.js';
import { selectVmList, type View } from '../../store/index.js';
import { vmTitle } from '../vm/vm-title.js';
import { OpenVmButton } from './OpenVmButton.js';
import { PageLink } from './PageLink.js';
import { folderHints } from './folder-hints.js';
import { VmGlyph } from './VmGlyph.js';
import './Sidebar.css';

/** The entry that is the pane's Tab stop: the page showing, or Home when it is not in the pane. */
function tabStopOf(view: View, vms: readonly VmSnapshotDto[]): string {
  if (view.kind === 'vm') return vms.some((vm) => vm.path === view.path) ? `vm:${view.path}` : 'home';
  return view.kind;
}

export function Sidebar({ onShowShortcuts }: { readonly onShowShortcuts: () => void }) {
  const tr = useT();
  const { t } = tr;
  const vms = useHako(useShallow(selectVmList));
  const view = useHako((s) => s.view);
  const navRef = useRef<HTMLElement>(null);
  const stop = tabStopOf(view, vms);
  const hints = folderHints(vms.map((vm) => ({ path: vm.path, name: vmTitle(vm) })));

  const onKeyDown = (event: KeyboardEvent<HTMLElement>) => {
    const items = [...(navRef.current?.querySelectorAll<HTMLButtonElement>('.pane-link') ?? [])];
    const index = items.indexOf(document.activeElement as HTMLButtonElement);
    const target = index < 0 ? null : arrowTarget(event.key, index, items.length, 'vertical');
    if (target === null) return;
    event.preventDefault();
    items[target]?.focus();
  };

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
      <nav ref={navRef} className="nav" aria-label={t('nav.label')} onKeyDown={onKeyDown}>
        <PageLink target={{ kind: 'home' }} label={t('nav.home')} icon="home" tabStop={stop === 'home'} />
        <h2 className="nav-heading" id="library-heading">
          {t('nav.library')}
        </h2>
        {/* Not a Tab stop of its own when it scrolls (Chromium makes scrollers focusable): focus moves by the arrow keys. */}
        <ul className="nav-list" aria-labelledby="library-heading" tabIndex={-1}>
          {vms.length === 0 && <li className="nav-empty">{t('nav.empty')}</li>}
          {vms.map((vm) => {
            const name = vmTitle(vm);
            const state = stateLabel(tr, vm.state);
            const folder = hints.get(vm.path);
            return (
              <li key={vm.path}>
                <PageLink target={{ kind: 'vm', path: vm.path }} tall tabStop={stop === `vm:${vm.path}`} title={folder ? `${name}\n${vm.path}` : name}>
                  <VmGlyph state={vm.state} />
                  <span className="pane-text">
                    <span className="pane-label">{name}</span>
                    <span className="pane-sub">
                      {state}
                      {folder && (
                        <>
                          <span aria-hidden="true"> ·</span> <span className="pane-folder">{folder}</span>
                        </>
                      )}
                    </span>
                  </span>
                </PageLink>
              </li>
            );
          })}
        </ul>
        <div className="nav-bottom">
          <PageLink target={{ kind: 'diagnostics' }} label={t('nav.diagnostics')} icon="pulse" tabStop={stop === 'diagnostics'} />
          <PageLink target={{ kind: 'preferences' }} label={t('nav.preferences')} icon="settings" tabStop={stop === 'preferences'} />
        </div>
      </nav>
      <Button variant="subtle" icon="keyboard" className="shortcuts-button" label={t('shortcuts.open')} onClick={onShowShortcuts} />
    </aside>
  );
}

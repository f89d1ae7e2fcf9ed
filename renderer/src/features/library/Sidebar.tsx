/**
 * The navigation pane: the library (every VM with its state), "Open VM…", and the app's own pages.
 * Up/Down, Home and End move between entries, as in a Windows navigation pane.
 */
import { useRef, type KeyboardEvent } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { VM_STATE_LABELS } from '../../../../app/vm/labels.js';
import { arrowTarget } from '../../kit/focus/arrow-keys.js';
import { Icon } from '../../kit/Icon/Icon.js';
import { useHako } from '../../store/context.js';
import { selectVmList } from '../../store/index.js';
import { NewVmButton } from '../create/NewVmButton.js';
import { vmTitle } from '../vm/vm-title.js';
import { OpenVmButton } from './OpenVmButton.js';
import { PageLink } from './PageLink.js';
import { VmGlyph } from './VmGlyph.js';
import './Sidebar.css';

export function Sidebar() {
  const vms = useHako(useShallow(selectVmList));
  const navRef = useRef<HTMLElement>(null);

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
        <span className="brand-name">Hako</span>
      </div>
      <OpenVmButton className="open-vm">Open VM…</OpenVmButton>
      <NewVmButton className="new-vm" variant="secondary" />
      <nav ref={navRef} className="nav" aria-label="Hako" onKeyDown={onKeyDown}>
        <PageLink target={{ kind: 'home' }} label="Home" icon="home" />
        <h2 className="nav-heading" id="library-heading">
          Virtual machines
        </h2>
        <ul className="nav-list" aria-labelledby="library-heading">
          {vms.length === 0 && <li className="nav-empty">No VMs yet. Open a .7b file to add one.</li>}
          {vms.map((vm) => (
            <li key={vm.path}>
              <PageLink target={{ kind: 'vm', path: vm.path }} label={`${vmTitle(vm)}, ${VM_STATE_LABELS[vm.state]}`} tall>
                <VmGlyph state={vm.state} />
                <span className="pane-text">
                  <span className="pane-label">{vmTitle(vm)}</span>
                  <span className="pane-sub">{VM_STATE_LABELS[vm.state]}</span>
                </span>
              </PageLink>
            </li>
          ))}
        </ul>
        <div className="nav-bottom">
          <PageLink target={{ kind: 'diagnostics' }} label="Diagnostics" icon="pulse" />
          <PageLink target={{ kind: 'preferences' }} label="Preferences" icon="settings" />
        </div>
      </nav>
    </aside>
  );
}

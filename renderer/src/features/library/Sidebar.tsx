/**
 * The navigation pane: the library (every VM with its state), "Open VM…", and the app's own pages.
 * Up/Down, Home and End move between entries, as in a Windows navigation pane.
 */
import type { KeyboardEvent } from 'react';
import { useRef } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { VM_STATE_LABELS } from '../../../../app/vm/labels.js';
import { Icon } from '../../kit/Icon/Icon.js';
import { useHako } from '../../store/context.js';
import { selectVmList } from '../../store/index.js';
import { vmTitle } from '../vm/vm-title.js';
import { NavItem } from './NavItem.js';
import { OpenVmButton } from './OpenVmButton.js';
import { VmGlyph } from './VmGlyph.js';
import './Sidebar.css';

const NAV_KEYS: ReadonlySet<string> = new Set(['ArrowDown', 'ArrowUp', 'Home', 'End']);

export function Sidebar() {
  const vms = useHako(useShallow(selectVmList));
  const navRef = useRef<HTMLElement>(null);

  const onKeyDown = (event: KeyboardEvent<HTMLElement>) => {
    if (!NAV_KEYS.has(event.key)) return;
    const items = [...(navRef.current?.querySelectorAll<HTMLButtonElement>('.nav-item') ?? [])];
    const index = items.indexOf(document.activeElement as HTMLButtonElement);
    if (index < 0) return;
    event.preventDefault();
    const next = event.key === 'Home' ? 0 : event.key === 'End' ? items.length - 1 : (index + (event.key === 'ArrowDown' ? 1 : -1) + items.length) % items.length;
    items[next]?.focus();
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
      <nav ref={navRef} className="nav" aria-label="Hako" onKeyDown={onKeyDown}>
        <NavItem target={{ kind: 'home' }} label="Home" icon="home" />
        <h2 className="nav-heading" id="library-heading">
          Virtual machines
        </h2>
        <ul className="nav-list" aria-labelledby="library-heading">
          {vms.length === 0 && <li className="nav-empty">No VMs yet. Open a .7b file to add one.</li>}
          {vms.map((vm) => (
            <li key={vm.path}>
              <NavItem target={{ kind: 'vm', path: vm.path }} label={`${vmTitle(vm)}, ${VM_STATE_LABELS[vm.state]}`} tall>
                <VmGlyph state={vm.state} />
                <span className="nav-text">
                  <span className="nav-label">{vmTitle(vm)}</span>
                  <span className="nav-sub">{VM_STATE_LABELS[vm.state]}</span>
                </span>
              </NavItem>
            </li>
          ))}
        </ul>
        <div className="nav-bottom">
          <NavItem target={{ kind: 'diagnostics' }} label="Diagnostics" icon="pulse" />
          <NavItem target={{ kind: 'preferences' }} label="Preferences" icon="settings" />
        </div>
      </nav>
    </aside>
  );
}

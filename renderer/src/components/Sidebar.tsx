/**
 * The library: every VM Hako knows with its state, the "Open VM…" action, and the app's own pages.
 * Up/Down move between entries, as in a Windows navigation pane.
 */
import { useRef, useState, type KeyboardEvent, type ReactNode } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { VM_STATE_LABELS } from '../../../app/vm/labels.js';
import { useHako } from '../context.js';
import { STATE_TONES, vmTitle } from '../logic/vm.js';
import { selectVmList, type View } from '../store.js';
import { Icon } from './icons.js';
import { OpenVmDialog } from './OpenVmDialog.js';

const sameView = (a: View, b: View) => a.kind === b.kind && (a.kind !== 'vm' || (b.kind === 'vm' && a.path === b.path));

export function Sidebar() {
  const vms = useHako(useShallow(selectVmList));
  const view = useHako((s) => s.view);
  const select = useHako((s) => s.select);
  const openDialog = useHako((s) => s.openDialog);
  const transport = useHako((s) => s.app?.transport);
  const [askPath, setAskPath] = useState(false);
  const navRef = useRef<HTMLElement>(null);

  const open = async () => {
    // The browser host has no file dialog: ask for a path there.
    if (transport !== 'electron') {
      setAskPath(true);
      return;
    }
    if ((await openDialog()) === 'unsupported') setAskPath(true);
  };

  const onKeyDown = (event: KeyboardEvent<HTMLElement>) => {
    if (event.key !== 'ArrowDown' && event.key !== 'ArrowUp' && event.key !== 'Home' && event.key !== 'End') return;
    const items = [...(navRef.current?.querySelectorAll<HTMLButtonElement>('.nav-item') ?? [])];
    const index = items.indexOf(document.activeElement as HTMLButtonElement);
    if (index < 0) return;
    event.preventDefault();
    const next =
      event.key === 'Home' ? 0 : event.key === 'End' ? items.length - 1 : (index + (event.key === 'ArrowDown' ? 1 : -1) + items.length) % items.length;
    items[next]?.focus();
  };

  const item = (target: View, label: string, content: ReactNode, extraClass = '') => (
    <button
      type="button"
      className={`nav-item${sameView(view, target) ? ' nav-item-current' : ''}${extraClass}`}
      aria-current={sameView(view, target) ? 'page' : undefined}
      aria-label={label}
      onClick={() => select(target)}
    >
      {content}
    </button>
  );

  return (
    <aside className="sidebar">
      <div className="brand">
        <span className="brand-mark" aria-hidden="true">
          <Icon name="vm" />
        </span>
        <span className="brand-name">Hako</span>
      </div>
      <button type="button" className="btn btn-primary open-vm" onClick={() => void open()}>
        <Icon name="folder" />
        <span>Open VM…</span>
      </button>
      <nav ref={navRef} className="nav" aria-label="Hako" onKeyDown={onKeyDown}>
        {item({ kind: 'home' }, 'Home', (
          <>
            <Icon name="home" />
            <span className="nav-label">Home</span>
          </>
        ))}
        <h2 className="nav-heading" id="library-heading">
          Virtual machines
        </h2>
        <ul className="nav-list" aria-labelledby="library-heading">
          {vms.length === 0 && <li className="nav-empty">No VMs yet. Open a .7b file to add one.</li>}
          {vms.map((vm) => (
            <li key={vm.path}>
              {item(
                { kind: 'vm', path: vm.path },
                `${vmTitle(vm)}, ${VM_STATE_LABELS[vm.state]}`,
                <>
                  <span className={`vm-glyph tone-${STATE_TONES[vm.state]}`} aria-hidden="true">
                    <Icon name="vm" />
                    <span className="vm-glyph-dot" />
                  </span>
                  <span className="nav-text">
                    <span className="nav-label">{vmTitle(vm)}</span>
                    <span className="nav-sub">{VM_STATE_LABELS[vm.state]}</span>
                  </span>
                </>,
                ' nav-vm',
              )}
            </li>
          ))}
        </ul>
        <div className="nav-bottom">
          {item({ kind: 'diagnostics' }, 'Diagnostics', (
            <>
              <Icon name="pulse" />
              <span className="nav-label">Diagnostics</span>
            </>
          ))}
          {item({ kind: 'preferences' }, 'Preferences', (
            <>
              <Icon name="settings" />
              <span className="nav-label">Preferences</span>
            </>
          ))}
        </div>
      </nav>
      {askPath && <OpenVmDialog onClose={() => setAskPath(false)} />}
    </aside>
  );
}

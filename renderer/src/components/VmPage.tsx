/**
 * One VM: a header with its name, state and the actions its state allows (from `snapshot.actions`),
 * and three tabs: Overview (last error, pending changes, session, hardware, file findings), Settings
 * (the .7b editor) and Events (the VM's log).
 */
import { useEffect, useId, useRef, useState, type KeyboardEvent } from 'react';
import type { VmSnapshotDto } from '../../../app/ipc/contract.js';
import type { VmAction } from '../../../app/vm/state.js';
import { useHako } from '../context.js';
import { ACTION_HINTS, ACTION_LABELS, CONFIRMED_ACTIONS, SECONDARY_ACTIONS, headerButtons, vmTitle } from '../logic/vm.js';
import type { VmTab } from '../store.js';
import { EventsTab } from './EventsTab.js';
import { Icon, type IconName } from './icons.js';
import { OverviewTab } from './OverviewTab.js';
import { SettingsTab } from './SettingsTab.js';
import { Button, Dialog, StateBadge } from './ui.js';

const ACTION_ICONS: Readonly<Record<VmAction, IconName>> = {
  start: 'play',
  resume: 'play',
  shutdown: 'power',
  powerOff: 'plug',
  pause: 'pause',
  save: 'save',
  restart: 'restart',
  crash: 'bolt',
  reload: 'refresh',
};

const TABS: readonly { readonly id: VmTab; readonly label: string; readonly icon: IconName }[] = [
  { id: 'overview', label: 'Overview', icon: 'monitor' },
  { id: 'settings', label: 'Settings', icon: 'sliders' },
  { id: 'events', label: 'Events', icon: 'list' },
];

export function VmPage({ path }: { readonly path: string }) {
  const vm = useHako((s) => s.vms[path]);
  const tab = useHako((s) => s.vmTab);
  const setTab = useHako((s) => s.setVmTab);
  const tabsId = useId();
  const tabRefs = useRef<(HTMLButtonElement | null)[]>([]);

  if (vm === undefined) return null;

  const onTabKey = (event: KeyboardEvent<HTMLDivElement>) => {
    const index = TABS.findIndex((t) => t.id === tab);
    const delta = event.key === 'ArrowRight' ? 1 : event.key === 'ArrowLeft' ? -1 : 0;
    if (delta === 0) return;
    event.preventDefault();
    const next = TABS[(index + delta + TABS.length) % TABS.length]!;
    setTab(next.id);
    tabRefs.current[TABS.indexOf(next)]?.focus();
  };

  return (
    <div className="page vm-page">
      <VmHeader vm={vm} />
      <div className="tabs" role="tablist" aria-label="VM views" onKeyDown={onTabKey}>
        {TABS.map((t, i) => (
          <button
            key={t.id}
            ref={(el) => {
              tabRefs.current[i] = el;
            }}
            type="button"
            role="tab"
            id={`${tabsId}-${t.id}`}
            aria-selected={tab === t.id}
            aria-controls={`${tabsId}-${t.id}-panel`}
            tabIndex={tab === t.id ? 0 : -1}
            className={`tab${tab === t.id ? ' tab-selected' : ''}`}
            onClick={() => setTab(t.id)}
          >
            <Icon name={t.icon} />
            <span>{t.label}</span>
            {t.id === 'overview' && vm.findings.some((f) => f.severity !== 'info') && (
              <span className="tab-dot">
                <span className="visually-hidden">(has findings)</span>
              </span>
            )}
          </button>
        ))}
      </div>
      <div className="tab-panel" role="tabpanel" id={`${tabsId}-${tab}-panel`} aria-labelledby={`${tabsId}-${tab}`}>
        {tab === 'overview' && <OverviewTab vm={vm} />}
        {tab === 'settings' && <SettingsTab key={vm.path} vm={vm} />}
        {tab === 'events' && <EventsTab vm={vm} />}
      </div>
    </div>
  );
}

function VmHeader({ vm }: { readonly vm: VmSnapshotDto }) {
  const busy = useHako((s) => s.busy[vm.path]);
  const act = useHako((s) => s.act);
  const forget = useHako((s) => s.forget);
  const [confirm, setConfirm] = useState<VmAction | 'forget' | null>(null);
  const [menu, setMenu] = useState(false);
  const menuId = useId();
  const menuRef = useRef<HTMLDivElement>(null);
  const name = vmTitle(vm);

  useEffect(() => {
    if (!menu) return;
    menuRef.current?.querySelector<HTMLButtonElement>('[role="menuitem"]:not([disabled])')?.focus();
    const close = (event: MouseEvent) => {
      if (!menuRef.current?.parentElement?.contains(event.target as Node)) setMenu(false);
    };
    document.addEventListener('mousedown', close);
    return () => document.removeEventListener('mousedown', close);
  }, [menu]);

  const run = (action: VmAction) => {
    setMenu(false);
    if (CONFIRMED_ACTIONS.has(action)) setConfirm(action);
    else void act(vm.path, action);
  };

  const onMenuKey = (event: KeyboardEvent<HTMLDivElement>) => {
    const items = [...(menuRef.current?.querySelectorAll<HTMLButtonElement>('[role="menuitem"]:not([disabled])') ?? [])];
    const index = items.indexOf(document.activeElement as HTMLButtonElement);
    if (event.key === 'Escape') {
      event.preventDefault();
      setMenu(false);
    } else if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      items[(index + (event.key === 'ArrowDown' ? 1 : -1) + items.length) % items.length]?.focus();
    }
  };

  const allowed = new Set(vm.actions);
  return (
    <header className="vm-header">
      <div className="vm-title-row">
        <span className="vm-avatar" aria-hidden="true">
          <Icon name="vm" />
        </span>
        <div className="vm-title-text">
          <h1 className="vm-name">{name}</h1>
          <p className="vm-path" title={vm.path}>
            {vm.path}
          </p>
        </div>
        <StateBadge state={vm.state} live />
      </div>
      <div className="commandbar" role="toolbar" aria-label={`Actions for ${name}`}>
        {headerButtons(vm, busy !== undefined).map((button) => (
          <Button
            key={button.action}
            icon={ACTION_ICONS[button.action]}
            variant={button.action === 'start' || button.action === 'resume' ? 'primary' : button.action === 'powerOff' ? 'danger' : 'subtle'}
            disabled={!button.enabled && !(button.action === 'powerOff' && allowed.has('powerOff'))}
            title={button.hint}
            onClick={() => run(button.action)}
          >
            {busy === button.action ? `${button.label}…` : button.label}
          </Button>
        ))}
        <span className="commandbar-sep" aria-hidden="true" />
        <div className="menu-anchor">
          <Button icon="more" variant="subtle" label="More actions" haspopup="menu" expanded={menu} controls={menuId} onClick={() => setMenu(!menu)} />
          {menu && (
            <div ref={menuRef} id={menuId} className="menu" role="menu" aria-label="More actions" onKeyDown={onMenuKey}>
              {SECONDARY_ACTIONS.map((action) => (
                <button key={action} type="button" role="menuitem" className="menu-item" disabled={!allowed.has(action) || busy !== undefined} title={ACTION_HINTS[action]} onClick={() => run(action)}>
                  <Icon name={ACTION_ICONS[action]} />
                  <span>{ACTION_LABELS[action]}</span>
                </button>
              ))}
              <div className="menu-sep" role="separator" />
              <button
                type="button"
                role="menuitem"
                className="menu-item"
                disabled={vm.state !== 'Stopped' && vm.state !== 'Saved' && vm.state !== 'Error'}
                onClick={() => {
                  setMenu(false);
                  setConfirm('forget');
                }}
              >
                <Icon name="trash" />
                <span>Remove from library</span>
              </button>
            </div>
          )}
        </div>
      </div>
      {confirm !== null && (
        <ConfirmAction
          name={name}
          action={confirm}
          onCancel={() => setConfirm(null)}
          onConfirm={() => {
            setConfirm(null);
            if (confirm === 'forget') void forget(vm.path);
            else void act(vm.path, confirm);
          }}
        />
      )}
    </header>
  );
}

const CONFIRMATIONS: Readonly<Record<'powerOff' | 'restart' | 'crash' | 'forget', { title: (n: string) => string; body: string; button: string }>> = {
  powerOff: {
    title: (n) => `Power off ${n}?`,
    body: 'This is a hard power cut, like pulling the plug: the guest operating system does not shut down, and anything not saved inside the VM is lost. Use Shut down to stop it cleanly.',
    button: 'Power off',
  },
  restart: {
    title: (n) => `Restart ${n}?`,
    body: 'Restart is a hard reset: the VM is powered off at once (unsaved work inside it is lost) and started again with the settings now in its file.',
    button: 'Restart',
  },
  crash: {
    title: (n) => `Send an NMI to ${n}?`,
    body: 'The guest receives a non-maskable interrupt. Windows guests usually stop with a bug check and write a crash dump; use this only to diagnose a hung guest.',
    button: 'Send NMI',
  },
  forget: {
    title: (n) => `Remove ${n} from the library?`,
    body: 'Hako forgets the VM. Its .7b file and disks stay where they are; open the file again to bring it back.',
    button: 'Remove',
  },
};

function ConfirmAction({ name, action, onCancel, onConfirm }: { readonly name: string; readonly action: VmAction | 'forget'; readonly onCancel: () => void; readonly onConfirm: () => void }) {
  const text = CONFIRMATIONS[action as keyof typeof CONFIRMATIONS];
  if (text === undefined) return null;
  return (
    <Dialog
      alert
      title={text.title(name)}
      onClose={onCancel}
      footer={
        <>
          <Button variant="danger" onClick={onConfirm}>
            {text.button}
          </Button>
          <Button onClick={onCancel} autoFocus>
            Cancel
          </Button>
        </>
      }
    >
      <p>{text.body}</p>
    </Dialog>
  );
}

/** The start page: the library at a glance, and the way to add a VM. */
import { useEffect, useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { useHako } from '../context.js';
import { fileTitle, formatMemory, vmTitle } from '../logic/vm.js';
import { selectVmList } from '../store.js';
import { Icon } from './icons.js';
import { OpenVmDialog } from './OpenVmDialog.js';
import { Button, StateBadge } from './ui.js';

export function HomePage() {
  const vms = useHako(useShallow(selectVmList));
  const select = useHako((s) => s.select);
  const act = useHako((s) => s.act);
  const busy = useHako((s) => s.busy);
  const openDialog = useHako((s) => s.openDialog);
  const transport = useHako((s) => s.app?.transport);
  const call = useHako((s) => s.call);
  const openPath = useHako((s) => s.openPath);
  const [askPath, setAskPath] = useState(false);
  const [recent, setRecent] = useState<string[]>([]);

  useEffect(() => {
    void call('Could not read the recent files', (api) => api.invoke('library.recent')).then((list) => setRecent(list ?? []));
  }, [call, vms.length]);

  const open = async () => {
    if (transport !== 'electron' || (await openDialog()) === 'unsupported') setAskPath(true);
  };
  const notInLibrary = recent.filter((p) => !vms.some((vm) => vm.path === p));
  const running = vms.filter((vm) => vm.state === 'Running' || vm.state === 'Paused').length;

  return (
    <div className="page home">
      <header className="page-header">
        <div>
          <h1 className="page-title">Virtual machines</h1>
          <p className="muted">
            {vms.length === 0 ? 'Hako opens NanaBox .7b files and runs them on Hyper-V.' : `${vms.length} in the library, ${running} running.`}
          </p>
        </div>
        <Button variant="primary" icon="folder" onClick={() => void open()}>
          Open VM…
        </Button>
      </header>
      {vms.length === 0 ? (
        <div className="welcome card">
          <Icon name="vm" className="welcome-icon" />
          <h2>Your VMs live in portable files</h2>
          <p className="muted">
            A .7b file describes one VM: its processors, memory, disks and network. Open one to add it to the library. Hako reads and writes the same files as NanaBox, and keeps every key it does not understand.
          </p>
          <Button variant="primary" icon="folder" onClick={() => void open()}>
            Open a .7b file
          </Button>
        </div>
      ) : (
        <ul className="vm-cards" aria-label="Library">
          {vms.map((vm) => {
            const name = vmTitle(vm);
            const primary = vm.actions.includes('resume') ? 'resume' : vm.actions.includes('start') ? 'start' : null;
            return (
              <li key={vm.path} className="vm-card">
                <button type="button" className="vm-card-main" onClick={() => select({ kind: 'vm', path: vm.path })} aria-label={`Show ${name}`}>
                  <span className="vm-avatar" aria-hidden="true">
                    <Icon name="vm" />
                  </span>
                  <span className="vm-card-text">
                    <span className="vm-card-name">{name}</span>
                    <span className="vm-card-sub">
                      {vm.config ? `${vm.config.GuestType === 'Unknown' ? 'Guest' : vm.config.GuestType} · ${vm.config.ProcessorCount} CPU · ${formatMemory(vm.config.MemorySize)}` : 'File cannot be read'}
                    </span>
                  </span>
                </button>
                <div className="vm-card-foot">
                  <StateBadge state={vm.state} />
                  {primary && (
                    <Button icon="play" variant="subtle" disabled={busy[vm.path] !== undefined} onClick={() => void act(vm.path, primary)} label={`${primary === 'start' ? 'Start' : 'Resume'} ${name}`} />
                  )}
                </div>
              </li>
            );
          })}
        </ul>
      )}
      {notInLibrary.length > 0 && (
        <section className="recent-section" aria-labelledby="home-recent">
          <h2 id="home-recent" className="subheading">
            Recently opened
          </h2>
          <ul className="recent-list">
            {notInLibrary.slice(0, 5).map((p) => (
              <li key={p}>
                <button type="button" className="recent-item" onClick={() => void openPath(p)} aria-label={`Open ${p}`}>
                  <Icon name="file" />
                  <span className="recent-name">{fileTitle(p)}</span>
                  <span className="recent-path">{p}</span>
                </button>
              </li>
            ))}
          </ul>
        </section>
      )}
      {askPath && <OpenVmDialog onClose={() => setAskPath(false)} />}
    </div>
  );
}

/** The start page: the library at a glance, the way to add a VM, and files opened lately. */
import { useId } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { isLive } from '../../../../app/vm/state.js';
import { Icon } from '../../kit/Icon/Icon.js';
import { NewVmButton } from '../create/NewVmButton.js';
import { Page } from '../../kit/Page/Page.js';
import { useHako } from '../../store/context.js';
import { selectVmList } from '../../store/index.js';
import { OpenVmButton } from './OpenVmButton.js';
import { RecentFiles } from './RecentFiles.js';
import { useOpenPath } from './use-library-actions.js';
import { useRecentFiles } from './use-recent-files.js';
import { VmCard } from './VmCard.js';
import './HomePage.css';

export function HomePage() {
  const vms = useHako(useShallow(selectVmList));
  const openPath = useOpenPath();
  const recent = useRecentFiles(String(vms.length));
  const recentId = useId();
  const notInLibrary = recent.filter((p) => !vms.some((vm) => vm.path === p));
  const running = vms.filter((vm) => isLive(vm.state)).length;

  return (
    <Page
      title="Virtual machines"
      description={vms.length === 0 ? 'Hako opens NanaBox .7b files and runs them on Hyper-V.' : `${vms.length} in the library, ${running} running.`}
      actions={
        <div className="button-row">
          <NewVmButton />
          <OpenVmButton>Open VM…</OpenVmButton>
        </div>
      }
    >
      {vms.length === 0 ? (
        <div className="welcome">
          <Icon name="vm" className="welcome-icon" />
          <h2>Your VMs live in portable files</h2>
          <p className="muted">
            A .7b file describes one VM: its processors, memory, disks and network. Open one to add it to the library. Hako reads and writes the same files as NanaBox, and keeps every key it does not understand.
          </p>
          <div className="button-row">
            <NewVmButton />
            <OpenVmButton>Open a .7b file</OpenVmButton>
          </div>
        </div>
      ) : (
        <ul className="vm-cards" aria-label="Library">
          {vms.map((vm) => (
            <VmCard key={vm.path} vm={vm} />
          ))}
        </ul>
      )}
      {notInLibrary.length > 0 && (
        <section className="recent-section" aria-labelledby={recentId}>
          <h2 id={recentId} className="subheading">
            Recently opened
          </h2>
          <RecentFiles paths={notInLibrary.slice(0, 5)} labelledBy={recentId} onOpen={(p) => void openPath(p)} />
        </section>
      )}
    </Page>
  );
}

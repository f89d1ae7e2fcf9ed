/**
 * The start page: the library at a glance (a grid of every VM the query shows, with sort, state filter
 * and bulk actions), the way to add a VM, and files opened lately that are no longer in the library.
 */
import { useId } from 'react';
import { Icon } from '../../kit/Icon/Icon.js';
import { Page } from '../../kit/Page/Page.js';
import { useHako, useHakoStore } from '../../store/context.js';
import { BulkResults } from './BulkResults.js';
import { LibraryToolbar } from './LibraryToolbar.js';
import { OpenVmButton } from './OpenVmButton.js';
import { RecentFiles } from './RecentFiles.js';
import { useOpenPath } from './use-library-actions.js';
import { useRecentFiles } from './use-recent-files.js';
import { VmGrid } from './VmGrid.js';
import './HomePage.css';

export function HomePage() {
  const store = useHakoStore();
  const total = useHako((s) => s.order.length);
  const running = useHako((s) => s.liveCount);
  const openPath = useOpenPath();
  const recent = useRecentFiles(String(total));
  const recentId = useId();
  const notInLibrary = recent.filter((p) => !store.getState().library.has(p));

  return (
    <Page
      className="home-page"
      title="Virtual machines"
      description={total === 0 ? 'Hako opens NanaBox .7b files and runs them on Hyper-V.' : `${total.toLocaleString()} in the library, ${running.toLocaleString()} running.`}
      actions={<OpenVmButton>Open VM…</OpenVmButton>}
    >
      {total === 0 && (
        <div className="welcome">
          <Icon name="vm" className="welcome-icon" />
          <h2>Your VMs live in portable files</h2>
          <p className="muted">
            A .7b file describes one VM: its processors, memory, disks and network. Open one to add it to the library. Hako reads and writes the same files as NanaBox, and keeps every key it does not understand.
          </p>
          <OpenVmButton>Open a .7b file</OpenVmButton>
        </div>
      )}
      {notInLibrary.length > 0 && (
        <section className="recent-section" aria-labelledby={recentId}>
          <h2 id={recentId} className="subheading">
            Recently opened
          </h2>
          <RecentFiles paths={notInLibrary.slice(0, 5)} labelledBy={recentId} onOpen={(p) => void openPath(p)} />
        </section>
      )}
      {total > 0 && (
        <>
          <LibraryToolbar />
          <BulkResults />
          <VmGrid />
        </>
      )}
    </Page>
  );
}

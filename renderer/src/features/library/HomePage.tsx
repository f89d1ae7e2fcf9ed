/**
 * The start page: the library at a glance (a grid of every VM the search and the state filter show,
 * sorted, with bulk actions), the way to add a VM, and files opened lately that are not in the library.
 */
import { useId } from 'react';
import { samePath } from '../../../../app/paths/identity.js';
import { useT } from '../../i18n/context.js';
import { Icon } from '../../kit/Icon/Icon.js';
import { NewVmButton } from '../create/NewVmButton.js';
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

/** Recent files that are not in the library: compared as paths (case and separators as the OS does), not as strings. */
export function recentOutsideLibrary(recent: readonly string[], library: readonly string[]): string[] {
  return recent.filter((p) => !library.some((known) => samePath(known, p)));
}

export function HomePage() {
  const { t } = useT();
  const store = useHakoStore();
  const total = useHako((s) => s.order.length);
  const running = useHako((s) => s.liveCount);
  const namesVersion = useHako((s) => s.namesVersion);
  const openPath = useOpenPath();
  // Read again whenever the set of VMs changes.
  const recent = useRecentFiles(String(namesVersion));
  const recentId = useId();
  const libraryId = useId();
  const notInLibrary = recent.length === 0 ? [] : recentOutsideLibrary(recent, store.getState().order);

  return (
    <Page
      className="home-page"
      title={t('home.title')}
      description={total === 0 ? t('home.description.empty') : t('home.description', { count: total, running })}
      actions={
        <div className="button-row">
          <NewVmButton />
          <OpenVmButton>{t('home.openVm')}</OpenVmButton>
        </div>
      }
    >
      {total === 0 && (
        <div className="welcome">
          <Icon name="vm" className="welcome-icon" />
          <h2>{t('home.welcome.title')}</h2>
          <p className="muted">{t('home.welcome.body')}</p>
          <div className="button-row">
            <NewVmButton />
            <OpenVmButton>{t('home.welcome.open')}</OpenVmButton>
          </div>
        </div>
      )}
      {notInLibrary.length > 0 && (
        <section className="recent-section" aria-labelledby={recentId}>
          <h2 id={recentId} className="subheading">
            {t('home.recent')}
          </h2>
          <RecentFiles paths={notInLibrary.slice(0, 5)} labelledBy={recentId} onOpen={(p) => void openPath(p)} />
        </section>
      )}
      {total > 0 && (
        <section className="home-library" aria-labelledby={libraryId}>
          <h2 id={libraryId} className="visually-hidden">
            {t('home.library')}
          </h2>
          <LibraryToolbar />
          <BulkResults />
          <VmGrid labelledBy={libraryId} />
        </section>
      )}
    </Page>
  );
}

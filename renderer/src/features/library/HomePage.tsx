/** The start page: the library at a glance, the way to add a VM, and files opened lately (not already in the library). */
import { useId } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { samePath } from '../../../../app/paths/identity.js';
import { isLive } from '../../../../app/vm/state.js';
import { useT } from '../../i18n/context.js';
import { Icon } from '../../kit/Icon/Icon.js';
import { Page } from '../../kit/Page/Page.js';
import { useHako } from '../../store/context.js';
import { selectVmList } from '../../store/index.js';
import { vmTitle } from '../vm/vm-title.js';
import { folderHints } from './folder-hints.js';
import { OpenVmButton } from './OpenVmButton.js';
import { RecentFiles } from './RecentFiles.js';
import { useOpenPath } from './use-library-actions.js';
import { useRecentFiles } from './use-recent-files.js';
import { VmCard } from './VmCard.js';
import './HomePage.css';

/** Recent files that are not in the library: compared as paths (case and separators as the OS does), not as strings. */
export function recentOutsideLibrary(recent: readonly string[], library: readonly string[]): string[] {
  return recent.filter((p) => !library.some((known) => samePath(known, p)));
}

export function HomePage() {
  const { t } = useT();
  const vms = useHako(useShallow(selectVmList));
  const openPath = useOpenPath();
  const recent = useRecentFiles(vms.map((vm) => vm.path).join('\u0000'));
  const recentId = useId();
  const notInLibrary = recentOutsideLibrary(
    recent,
    vms.map((vm) => vm.path),
  );
  const running = vms.filter((vm) => isLive(vm.state)).length;
  const hints = folderHints(vms.map((vm) => ({ path: vm.path, name: vmTitle(vm) })));

  return (
    <Page
      title={t('home.title')}
      description={vms.length === 0 ? t('home.description.empty') : t('home.description', { count: vms.length, running })}
      actions={<OpenVmButton>{t('home.openVm')}</OpenVmButton>}
    >
      {vms.length === 0 ? (
        <div className="welcome">
          <Icon name="vm" className="welcome-icon" />
          <h2>{t('home.welcome.title')}</h2>
          <p className="muted">{t('home.welcome.body')}</p>
          <OpenVmButton>{t('home.welcome.open')}</OpenVmButton>
        </div>
      ) : (
        <section aria-labelledby={`${recentId}-library`}>
          <h2 id={`${recentId}-library`} className="visually-hidden">
            {t('home.library')}
          </h2>
          <ul className="vm-cards" aria-labelledby={`${recentId}-library`}>
            {vms.map((vm) => (
              <VmCard key={vm.path} vm={vm} hint={hints.get(vm.path)} />
            ))}
          </ul>
        </section>
      )}
      {notInLibrary.length > 0 && (
        <section className="recent-section" aria-labelledby={recentId}>
          <h2 id={recentId} className="subheading">
            {t('home.recent')}
          </h2>
          <RecentFiles paths={notInLibrary.slice(0, 5)} labelledBy={recentId} onOpen={(p) => void openPath(p)} />
        </section>
      )}
    </Page>
  );
}

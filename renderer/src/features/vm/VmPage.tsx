/**
 * One VM: the header (name, state, commands) and its tabs: Overview (last error, pending changes,
 * session, hardware, file findings), Screen (the VM's screen inside Hako, features/screen), Settings (the
 * .7b editor), Events (the VM's log), and Console (the serial consoles, when the file connects a COM port
 * to a pipe; loaded lazily with xterm).
 */
import { lazy, Suspense } from 'react';
import { COM_PORTS, comPortPipe } from '../../../../app/console/com-ports.js';
import { PageFrame } from '../../kit/Page/PageFrame.js';
import { Tabs, type TabSpec } from '../../kit/Tabs/Tabs.js';
import { useT } from '../../i18n/context.js';
import { useHako } from '../../store/context.js';
import type { VmTab } from '../../store/index.js';
import { EventsTab } from './events/EventsTab.js';
import { VmHeader } from './header/VmHeader.js';
import { OverviewTab } from './overview/OverviewTab.js';
import { ScreenTab } from '../screen/ScreenTab.js';
import { SettingsTab } from './settings/SettingsTab.js';
import { Spinner } from '../../kit/Spinner/Spinner.js';
import { useVmSnapshot } from './use-vm-snapshot.js';

const ConsoleTab = lazy(() => import('./console/ConsoleTab.js'));

export function VmPage({ path }: { readonly path: string }) {
  const { t } = useT();
  const vm = useVmSnapshot(path);
  const tab = useHako((s) => s.vmTab);
  const setTab = useHako((s) => s.setVmTab);
  if (vm === undefined) return null;

  const tabs: TabSpec<VmTab>[] = [
    { id: 'overview', label: t('vm.tabs.overview'), icon: 'monitor', marker: vm.findings.some((f) => f.severity !== 'info') ? t('vm.tabs.hasFindings') : undefined },
    { id: 'screen', label: t('vm.tabs.screen'), icon: 'monitor' },
    { id: 'settings', label: t('vm.tabs.settings'), icon: 'sliders' },
    { id: 'events', label: t('vm.tabs.events'), icon: 'list' },
  ];
  const hasConsole = COM_PORTS.some((port) => comPortPipe(vm.config, port) !== null);
  if (hasConsole) tabs.push({ id: 'console', label: t('vm.tabs.console'), icon: 'console' });
  const shown = tab === 'console' && !hasConsole ? 'overview' : tab;

  return (
    <PageFrame className="vm-page">
      <VmHeader vm={vm} />
      <Tabs label={t('vm.tabs.label')} tabs={tabs} selected={shown} onSelect={setTab}>
        {shown === 'overview' && <OverviewTab vm={vm} />}
        {shown === 'screen' && <ScreenTab key={vm.path} vm={vm} />}
        {shown === 'settings' && <SettingsTab key={vm.path} vm={vm} />}
        {shown === 'events' && <EventsTab vm={vm} />}
        {shown === 'console' && (
          <Suspense fallback={<Spinner label={t('console.loading')} />}>
            <ConsoleTab key={vm.path} vm={vm} />
          </Suspense>
        )}
      </Tabs>
    </PageFrame>
  );
}

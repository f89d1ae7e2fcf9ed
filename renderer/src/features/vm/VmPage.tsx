/**
 * One VM: the header (name, state, commands) and four tabs: Overview (last error, pending changes,
 * session, hardware, file findings), Console (the VM's screen, features/screen), Settings (the .7b
 * editor) and Events (the VM's log).
 */
import { PageFrame } from '../../kit/Page/PageFrame.js';
import { Tabs, type TabSpec } from '../../kit/Tabs/Tabs.js';
import { useT } from '../../i18n/context.js';
import { useHako } from '../../store/context.js';
import type { VmTab } from '../../store/index.js';
import { ScreenTab } from '../screen/ScreenTab.js';
import { EventsTab } from './events/EventsTab.js';
import { VmHeader } from './header/VmHeader.js';
import { OverviewTab } from './overview/OverviewTab.js';
import { SettingsTab } from './settings/SettingsTab.js';
import { useVmSnapshot } from './use-vm-snapshot.js';

export function VmPage({ path }: { readonly path: string }) {
  const { t } = useT();
  const vm = useVmSnapshot(path);
  const tab = useHako((s) => s.vmTab);
  const setTab = useHako((s) => s.setVmTab);
  if (vm === undefined) return null;

  const tabs: readonly TabSpec<VmTab>[] = [
    { id: 'overview', label: t('vm.tabs.overview'), icon: 'monitor', marker: vm.findings.some((f) => f.severity !== 'info') ? t('vm.tabs.hasFindings') : undefined },
    { id: 'console', label: t('vm.tabs.console'), icon: 'monitor' },
    { id: 'settings', label: t('vm.tabs.settings'), icon: 'sliders' },
    { id: 'events', label: t('vm.tabs.events'), icon: 'list' },
  ];

  return (
    <PageFrame className="vm-page">
      <VmHeader vm={vm} />
      <Tabs label={t('vm.tabs.label')} tabs={tabs} selected={tab} onSelect={setTab}>
        {tab === 'overview' && <OverviewTab vm={vm} />}
        {tab === 'console' && <ScreenTab key={vm.path} vm={vm} />}
        {tab === 'settings' && <SettingsTab key={vm.path} vm={vm} />}
        {tab === 'events' && <EventsTab vm={vm} />}
      </Tabs>
    </PageFrame>
  );
}

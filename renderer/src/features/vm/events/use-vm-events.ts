/**
 * A VM's event log (vm.events), newest first. Read again whenever the VM changes (main logs every
 * change) and on `reload`.
 */
import type { CallOutput } from '../../../../../app/ipc/contract.js';
import { useApiQuery, type Query } from '../../../api/use-api-query.js';
import { useT } from '../../../i18n/context.js';
import { useHako } from '../../../store/context.js';

export type VmEvent = CallOutput<'vm.events'>[number];

export function useVmEvents(path: string): Query<VmEvent[]> {
  const { t } = useT();
  const revision = useHako((s) => s.revision[path] ?? 0);
  return useApiQuery(
    t('events.readFailed'),
    async (api) => [...(await api.invoke('vm.events', { path }))].sort((a, b) => b.time - a.time),
    `${path}\u0000${revision}`,
  );
}

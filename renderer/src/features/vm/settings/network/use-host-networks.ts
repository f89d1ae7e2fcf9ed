/** The host's virtual switches (networks.list), for choosing the one an adapter joins. */
import type { CallOutput } from '../../../../../../app/ipc/contract.js';
import { useApiQuery } from '../../../../api/use-api-query.js';
import { useT } from '../../../../i18n/context.js';

export type HostNetwork = CallOutput<'networks.list'>[number];

export function useHostNetworks(): readonly HostNetwork[] {
  const { t } = useT();
  return useApiQuery(t('settings.network.listFailed'), (api) => api.invoke('networks.list'), '').data ?? [];
}

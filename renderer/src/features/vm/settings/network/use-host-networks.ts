/** The host's virtual switches (networks.list), for choosing the one an adapter joins. */
import type { CallOutput } from '../../../../../../app/ipc/contract.js';
import { useApiQuery } from '../../../../api/use-api-query.js';

export type HostNetwork = CallOutput<'networks.list'>[number];

export function useHostNetworks(): readonly HostNetwork[] {
  return useApiQuery('Could not list the virtual switches', (api) => api.invoke('networks.list'), '').data ?? [];
}

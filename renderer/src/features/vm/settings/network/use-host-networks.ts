/** The host's virtual switches (networks.list), for choosing the one an adapter joins. */
import { useCallback } from 'react';
import { useApi } from '../../../../api/context.js';
import { useNetworks } from '../../../networks/use-networks.js';
import type { HostNetwork } from '../../../networks/switch-form.js';

export type { HostNetwork };

export function useHostNetworks(): { readonly networks: readonly HostNetwork[]; refresh(): Promise<readonly HostNetwork[]> } {
  const api = useApi();
  const { data, reload } = useNetworks();
  // A switch just made must be in the list before the adapter chooses it: read it now, and the query again.
  const refresh = useCallback(async () => {
    const list = await api.invoke('networks.list');
    reload();
    return list;
  }, [api, reload]);
  return { networks: data ?? [], refresh };
}

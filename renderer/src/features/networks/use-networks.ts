/** The host's virtual switches (networks.list) and what the switch manager does with them. */
import { useCallback } from 'react';
import type { HakoApi } from '../../../../app/ipc/contract.js';
import { useApi } from '../../api/context.js';
import { useApiQuery, type Query } from '../../api/use-api-query.js';
import { useT } from '../../i18n/context.js';
import { attempt, type Outcome } from '../../store/outcome.js';
import type { HostNetwork } from './switch-form.js';

export function useNetworks(): Query<readonly HostNetwork[]> {
  const { t } = useT();
  return useApiQuery(t('networks.listFailed'), (api) => api.invoke('networks.list'), '');
}

/**
 * A call whose failure the dialog that made it shows (a refused delete names the VMs in the dialog
 * itself), rather than a notification.
 */
export function useSwitchCall(): <T>(run: (api: HakoApi) => Promise<T>) => Promise<Outcome<T>> {
  const api = useApi();
  return useCallback(<T,>(run: (api: HakoApi) => Promise<T>) => attempt(() => run(api)), [api]);
}

/** The host's GPU paravirtualization interfaces (gpus.list), for the GPU picker; null until the first answer. */
import type { HostGpuDto } from '../../../../../../../app/ipc/contract.js';
import { useApiQuery, type Query } from '../../../../../api/use-api-query.js';
import { useT } from '../../../../../i18n/context.js';

export function useHostGpus(): Query<readonly HostGpuDto[]> {
  const { t } = useT();
  return useApiQuery(t('settings.gpu.listFailed'), (api) => api.invoke('gpus.list'), '');
}

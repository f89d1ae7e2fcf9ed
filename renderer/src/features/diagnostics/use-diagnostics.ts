/** What the host offers Hako (diagnostics.get), and opening the logs folder where the shell can. */
import type { Diagnostics } from '../../../../app/ipc/contract.js';
import { useApiCall } from '../../api/use-api-call.js';
import { useApiQuery, type Query } from '../../api/use-api-query.js';
import { useT } from '../../i18n/context.js';

export function useDiagnostics(): Query<Diagnostics> {
  const { t } = useT();
  return useApiQuery(t('diagnostics.readFailed'), (api) => api.invoke('diagnostics.get'), '');
}

export function useOpenLogsFolder(): () => void {
  const call = useApiCall();
  const { t } = useT();
  return () => void call(t('diagnostics.logsFailed'), (api) => api.invoke('app.openLogsFolder'));
}

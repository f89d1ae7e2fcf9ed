/** What the host offers Hako (diagnostics.get), and opening the logs folder where the shell can. */
import type { Diagnostics } from '../../../../app/ipc/contract.js';
import { useApiCall } from '../../api/use-api-call.js';
import { useApiQuery, type Query } from '../../api/use-api-query.js';

export function useDiagnostics(): Query<Diagnostics> {
  return useApiQuery('Could not read the diagnostics', (api) => api.invoke('diagnostics.get'), '');
}

export function useOpenLogsFolder(): () => void {
  const call = useApiCall();
  return () => void call('Could not open the logs folder', (api) => api.invoke('app.openLogsFolder'));
}

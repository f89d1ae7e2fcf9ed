/** Background operations in progress (disks, new and cloned VMs), and cancelling one. */
import { useShallow } from 'zustand/react/shallow';
import { useApiCall } from '../../api/use-api-call.js';
import { useT } from '../../i18n/context.js';
import { useHako } from '../../store/context.js';
import type { BackgroundOperation } from '../../store/index.js';

export function useBackgroundOperations(): { readonly operations: readonly BackgroundOperation[]; cancel(operationId: string): void } {
  const operations = useHako(useShallow((s) => Object.values(s.background)));
  const call = useApiCall();
  const { t } = useT();
  return { operations, cancel: (operationId) => void call(t('notifications.cancelFailed'), (api) => api.invoke('operations.cancel', { operationId })) };
}

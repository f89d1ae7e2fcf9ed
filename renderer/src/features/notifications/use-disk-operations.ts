/** Disk operations in progress, and cancelling one. */
import { useShallow } from 'zustand/react/shallow';
import { useApiCall } from '../../api/use-api-call.js';
import { useHako } from '../../store/context.js';
import type { DiskOperation } from '../../store/index.js';

export function useDiskOperations(): { readonly operations: readonly DiskOperation[]; cancel(operationId: string): void } {
  const operations = useHako(useShallow((s) => Object.values(s.disks)));
  const call = useApiCall();
  return { operations, cancel: (operationId) => void call('Could not cancel', (api) => api.invoke('disks.cancel', { operationId })) };
}

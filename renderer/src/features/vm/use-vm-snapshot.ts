/**
 * The VM page's one way to its VM's snapshot. The library holds only summaries (store/library.ts); the
 * page's whole snapshot is loaded (vm.get) when it opens and kept fresh from the events while it shows
 * (watchVm).
 */
import { useEffect } from 'react';
import type { VmSnapshotDto } from '../../../../app/ipc/contract.js';
import { useHako } from '../../store/context.js';

export function useVmSnapshot(path: string): VmSnapshotDto | undefined {
  const vm = useHako((s) => s.details[path]);
  const watchVm = useHako((s) => s.watchVm);
  useEffect(() => watchVm(path), [watchVm, path]);
  return vm;
}

/**
 * The VM page's one way to its VM's snapshot. Today the library's snapshots are whole; when the library
 * lists summaries, this is where the page loads the full snapshot (vm.get) when it opens.
 */
import type { VmSnapshotDto } from '../../../../app/ipc/contract.js';
import { useHako } from '../../store/context.js';

export function useVmSnapshot(path: string): VmSnapshotDto | undefined {
  return useHako((s) => s.vms[path]);
}

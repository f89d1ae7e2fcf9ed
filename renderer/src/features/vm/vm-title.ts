/** The name a VM goes by in the window: its configured Name, or its file's name (app/vm/labels.ts). */
import type { VmSnapshotDto } from '../../../../app/ipc/contract.js';
import { vmDisplayName } from '../../../../app/vm/labels.js';

export function vmTitle(snapshot: Pick<VmSnapshotDto, 'config' | 'path'>): string {
  return vmDisplayName(snapshot.config?.Name, snapshot.path);
}

/**
 * What the storage view says about a disk and what it lets the user do with it: the disk's kind in
 * words, and why resize or compact is not offered now. One place, so the card and the dialogs agree.
 */
import type { MessageKey } from '../../../../../../app/i18n/catalogue.js';
import type { DiskInfo } from './use-disk-info.js';

/** "VHDX, dynamically expanding". */
export function diskKindKey(info: DiskInfo): MessageKey {
  return info.type === 'differencing' ? 'storage.kind.differencing' : info.type === 'fixed' ? 'storage.kind.fixed' : 'storage.kind.dynamic';
}

/**
 * Why a disk cannot be resized now, or null. A running VM holds its disks (main refuses with DiskInUse);
 * a differencing disk takes its size from its parent (virtdisk refuses).
 */
export function resizeBlocker(info: DiskInfo | null, vmRuns: boolean): MessageKey | null {
  if (vmRuns) return 'storage.blocked.running';
  if (info === null) return 'storage.blocked.unread';
  if (info.type === 'differencing') return 'storage.blocked.differencing';
  return null;
}

/** Why a disk cannot be compacted now, or null: only a dynamically expanding disk has blocks to give back. */
export function compactBlocker(info: DiskInfo | null, vmRuns: boolean): MessageKey | null {
  if (vmRuns) return 'storage.blocked.running';
  if (info === null) return 'storage.blocked.unread';
  if (info.type === 'fixed') return 'storage.blocked.fixed';
  return null;
}

/**
 * What is wrong with a new size (bytes) for this disk, or null: shrinking goes no lower than where the
 * guest's partitions end (virtdisk's smallest safe size), and the format has its limits (checked by the
 * caller with app/disks/size.ts).
 */
export function shrinkProblem(info: DiskInfo, sizeBytes: number): { key: MessageKey; min: number } | null {
  if (sizeBytes >= info.virtualSize) return null;
  if (info.smallestSafeSize === null) return { key: 'storage.resize.noShrink', min: info.virtualSize };
  return sizeBytes < info.smallestSafeSize ? { key: 'storage.resize.belowSafe', min: info.smallestSafeSize } : null;
}

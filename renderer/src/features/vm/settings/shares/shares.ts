/** Rules for the shares form (reference/nanabox.md §2.2: Plan9Shares, VirtualSmbShares). */
import type { Plan9Share } from '../../../../../../app/config/model.js';

/** The port a new Plan 9 share is offered: 50001 (NanaBox's example), or one past the highest in use. */
export function nextPlan9Port(shares: readonly Plan9Share[]): number {
  const used = shares.map((s) => s.Port).filter((p): p is number => typeof p === 'number' && Number.isFinite(p));
  return used.length === 0 ? 50001 : Math.max(...used) + 1;
}

/** The share names Gpu.EnableHostDriverStore uses itself (NanaBox's driver shares). */
export const RESERVED_SHARE_NAMES = ['HostDriverStore', 'NanaBox.HostDrivers', 'NanaBox.HostLxssLib'] as const;

/** The driver share's name `name` would clash with, or null. */
export function reservedShareName(name: string, driverStoreShared: boolean): string | null {
  if (!driverStoreShared) return null;
  return RESERVED_SHARE_NAMES.find((r) => r.toLowerCase() === name.trim().toLowerCase()) ?? null;
}

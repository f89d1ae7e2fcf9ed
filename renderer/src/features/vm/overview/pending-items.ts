/**
 * What the "waits for a restart" banner lists: each top-level setting the running VM does not use yet,
 * with what the last "Apply what can change now" said about the settings under it (waits for a
 * restart, or could not be applied and why). A failed apply of a setting the list leaves out (network
 * adapters, whose generated values differ between file and VM) gets an entry of its own. Settings are
 * named by their JSON Pointers; the view words them in the window's language.
 */
import type { CallOutput } from '../../../../../app/ipc/contract.js';

export type ReloadOutcomeDto = CallOutput<'vm.reload'>[number];

export interface PendingDetail {
  /** JSON Pointer of the setting the outcome is about. */
  readonly path: string;
  readonly outcome: 'needs-restart' | 'failed';
  readonly message?: string;
}

export interface PendingItem {
  /** JSON Pointer of the top-level setting. */
  readonly path: string;
  readonly details: readonly PendingDetail[];
}

const topLevel = (pointer: string) => pointer.split('/').slice(0, 3).join('/');
const under = (pointer: string, top: string) => pointer === top || pointer.startsWith(`${top}/`);

export function pendingItems(pending: readonly string[], outcomes: readonly ReloadOutcomeDto[] = []): PendingItem[] {
  const open = outcomes.filter((o) => o.outcome !== 'applied');
  const detailsOf = (top: string): PendingDetail[] =>
    open.filter((o) => under(o.path, top)).map((o) => ({ path: o.path, outcome: o.outcome as PendingDetail['outcome'], ...(o.error ? { message: o.error.message } : {}) }));
  const items = pending.map((path) => ({ path, details: detailsOf(path) }));
  const failedElsewhere = [...new Set(open.filter((o) => o.outcome === 'failed' && !pending.some((p) => under(o.path, p))).map((o) => topLevel(o.path)))];
  return [...items, ...failedElsewhere.map((path) => ({ path, details: detailsOf(path).filter((d) => d.outcome === 'failed') }))];
}

/** What the last apply changed on the running VM. */
export function appliedOutcomes(outcomes: readonly ReloadOutcomeDto[] = []): ReloadOutcomeDto[] {
  return outcomes.filter((o) => o.outcome === 'applied');
}

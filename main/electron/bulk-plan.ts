/**
 * Saving or shutting down every running VM at once (the quit dialog, a Windows session end): what to do
 * to each VM, and what to do when a shut down does not finish in time.
 */
import type { Translator } from '../../app/i18n/translator.js';
import { type VmSummary } from './shell-state.js';

export type BulkAction = 'save' | 'shutdown';

export interface PlannedAction {
  readonly path: string;
  readonly action: BulkAction;
}

/**
 * What to do to each VM for a bulk save or shut down (quit dialog, Windows session end). A paused VM
 * cannot shut down (its guest does not run), so it is saved. VMs in a transition (starting, saving,
 * stopping) are left to finish it.
 */
export function bulkPlan(vms: readonly VmSummary[], wanted: BulkAction): PlannedAction[] {
  const plan: PlannedAction[] = [];
  for (const vm of vms) {
    if (vm.state === 'Running') plan.push({ path: vm.path, action: wanted === 'shutdown' && vm.actions.includes('shutdown') ? 'shutdown' : 'save' });
    else if (vm.state === 'Paused') plan.push({ path: vm.path, action: 'save' });
  }
  return plan;
}

/** Outcome of one planned action. */
export interface ActionOutcome {
  readonly path: string;
  readonly action: BulkAction;
  /** The VM is no longer running (saved or stopped). */
  readonly done: boolean;
  readonly error?: string;
}

/**
 * A Windows session end: the preference's action for every running VM; a shut down that did not finish
 * in time falls back to saving (so the guest's state survives rather than being cut off).
 */
export function sessionEndFallback(outcome: ActionOutcome): PlannedAction | null {
  return outcome.action === 'shutdown' && !outcome.done ? { path: outcome.path, action: 'save' } : null;
}

/** The shutdown-block reason Windows shows while Hako holds a session end. */
export function sessionEndReason(count: number, action: BulkAction, tr: Translator): string {
  return tr.t(action === 'save' ? 'sessionEnd.save' : 'sessionEnd.shutdown', { count });
}

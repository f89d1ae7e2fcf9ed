/**
 * Saves or shuts down several VMs at once (quit dialog, Windows session end) through the contract's
 * calls, all VMs in parallel (each VM's own queue orders its operations). A shut down that the guest
 * does not finish in time can fall back to saving. No Electron here.
 */
import type { Dispatch } from '../../app/ipc/dispatch.js';
import { sessionEndFallback, type ActionOutcome, type PlannedAction } from './bulk-plan.js';
import { call } from './services.js';

export interface BulkOptions {
  /** When a shut down times out, save instead (Windows session end). */
  readonly fallbackToSave: boolean;
  readonly onError?: (action: PlannedAction, error: unknown) => void;
}

async function runOne(dispatch: Dispatch, planned: PlannedAction, options: BulkOptions): Promise<ActionOutcome> {
  try {
    if (planned.action === 'save') {
      await call(dispatch, 'vm.save', { path: planned.path });
      return { ...planned, done: true };
    }
    const result = await call(dispatch, 'vm.shutdown', { path: planned.path });
    const outcome: ActionOutcome = { ...planned, done: result.stopped };
    const fallback = options.fallbackToSave ? sessionEndFallback(outcome) : null;
    return fallback === null ? outcome : await runOne(dispatch, fallback, options);
  } catch (error) {
    options.onError?.(planned, error);
    return { ...planned, done: false, error: error instanceof Error ? error.message : String(error) };
  }
}

export async function runPlan(dispatch: Dispatch, plan: readonly PlannedAction[], options: BulkOptions): Promise<ActionOutcome[]> {
  return Promise.all(plan.map((planned) => runOne(dispatch, planned, options)));
}

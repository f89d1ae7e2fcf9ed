/**
 * The life of a VM as Hako shows it, and which actions make sense in each state. Both the service (to
 * refuse what cannot work) and the UI (to enable buttons) use these rules.
 */

export const VM_STATES = ['Stopped', 'Starting', 'Running', 'Paused', 'Saving', 'Saved', 'Stopping', 'Error'] as const;
export type VmState = (typeof VM_STATES)[number];

export const VM_ACTIONS = ['start', 'shutdown', 'powerOff', 'pause', 'resume', 'save', 'restart', 'crash', 'reload'] as const;
export type VmAction = (typeof VM_ACTIONS)[number];

const ALLOWED: Readonly<Record<VmState, readonly VmAction[]>> = {
  Stopped: ['start'],
  // Starting resumes from the save file.
  Saved: ['start'],
  // The last start failed, or the VM stopped unexpectedly: nothing runs.
  Error: ['start'],
  // Power off is the way out of every transitional state: it pre-empts whatever is queued.
  Starting: ['powerOff'],
  Stopping: ['powerOff'],
  Saving: ['powerOff'],
  Running: ['shutdown', 'powerOff', 'pause', 'save', 'restart', 'crash', 'reload'],
  Paused: ['resume', 'powerOff', 'save', 'reload'],
};

export interface ActionContext {
  /** The host has HcsCrashComputeSystem. */
  readonly canCrash: boolean;
}

export function allowedActions(state: VmState, context: ActionContext): VmAction[] {
  return ALLOWED[state].filter((action) => action !== 'crash' || context.canCrash);
}

export function isAllowed(action: VmAction, state: VmState, context: ActionContext): boolean {
  return allowedActions(state, context).includes(action);
}

/** A compute system exists for the VM in these states. */
export function isLive(state: VmState): boolean {
  return state === 'Starting' || state === 'Running' || state === 'Paused' || state === 'Saving' || state === 'Stopping';
}

/** The VM's console (its session pipes) can be reached in these states: it runs, or is paused. */
export function hasScreen(state: VmState): boolean {
  return state === 'Running' || state === 'Paused';
}

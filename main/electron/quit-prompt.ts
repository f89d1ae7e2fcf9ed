/**
 * What Hako asks when it quits while VMs run, and what each answer does.
 */
import { bulkPlan, type PlannedAction } from './bulk-plan.js';
import { type VmSummary } from './shell-state.js';

export type QuitChoice = 'leave' | 'save' | 'shutdown' | 'cancel';

export interface QuitPrompt {
  readonly message: string;
  readonly detail: string;
  readonly choices: readonly { readonly choice: QuitChoice; readonly label: string }[];
  /** Index into choices of the default button. */
  readonly defaultIndex: number;
  /** Index into choices chosen by Escape / closing the dialog. */
  readonly cancelIndex: number;
}

/**
 * The question asked when Hako quits while VMs run; null when nothing runs. "Leave running" is offered
 * only when VMs outlive Hako (the `keepVmsRunning` preference); otherwise closing Hako's handles would
 * turn them off, and the honest choices are save, shut down or cancel.
 */
export function quitPrompt(running: readonly string[], options: { readonly keepVmsRunning: boolean }): QuitPrompt | null {
  if (running.length === 0) return null;
  const one = running.length === 1;
  const list = running.length <= 5 ? running.join(', ') : `${running.slice(0, 5).join(', ')} and ${running.length - 5} more`;
  const message = one ? `The virtual machine ${running[0]} is running.` : `${running.length} virtual machines are running: ${list}.`;
  const risk =
    'While Hako is closed nothing looks after running virtual machines: when Windows shuts down, restarts or signs you out, ' +
    'the host turns them off without saving, as if their power cord were pulled.';
  const detail = options.keepVmsRunning
    ? `If you leave ${one ? 'it' : 'them'} running, Hako re-attaches next time it starts. ${risk}`
    : `Hako is set to stop its virtual machines when it closes. Save ${one ? 'it' : 'them'} to resume later where ${one ? 'it' : 'they'} left off.`;
  const all = one ? '' : ' all';
  const choices: { choice: QuitChoice; label: string }[] = [];
  if (options.keepVmsRunning) choices.push({ choice: 'leave', label: 'Leave running' });
  choices.push({ choice: 'save', label: `Save${all}` }, { choice: 'shutdown', label: `Shut down${all}` }, { choice: 'cancel', label: 'Cancel' });
  return { message, detail, choices, defaultIndex: choices.findIndex((c) => c.choice === 'save'), cancelIndex: choices.length - 1 };
}

export type QuitDecision = { readonly kind: 'quit' } | { readonly kind: 'cancel' } | { readonly kind: 'act'; readonly plan: PlannedAction[] };

export function quitDecision(choice: QuitChoice, vms: readonly VmSummary[]): QuitDecision {
  switch (choice) {
    case 'leave':
      return { kind: 'quit' };
    case 'cancel':
      return { kind: 'cancel' };
    case 'save':
    case 'shutdown':
      return { kind: 'act', plan: bulkPlan(vms, choice) };
  }
}


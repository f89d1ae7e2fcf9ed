/**
 * What Hako asks when it quits while VMs run, and what each answer does.
 */
import type { Translator } from '../../app/i18n/translator.js';
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
export function quitPrompt(running: readonly string[], options: { readonly keepVmsRunning: boolean; readonly tr: Translator }): QuitPrompt | null {
  if (running.length === 0) return null;
  const { tr } = options;
  const count = running.length;
  const separator = tr.t('common.listSeparator');
  const list = count <= 5 ? running.join(separator) : tr.t('quit.listMore', { list: running.slice(0, 5).join(separator), count: count - 5 });
  const message = count === 1 ? tr.t('quit.one', { name: running[0] }) : tr.t('quit.many', { count, list });
  const detail = options.keepVmsRunning ? tr.t('quit.detail.leave', { count, risk: tr.t('quit.risk') }) : tr.t('quit.detail.stop', { count });
  const choices: { choice: QuitChoice; label: string }[] = [];
  if (options.keepVmsRunning) choices.push({ choice: 'leave', label: tr.t('quit.leave') });
  choices.push({ choice: 'save', label: tr.t('quit.save', { count }) }, { choice: 'shutdown', label: tr.t('quit.shutdown', { count }) }, { choice: 'cancel', label: tr.t('quit.cancel') });
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


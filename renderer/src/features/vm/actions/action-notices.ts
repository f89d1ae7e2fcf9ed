/**
 * What the user is told after a VM action: a failure with its code and advice, a shutdown the guest
 * did not finish in time, and what "apply settings now" applied. Success needs no words (the state
 * badge changes).
 */
import { ACTION_LABELS } from '../../../../../app/vm/labels.js';
import type { VmAction } from '../../../../../app/vm/state.js';
import type { ActionOutcome, ActionResult, Notice } from '../../../store/index.js';

export function actionNotice<A extends VmAction>(vmName: string, action: A, outcome: ActionOutcome<A>): Notice | null {
  if (outcome.status === 'busy') return null;
  if (outcome.status === 'failed') return { kind: 'message', tone: 'error', title: `${ACTION_LABELS[action]} failed for ${vmName}`, error: outcome.error };
  if (action === 'shutdown') return shutdownNotice(vmName, outcome.result as ActionResult<'shutdown'>);
  if (action === 'reload') return reloadNotice(outcome.result as ActionResult<'reload'>);
  return null;
}

function shutdownNotice(vmName: string, result: ActionResult<'shutdown'>): Notice | null {
  if (result.stopped) return null;
  return {
    kind: 'message',
    tone: 'info',
    title: `${vmName} is still running`,
    message: 'The guest did not shut down in time. Give it longer, or power it off.',
  };
}

/** What "Apply what can change now" did, setting by setting, in words ("Memory: applied now."). */
function reloadNotice(result: ActionResult<'reload'>): Notice {
  const applied = result.filter((o) => o.outcome === 'applied');
  const waiting = result.filter((o) => o.outcome === 'needs-restart');
  const failed = result.filter((o) => o.outcome === 'failed');
  const names = (outcomes: typeof result) => outcomes.map((o) => o.setting).join(', ');
  const sentences = [
    applied.length > 0 ? `Applied now: ${names(applied)}.` : '',
    waiting.length > 0 ? `${waiting.length === 1 ? 'Waits' : 'Wait'} for a restart: ${names(waiting)}.` : '',
    ...failed.map((f) => `${f.setting} could not be applied${f.error ? `: ${f.error.message.replace(/\.$/, '')}` : ''}.`),
  ];
  return {
    kind: 'message',
    tone: failed.length > 0 ? 'error' : applied.length > 0 ? 'success' : 'info',
    title: failed.length > 0 ? 'Some settings could not be applied' : applied.length > 0 ? 'Settings applied' : 'Nothing could change while the VM runs',
    message: result.length === 0 ? 'The running VM already uses what the file says.' : sentences.filter(Boolean).join(' '),
  };
}

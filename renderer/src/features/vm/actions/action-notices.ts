/**
 * What the user is told after a VM action: a failure with its code and advice, a shutdown the guest
 * did not finish in time, that an NMI went out (nothing else shows it), and what "apply settings now"
 * applied. Other successes need no words (the state badge changes, and the state is announced).
 */
import type { VmConfig } from '../../../../../app/config/model.js';
import { actionLabel, errorText, settingLabelText } from '../../../../../app/i18n/text.js';
import type { Translator } from '../../../../../app/i18n/translator.js';
import type { VmAction } from '../../../../../app/vm/state.js';
import type { ActionOutcome, ActionResult, Notice } from '../../../store/index.js';

export function actionNotice<A extends VmAction>(tr: Translator, vmName: string, action: A, outcome: ActionOutcome<A>, config?: VmConfig | null): Notice | null {
  if (outcome.status === 'busy') return null;
  if (outcome.status === 'failed') {
    return { kind: 'message', tone: 'error', title: tr.t('vm.notice.failed', { action: actionLabel(tr, action), name: vmName }), error: outcome.error };
  }
  if (action === 'shutdown') return shutdownNotice(tr, vmName, outcome.result as ActionResult<'shutdown'>);
  if (action === 'reload') return reloadNotice(tr, outcome.result as ActionResult<'reload'>, config);
  if (action === 'crash') return { kind: 'message', tone: 'info', title: tr.t('vm.notice.nmiSent', { name: vmName }), message: tr.t('vm.notice.nmiSent.body') };
  return null;
}

function shutdownNotice(tr: Translator, vmName: string, result: ActionResult<'shutdown'>): Notice | null {
  if (result.stopped) return null;
  return { kind: 'message', tone: 'info', title: tr.t('vm.notice.stillRunning', { name: vmName }), message: tr.t('vm.notice.stillRunning.body') };
}

/** What "Apply what can change now" did, setting by setting, by the catalogue's names ("Applied now: Memory."). */
function reloadNotice(tr: Translator, result: ActionResult<'reload'>, config: VmConfig | null | undefined): Notice {
  const applied = result.filter((o) => o.outcome === 'applied');
  const waiting = result.filter((o) => o.outcome === 'needs-restart');
  const failed = result.filter((o) => o.outcome === 'failed');
  // Settings by the catalogue's names (main's `setting` is English), errors by their code.
  const names = (outcomes: typeof result) => tr.list(outcomes.map((o) => settingLabelText(tr, o.path, config)));
  const sentences = [
    applied.length > 0 ? tr.t('vm.notice.reload.appliedList', { list: names(applied) }) : '',
    waiting.length > 0 ? tr.t('vm.notice.reload.waitingList', { count: waiting.length, list: names(waiting) }) : '',
    ...failed.map((f) => {
      const setting = settingLabelText(tr, f.path, config);
      return f.error ? tr.t('vm.notice.reload.failedItem', { setting, error: errorText(tr, f.error).message }) : tr.t('vm.notice.reload.failedPlain', { setting });
    }),
  ];
  return {
    kind: 'message',
    tone: failed.length > 0 ? 'error' : applied.length > 0 ? 'success' : 'info',
    title: tr.t(failed.length > 0 ? 'vm.notice.reload.failed' : applied.length > 0 ? 'vm.notice.reload.done' : 'vm.notice.reload.nothingApplied'),
    message: result.length === 0 ? tr.t('vm.notice.reload.unchanged') : sentences.filter(Boolean).join(' '),
  };
}

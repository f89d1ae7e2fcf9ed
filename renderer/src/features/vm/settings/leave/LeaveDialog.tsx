/**
 * The question when the user leaves settings with unsaved edits (another tab, VM or page, or Hako
 * quitting): Save / Discard / Cancel. Saving stops at what saving itself asks (consent, a conflict) or
 * refuses (marked settings); the user then stays on the settings with the draft.
 */
import { useT } from '../../../../i18n/context.js';
import { Button } from '../../../../kit/Button/Button.js';
import { Dialog } from '../../../../kit/Dialog/Dialog.js';
import { useHako } from '../../../../store/context.js';
import { useEditorState } from '../editor/hooks.js';

export function LeaveDialog({ vmName }: { readonly vmName: string }) {
  const { t } = useT();
  const leaving = useHako((s) => s.leaving);
  const answer = useHako((s) => s.answerLeave);
  const saving = useEditorState((s) => s.saving);
  const errorCount = useEditorState((s) => s.issues.filter((f) => f.severity === 'error').length);
  if (leaving === null) return null;
  const cancel = () => void answer('cancel');
  return (
    <Dialog
      alert
      title={t(leaving.kind === 'quit' ? 'settings.leave.titleQuit' : 'settings.leave.title', { name: vmName })}
      onClose={cancel}
      footer={
        <>
          <Button variant="primary" icon="save" autoFocus={errorCount === 0} disabled={saving || errorCount > 0} onClick={() => void answer('save')}>
            {saving ? t('settings.status.saving') : t('settings.save')}
          </Button>
          <Button variant="danger" disabled={saving} onClick={() => void answer('discard')}>
            {t('settings.discard')}
          </Button>
          <Button autoFocus={errorCount > 0} disabled={saving} onClick={cancel}>
            {t('common.cancel')}
          </Button>
        </>
      }
    >
      <p>{t('settings.leave.body', { name: vmName })}</p>
      {errorCount > 0 && <p>{t('settings.leave.invalid', { count: errorCount })}</p>}
    </Dialog>
  );
}

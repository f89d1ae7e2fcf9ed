/**
 * The question when the user leaves settings with unsaved edits (another tab, VM or page, or Hako
 * quitting): Save / Discard / Cancel. Saving stops at what saving itself asks (consent, a conflict) or
 * refuses (marked settings); the user then stays on the settings with the draft.
 */
import { Button } from '../../../../kit/Button/Button.js';
import { Dialog } from '../../../../kit/Dialog/Dialog.js';
import { useHako } from '../../../../store/context.js';
import { useEditorState } from '../editor/hooks.js';

export function LeaveDialog({ vmName }: { readonly vmName: string }) {
  const leaving = useHako((s) => s.leaving);
  const answer = useHako((s) => s.answerLeave);
  const saving = useEditorState((s) => s.saving);
  const errorCount = useEditorState((s) => s.issues.filter((f) => f.severity === 'error').length);
  if (leaving === null) return null;
  const cancel = () => void answer('cancel');
  return (
    <Dialog
      alert
      title={leaving.kind === 'quit' ? `Save the changes to ${vmName} before Hako quits?` : `Save the changes to ${vmName}?`}
      onClose={cancel}
      footer={
        <>
          <Button variant="primary" icon="save" autoFocus={errorCount === 0} disabled={saving || errorCount > 0} onClick={() => void answer('save')}>
            {saving ? 'Saving…' : 'Save'}
          </Button>
          <Button variant="danger" disabled={saving} onClick={() => void answer('discard')}>
            Discard
          </Button>
          <Button autoFocus={errorCount > 0} disabled={saving} onClick={cancel}>
            Cancel
          </Button>
        </>
      }
    >
      <p>Your changes to the settings of {vmName} are not saved. Discarding them keeps the file as it is.</p>
      {errorCount > 0 && (
        <p>
          {errorCount === 1 ? 'One setting needs' : `${errorCount} settings need`} attention before the changes can be saved: choose Cancel to fix{' '}
          {errorCount === 1 ? 'it' : 'them'}, or discard the changes.
        </p>
      )}
    </Dialog>
  );
}

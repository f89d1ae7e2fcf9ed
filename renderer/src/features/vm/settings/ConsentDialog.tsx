/** Before a save that replaces values NanaBox reads differently: what will change, and the user's answer. */
import { Button } from '../../../kit/Button/Button.js';
import { Dialog } from '../../../kit/Dialog/Dialog.js';
import { FindingList } from '../findings/FindingList.js';
import type { FindingLike } from '../findings/findings.js';
import { useEditorState } from './editor/hooks.js';

export function ConsentDialog({ findings }: { readonly findings: readonly FindingLike[] }) {
  const saving = useEditorState((s) => s.saving);
  const confirm = useEditorState((s) => s.confirmConsent);
  const cancel = useEditorState((s) => s.cancelConsent);
  return (
    <Dialog
      alert
      wide
      title="Saving will change what the file says"
      onClose={cancel}
      footer={
        <>
          <Button variant="primary" disabled={saving} onClick={() => void confirm()}>
            Save and replace
          </Button>
          <Button autoFocus onClick={cancel}>
            Cancel
          </Button>
        </>
      }
    >
      <p>
        The file holds values that NanaBox reads differently from how they are written. Saving writes what NanaBox actually uses, so the values below will be
        replaced or dropped. Keys NanaBox does not know are kept.
      </p>
      {findings.length > 0 ? <FindingList findings={findings} label="What saving replaces" /> : <p className="muted">The file on disk changed in ways that saving would replace.</p>}
    </Dialog>
  );
}

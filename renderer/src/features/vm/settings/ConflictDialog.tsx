/** The file changed on disk while it was edited: reload it, overwrite it, or keep editing. */
import { Button } from '../../../kit/Button/Button.js';
import { Chip } from '../../../kit/Chip/Chip.js';
import { Dialog } from '../../../kit/Dialog/Dialog.js';
import { useEditorState } from './editor/hooks.js';

export function ConflictDialog() {
  const path = useEditorState((s) => s.path);
  const reload = useEditorState((s) => s.reloadFromDisk);
  const overwrite = useEditorState((s) => s.overwrite);
  const dismiss = useEditorState((s) => s.dismissConflict);
  return (
    <Dialog
      alert
      title="The file changed on disk"
      onClose={dismiss}
      footer={
        <>
          <Button variant="primary" icon="refresh" onClick={() => void reload()}>
            Reload from disk
          </Button>
          <Button variant="danger" onClick={() => void overwrite()}>
            Overwrite with my changes
          </Button>
          <Button autoFocus onClick={dismiss}>
            Keep editing
          </Button>
        </>
      }
    >
      <p>
        Another program (or NanaBox, or a VM start writing back generated values) saved <Chip>{path}</Chip> after you opened it. Reload to see its version (your
        unsaved changes are lost), or overwrite it with yours.
      </p>
    </Dialog>
  );
}

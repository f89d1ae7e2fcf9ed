/** Whether the draft is saved, what blocks saving, and Save and Discard. */
import { Button } from '../../../kit/Button/Button.js';
import { Icon } from '../../../kit/Icon/Icon.js';
import { Spinner } from '../../../kit/Spinner/Spinner.js';
import { useEditorState } from './editor/hooks.js';
import './SaveBar.css';

function statusText(saving: boolean, errorCount: number, dirty: boolean, saved: boolean): string {
  if (saving) return 'Saving…';
  if (errorCount > 0) return `${errorCount} setting${errorCount === 1 ? ' needs' : 's need'} attention`;
  if (dirty) return 'Unsaved changes';
  return saved ? 'All changes saved' : 'No changes';
}

export function SaveBar() {
  const dirty = useEditorState((s) => s.dirty);
  const saving = useEditorState((s) => s.saving);
  const validating = useEditorState((s) => s.validating);
  const saveError = useEditorState((s) => s.saveError);
  const saved = useEditorState((s) => s.savedAt !== null);
  const errorCount = useEditorState((s) => s.issues.filter((f) => f.severity === 'error').length);
  const discard = useEditorState((s) => s.discard);
  const save = useEditorState((s) => s.save);
  return (
    <div className="savebar" role="region" aria-label="Save settings">
      <div className="savebar-status" role="status">
        <Icon name={errorCount > 0 ? 'error' : dirty ? 'info' : 'check'} className={errorCount > 0 ? 'text-danger' : dirty ? 'text-accent' : 'text-success'} />
        <span>{statusText(saving, errorCount, dirty, saved)}</span>
        {validating && <Spinner label="Checking" size="small" />}
      </div>
      {saveError && (
        <p className="savebar-error" role="alert">
          {saveError.message}
        </p>
      )}
      <div className="savebar-actions">
        <Button onClick={discard} disabled={!dirty || saving}>
          Discard
        </Button>
        <Button variant="primary" icon="save" onClick={() => void save()} disabled={!dirty || saving || errorCount > 0}>
          Save
        </Button>
      </div>
    </div>
  );
}

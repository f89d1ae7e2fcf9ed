/**
 * The file changed on disk while it was edited: what differs (the user's version beside the one on
 * disk), then reload it, overwrite it, or keep editing.
 */
import { settingLabelText } from '../../../../../app/i18n/text.js';
import { useT } from '../../../i18n/context.js';
import { Button } from '../../../kit/Button/Button.js';
import { Chip } from '../../../kit/Chip/Chip.js';
import { CodeInline } from '../../../kit/CodeBlock/CodeInline.js';
import { Dialog } from '../../../kit/Dialog/Dialog.js';
import { Spinner } from '../../../kit/Spinner/Spinner.js';
import { Table } from '../../../kit/Table/Table.js';
import { pointerLabel } from '../findings/findings.js';
import { conflictDiff } from './conflict-diff.js';
import { useEditorState } from './editor/hooks.js';

/** More rows than this and the table says how many more: the dialog stays a question, not a report. */
const MAX_ROWS = 12;

export function ConflictDialog() {
  const tr = useT();
  const { t } = tr;
  const path = useEditorState((s) => s.path);
  const draft = useEditorState((s) => s.draft);
  const onDisk = useEditorState((s) => s.conflictFile);
  const reload = useEditorState((s) => s.reloadFromDisk);
  const overwrite = useEditorState((s) => s.overwrite);
  const dismiss = useEditorState((s) => s.dismissConflict);
  const rows = draft !== null && onDisk !== null ? conflictDiff(draft, onDisk) : null;
  const [before, after] = t('conflict.body', { path: '\u0000' }).split('\u0000');
  return (
    <Dialog
      alert
      wide
      title={t('conflict.title')}
      onClose={dismiss}
      footer={
        <>
          <Button variant="primary" icon="refresh" onClick={() => void reload()}>
            {t('conflict.reload')}
          </Button>
          <Button variant="danger" onClick={() => void overwrite()}>
            {t('conflict.overwrite')}
          </Button>
          <Button autoFocus onClick={dismiss}>
            {t('conflict.keepEditing')}
          </Button>
        </>
      }
    >
      <p>
        {before}
        <Chip>{path}</Chip>
        {after}
      </p>
      {rows === null ? (
        <Spinner label={t('conflict.reading')} />
      ) : rows.length === 0 ? (
        <p className="muted">{t('conflict.noDiff')}</p>
      ) : (
        <Table label={t('conflict.diff')} className="conflict-diff">
          <thead>
            <tr>
              <th scope="col">{t('conflict.setting')}</th>
              <th scope="col">{t('conflict.yours')}</th>
              <th scope="col">{t('conflict.onDisk')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.slice(0, MAX_ROWS).map((row) => (
              <tr key={row.pointer}>
                <th scope="row" title={row.pointer}>
                  {settingLabelText(tr, row.pointer, onDisk?.config)}
                  <span className="muted small conflict-pointer">{pointerLabel(tr, row.pointer)}</span>
                </th>
                <td>{row.yours === undefined ? <span className="muted">{t('conflict.absent')}</span> : <CodeInline>{row.yours}</CodeInline>}</td>
                <td>{row.onDisk === undefined ? <span className="muted">{t('conflict.absent')}</span> : <CodeInline>{row.onDisk}</CodeInline>}</td>
              </tr>
            ))}
          </tbody>
          {rows.length > MAX_ROWS && (
            <tfoot>
              <tr>
                <td colSpan={3} className="muted">
                  {t('conflict.moreRows', { count: rows.length - MAX_ROWS })}
                </td>
              </tr>
            </tfoot>
          )}
        </Table>
      )}
    </Dialog>
  );
}

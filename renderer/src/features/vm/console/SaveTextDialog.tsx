/**
 * Saves a console's scroll-back as a text file the user names (a `.txt` or `.log`; main's path guard
 * says so when it is not). The text is the terminal's buffer at the moment of saving.
 */
import { useState, type FormEvent } from 'react';
import { describeError, type ShownError } from '../../../errors/shown-error.js';
import { useApi } from '../../../api/context.js';
import { useT } from '../../../i18n/context.js';
import { Button } from '../../../kit/Button/Button.js';
import { Dialog } from '../../../kit/Dialog/Dialog.js';
import { ErrorDetails } from '../../../kit/ErrorDetails/ErrorDetails.js';
import { TextField } from '../../../kit/TextField/TextField.js';
import { useHako } from '../../../store/context.js';
import { saveParts } from './console-text.js';

export function SaveTextDialog({
  port,
  initialPath,
  text,
  onClose,
}: {
  readonly port: string;
  readonly initialPath: string;
  /** Reads the terminal's text when the user saves. */
  readonly text: () => string;
  readonly onClose: () => void;
}) {
  const { t } = useT();
  const api = useApi();
  const notify = useHako((s) => s.notify);
  const [path, setPath] = useState(initialPath);
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<ShownError | null>(null);

  const save = async (event?: FormEvent) => {
    event?.preventDefault();
    if (saving || path.trim() === '') return;
    setSaving(true);
    setError(null);
    try {
      for (const part of saveParts(text())) await api.invoke('console.saveText', { path: path.trim(), ...part });
      notify({ kind: 'message', tone: 'success', title: t('console.save.done', { path: path.trim() }) });
      onClose();
    } catch (failure) {
      setError(describeError(failure));
      setSaving(false);
    }
  };

  return (
    <Dialog
      title={t('console.save.title', { port })}
      onClose={onClose}
      footer={
        <>
          <Button variant="primary" icon="save" disabled={saving || path.trim() === ''} onClick={() => void save()}>
            {t('console.save.confirm')}
          </Button>
          <Button onClick={onClose}>{t('common.cancel')}</Button>
        </>
      }
    >
      <form onSubmit={(event) => void save(event)}>
        <TextField label={t('console.save.path')} help={t('console.save.pathHelp')} value={path} onChange={setPath} mono autoFocus />
      </form>
      {error && <ErrorDetails error={error} />}
    </Dialog>
  );
}

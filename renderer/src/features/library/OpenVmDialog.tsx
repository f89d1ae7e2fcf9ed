/**
 * Open a VM by typing its path: the browser host has no file dialog (and Electron falls back here if
 * its dialog is unavailable). Recent files are one click away.
 */
import { useId, useState } from 'react';
import { vmPathSchema } from '../../../../app/ipc/contract.js';
import { useT } from '../../i18n/context.js';
import { Button } from '../../kit/Button/Button.js';
import { Dialog } from '../../kit/Dialog/Dialog.js';
import { TextField } from '../../kit/TextField/TextField.js';
import { RecentFiles } from './RecentFiles.js';
import { useOpenPath } from './use-library-actions.js';
import { useRecentFiles } from './use-recent-files.js';
import './OpenVmDialog.css';

/** Whether a typed path is wrong before main is asked (by the contract's own rule). */
export function isBadVmPath(path: string): boolean {
  return path !== '' && !vmPathSchema.safeParse(path).success;
}

export function OpenVmDialog({ onClose }: { readonly onClose: () => void }) {
  const { t } = useT();
  const openPath = useOpenPath();
  const recent = useRecentFiles();
  const recentId = useId();
  const [path, setPath] = useState('');
  const [busy, setBusy] = useState(false);
  const trimmed = path.trim();
  const problem = isBadVmPath(trimmed) ? t('open.notA7b') : undefined;
  const canOpen = !busy && trimmed !== '' && problem === undefined;

  const open = async (target: string) => {
    setBusy(true);
    const opened = await openPath(target);
    setBusy(false);
    if (opened) onClose();
  };

  return (
    <Dialog
      title={t('open.title')}
      onClose={onClose}
      footer={
        <>
          <Button variant="primary" type="submit" disabled={!canOpen} onClick={() => void open(trimmed)}>
            {t('open.open')}
          </Button>
          <Button onClick={onClose}>{t('common.cancel')}</Button>
        </>
      }
    >
      <form
        className="stack"
        onSubmit={(event) => {
          event.preventDefault();
          if (canOpen) void open(trimmed);
        }}
      >
        <TextField
          label={t('open.path')}
          value={path}
          onChange={setPath}
          placeholder={t('open.placeholder')}
          help={t('open.help')}
          errors={problem ? [problem] : []}
          mono
          autoFocus
        />
      </form>
      {recent.length > 0 && (
        <div className="open-recent">
          <h3 className="subheading" id={recentId}>
            {t('open.recent')}
          </h3>
          <RecentFiles paths={recent.slice(0, 6)} labelledBy={recentId} onOpen={(p) => void open(p)} disabled={busy} />
        </div>
      )}
    </Dialog>
  );
}

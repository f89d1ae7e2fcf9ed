/**
 * Open a VM by typing its path: the browser host has no file dialog (and Electron falls back here if
 * its dialog is unavailable). Recent files are one click away.
 */
import { useId, useState } from 'react';
import { vmPathSchema } from '../../../../app/ipc/contract.js';
import { Button } from '../../kit/Button/Button.js';
import { Dialog } from '../../kit/Dialog/Dialog.js';
import { TextField } from '../../kit/TextField/TextField.js';
import { RecentFiles } from './RecentFiles.js';
import { useOpenPath } from './use-library-actions.js';
import { useRecentFiles } from './use-recent-files.js';
import './OpenVmDialog.css';

/** What is wrong with a typed path before main is asked (by the contract's own rule), or undefined. */
export function vmPathProblem(path: string): string | undefined {
  return path === '' || vmPathSchema.safeParse(path).success ? undefined : 'A VM file name ends in .7b.';
}

export function OpenVmDialog({ onClose }: { readonly onClose: () => void }) {
  const openPath = useOpenPath();
  const recent = useRecentFiles();
  const recentId = useId();
  const [path, setPath] = useState('');
  const [busy, setBusy] = useState(false);
  const trimmed = path.trim();
  const problem = vmPathProblem(trimmed);
  const canOpen = !busy && trimmed !== '' && problem === undefined;

  const open = async (target: string) => {
    setBusy(true);
    const opened = await openPath(target);
    setBusy(false);
    if (opened) onClose();
  };

  return (
    <Dialog
      title="Open a virtual machine"
      onClose={onClose}
      footer={
        <>
          <Button variant="primary" type="submit" disabled={!canOpen} onClick={() => void open(trimmed)}>
            Open
          </Button>
          <Button onClick={onClose}>Cancel</Button>
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
          label="Path of the .7b file"
          value={path}
          onChange={setPath}
          placeholder="D:\VMs\MyVM\MyVM.7b"
          help="The full path on the computer where Hako runs. The VM's disks are found relative to this file."
          errors={problem ? [problem] : []}
          mono
          autoFocus
        />
      </form>
      {recent.length > 0 && (
        <div className="open-recent">
          <h3 className="subheading" id={recentId}>
            Recent
          </h3>
          <RecentFiles paths={recent.slice(0, 6)} labelledBy={recentId} onOpen={(p) => void open(p)} disabled={busy} />
        </div>
      )}
    </Dialog>
  );
}

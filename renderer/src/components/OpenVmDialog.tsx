/**
 * Open a VM by typing its path: the browser host has no file dialog (and Electron falls back here if
 * its dialog is unavailable). Recent files are one click away.
 */
import { useEffect, useState } from 'react';
import { useHako } from '../context.js';
import { fileTitle } from '../logic/vm.js';
import { Button, Dialog, TextField } from './ui.js';

export function OpenVmDialog({ onClose }: { readonly onClose: () => void }) {
  const openPath = useHako((s) => s.openPath);
  const call = useHako((s) => s.call);
  const [path, setPath] = useState('');
  const [recent, setRecent] = useState<string[]>([]);
  const [busy, setBusy] = useState(false);
  const trimmed = path.trim();
  const problem = trimmed === '' ? undefined : !/\.7b$/i.test(trimmed) ? 'A VM file name ends in .7b.' : undefined;

  useEffect(() => {
    void call('Could not read the recent files', (api) => api.invoke('library.recent')).then((list) => setRecent(list ?? []));
  }, [call]);

  const open = async (target: string) => {
    setBusy(true);
    const ok = await openPath(target);
    setBusy(false);
    if (ok) onClose();
  };

  return (
    <Dialog
      title="Open a virtual machine"
      onClose={onClose}
      footer={
        <>
          <Button variant="primary" type="submit" disabled={busy || trimmed === '' || problem !== undefined} onClick={() => void open(trimmed)}>
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
          if (trimmed !== '' && problem === undefined) void open(trimmed);
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
        <div className="recent">
          <h3 className="subheading" id="recent-heading">
            Recent
          </h3>
          <ul className="recent-list" aria-labelledby="recent-heading">
            {recent.slice(0, 6).map((p) => (
              <li key={p}>
                <button type="button" className="recent-item" onClick={() => void open(p)} disabled={busy} aria-label={`Open ${p}`}>
                  <span className="recent-name">{fileTitle(p)}</span>
                  <span className="recent-path">{p}</span>
                </button>
              </li>
            ))}
          </ul>
        </div>
      )}
    </Dialog>
  );
}

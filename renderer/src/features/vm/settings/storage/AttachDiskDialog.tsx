/**
 * Attaching a disk that exists: a typed path (or Browse where the shell has a dialog), which virtdisk
 * must open as a disk (disks.info) before it is added; a file inside the VM's folder is kept relative,
 * as NanaBox writes them.
 */
import { useState } from 'react';
import { folderOf } from '../../../../../../app/paths/parts.js';
import { samePath } from '../../../../../../app/paths/identity.js';
import { resolveVmPath } from '../../../../../../app/paths/resolve.js';
import { useApi } from '../../../../api/context.js';
import { useT } from '../../../../i18n/context.js';
import { Button } from '../../../../kit/Button/Button.js';
import { Dialog } from '../../../../kit/Dialog/Dialog.js';
import { attempt } from '../../../../store/outcome.js';
import { PathField } from '../../../create/PathField.js';
import { useEditorState } from '../editor/hooks.js';
import { relativeToVm } from './device-paths.js';

export function AttachDiskDialog({ onClose, onAttach }: { readonly onClose: () => void; readonly onAttach: (devicePath: string) => void }) {
  const { t } = useT();
  const api = useApi();
  const vmPath = useEditorState((s) => s.path);
  const attached = useEditorState((s) => s.draft!.config.ScsiDevices);
  const [typed, setTyped] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const folder = folderOf(vmPath);

  const attach = async () => {
    const file = resolveVmPath(folder, typed.trim());
    if (attached.some((d) => d.Type === 'VirtualDisk' && d.Path !== '' && samePath(resolveVmPath(folder, d.Path), file))) {
      setProblem(t('storage.attach.already'));
      return;
    }
    if (!/\.vhdx?$/i.test(file)) {
      setProblem(t('storage.attach.notDisk', { reason: t('disk.name.problem') }));
      return;
    }
    setBusy(true);
    const read = await attempt(() => api.invoke('disks.info', { path: file }));
    setBusy(false);
    if (!read.ok) {
      setProblem(t('storage.attach.notDisk', { reason: read.error.message }));
      return;
    }
    onAttach(relativeToVm(folder, file));
  };

  return (
    <Dialog
      title={t('storage.attach.title')}
      onClose={onClose}
      footer={
        <>
          <Button variant="primary" disabled={busy || typed.trim() === ''} onClick={() => void attach()}>
            {t('storage.attach.submit')}
          </Button>
          <Button onClick={onClose}>{t('common.cancel')}</Button>
        </>
      }
    >
      <PathField
        label={t('storage.attach.path')}
        kind="disk"
        value={typed}
        onChange={(value) => {
          setTyped(value);
          setProblem(null);
        }}
        autoFocus
        placeholder="data.vhdx"
        help={t('storage.attach.help')}
        errors={problem ? [problem] : []}
      />
    </Dialog>
  );
}

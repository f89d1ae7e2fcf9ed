/**
 * A DVD drive's image: inserted or ejected at once (vm.setMedia: on a running VM a Modify request, and in
 * the file), with Browse where the shell has a dialog. The editor takes the change as written, so other
 * unsaved edits stay unsaved.
 */
import { useState } from 'react';
import { baseName } from '../../../../../../app/paths/parts.js';
import { isLive } from '../../../../../../app/vm/state.js';
import { useApiCall } from '../../../../api/use-api-call.js';
import { useT } from '../../../../i18n/context.js';
import { Button } from '../../../../kit/Button/Button.js';
import { Dialog } from '../../../../kit/Dialog/Dialog.js';
import { useVmSummary } from '../../../../store/context.js';
import { PathField } from '../../../create/PathField.js';
import { useEditorState } from '../editor/hooks.js';
import { useDevicePath } from './use-disk-info.js';

export function MediaPanel({ index, path }: { readonly index: number; readonly path: string }) {
  const { t } = useT();
  const vmPath = useEditorState((s) => s.path);
  const adoptWritten = useEditorState((s) => s.adoptWritten);
  // The drive is in the file as it is in the draft (not added or retyped since): main changes that entry.
  const saved = useEditorState((s) => s.original?.config.ScsiDevices[index]?.Type === 'VirtualImage' && s.original.config.ScsiDevices[index]?.Path === path);
  const vmRuns = isLive(useVmSummary(vmPath)?.state ?? 'Stopped');
  const call = useApiCall();
  const [inserting, setInserting] = useState(false);
  const [busy, setBusy] = useState(false);
  const n = index + 1;
  if (!vmRuns || !saved) return null;

  const setMedia = async (image: string | null) => {
    setBusy(true);
    const outcome = await call(t(image === null ? 'storage.media.ejectFailed' : 'storage.media.insertFailed', { n }), (api) => api.invoke('vm.setMedia', { path: vmPath, lun: index, image }));
    setBusy(false);
    if (!outcome.ok) return false;
    await adoptWritten((config) => void (config.ScsiDevices[index]!.Path = image ?? ''));
    return true;
  };

  return (
    <div className="button-row media-panel">
      <Button variant="subtle" icon="disc" disabled={busy} onClick={() => setInserting(true)} label={t(path === '' ? 'storage.media.insert.label' : 'storage.media.change.label', { n })}>
        {path === '' ? t('storage.media.insert') : t('storage.media.change')}
      </Button>
      {path !== '' && (
        <Button variant="subtle" disabled={busy} onClick={() => void setMedia(null)} label={t('storage.media.eject.label', { n, name: baseName(path) })}>
          {t('storage.media.eject')}
        </Button>
      )}
      <span className="muted small">{t('storage.media.live')}</span>
      {inserting && <InsertDialog n={n} onClose={() => setInserting(false)} onInsert={async (image) => (await setMedia(image)) && setInserting(false)} />}
    </div>
  );
}

function InsertDialog({ n, onClose, onInsert }: { readonly n: number; readonly onClose: () => void; readonly onInsert: (image: string) => Promise<unknown> }) {
  const { t } = useT();
  const [typed, setTyped] = useState('');
  const file = useDevicePath(typed);
  const problem = typed.trim() === '' ? undefined : /\.iso$/i.test(typed.trim()) ? undefined : t('storage.media.notIso');
  return (
    <Dialog
      title={t('storage.media.insert.title', { n })}
      onClose={onClose}
      footer={
        <>
          <Button variant="primary" disabled={file === null || problem !== undefined} onClick={() => file !== null && void onInsert(file)}>
            {t('storage.media.insert.submit')}
          </Button>
          <Button onClick={onClose}>{t('common.cancel')}</Button>
        </>
      }
    >
      <PathField label={t('storage.media.image')} kind="iso" value={typed} onChange={setTyped} autoFocus placeholder="setup.iso" help={t('storage.media.image.help')} errors={problem ? [problem] : []} />
    </Dialog>
  );
}

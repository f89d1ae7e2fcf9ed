/**
 * Creating a virtual disk next to the VM's file, new (dynamic or fixed) or differencing on a parent, with
 * progress and Cancel; the disk is added to the VM only once it exists (a failed or cancelled create
 * attaches nothing).
 */
import { useMemo, useState } from 'react';
import { folderOf, joinPath } from '../../../../../../app/paths/parts.js';
import { resolveVmPath } from '../../../../../../app/paths/resolve.js';
import { useT } from '../../../../i18n/context.js';
import { Button } from '../../../../kit/Button/Button.js';
import { Dialog } from '../../../../kit/Dialog/Dialog.js';
import { ErrorDetails } from '../../../../kit/ErrorDetails/ErrorDetails.js';
import { NumberField } from '../../../../kit/NumberField/NumberField.js';
import { Segmented } from '../../../../kit/Segmented/Segmented.js';
import { SelectField } from '../../../../kit/SelectField/SelectField.js';
import { TextField } from '../../../../kit/TextField/TextField.js';
import { Toggle } from '../../../../kit/Toggle/Toggle.js';
import type { ShownError } from '../../../../errors/shown-error.js';
import { PathField } from '../../../create/PathField.js';
import { useEditorState } from '../editor/hooks.js';
import { OperationProgress } from './OperationProgress.js';
import { diskSizeBytes, diskSizeText, isBadDiskName } from './use-create-disk.js';
import { useDiskOperation } from './use-disk-operation.js';

type Kind = 'new' | 'differencing';
const TYPED = '';

export function CreateDiskDialog({ suggested, onClose, onCreated }: { readonly suggested: string; readonly onClose: () => void; readonly onCreated: (name: string) => void }) {
  const tr = useT();
  const { t } = tr;
  const vmPath = useEditorState((s) => s.path);
  const folder = folderOf(vmPath);
  const devices = useEditorState((s) => s.draft!.config.ScsiDevices);
  const disks = useMemo(() => devices.filter((d) => d.Type === 'VirtualDisk' && d.Path !== '').map((d) => d.Path), [devices]);
  const operation = useDiskOperation();
  const [kind, setKind] = useState<Kind>('new');
  const [name, setName] = useState(suggested);
  const [size, setSize] = useState<number | null>(64);
  const [fixed, setFixed] = useState(false);
  const [parentChoice, setParentChoice] = useState(disks[0] ?? TYPED);
  const [typedParent, setTypedParent] = useState('');
  const [error, setError] = useState<ShownError | null>(null);

  const parent = parentChoice === TYPED ? typedParent.trim() : parentChoice;
  const nameProblem = isBadDiskName(name) ? t('disk.name.problem') : undefined;
  const sizeProblem = kind === 'new' ? diskSizeText(tr, name, size) : undefined;
  const parentProblem = kind === 'differencing' && !/\.vhdx?$/i.test(parent) ? t('storage.create.parent.problem') : undefined;
  const ready = nameProblem === undefined && sizeProblem === undefined && parentProblem === undefined && operation.running === null;

  const create = async () => {
    if (!ready) return;
    setError(null);
    const path = joinPath(folder, name);
    const end = await operation.run('disk.create', t('operation.creatingFile', { name }), (api) =>
      kind === 'new'
        ? api.invoke('disks.create', { path, sizeBytes: diskSizeBytes(size!), fixed })
        : api.invoke('disks.createDifferencing', { path, parentPath: resolveVmPath(folder, parent) }),
    );
    if (end.ok) onCreated(name);
    else if (!end.cancelled) setError(end.error);
  };

  return (
    <Dialog
      title={t('disk.title')}
      onClose={onClose}
      footer={
        <>
          <Button variant="primary" disabled={!ready} onClick={() => void create()}>
            {t('disk.create')}
          </Button>
          <Button onClick={onClose}>{t('common.close')}</Button>
        </>
      }
    >
      <div className="stack">
        <Segmented<Kind>
          label={t('storage.create.kind')}
          value={kind}
          options={[
            { value: 'new', label: t('storage.create.kind.new') },
            { value: 'differencing', label: t('storage.create.kind.differencing') },
          ]}
          onChange={setKind}
        />
        <TextField label={t('disk.name')} value={name} onChange={setName} mono errors={nameProblem ? [nameProblem] : []} help={t('disk.name.help')} />
        {kind === 'new' ? (
          <>
            <NumberField label={t('disk.size')} value={size} unit={t('disk.size.unit')} min={1} onChange={setSize} errors={sizeProblem ? [sizeProblem] : []} />
            <Toggle label={t('disk.fixed')} checked={fixed} onChange={setFixed} help={t('disk.fixed.help')} />
          </>
        ) : (
          <>
            <SelectField
              label={t('storage.create.parent')}
              value={parentChoice}
              options={[...disks.map((d) => ({ value: d, label: d })), { value: TYPED, label: t('storage.create.parent.other') }]}
              onChange={setParentChoice}
              help={t('storage.create.parent.help')}
            />
            {parentChoice === TYPED && (
              <PathField label={t('storage.create.parent.path')} kind="disk" value={typedParent} onChange={setTypedParent} placeholder="base.vhdx" errors={parentProblem ? [parentProblem] : []} />
            )}
          </>
        )}
        <OperationProgress operation={operation} label={t('operation.creatingFile', { name })} />
        {error && (
          <div role="alert">
            <ErrorDetails error={error} />
          </div>
        )}
      </div>
    </Dialog>
  );
}

/** Create a virtual disk next to the VM's file and add it to the draft. */
import { useState } from 'react';
import { useT } from '../../../../i18n/context.js';
import { Button } from '../../../../kit/Button/Button.js';
import { Dialog } from '../../../../kit/Dialog/Dialog.js';
import { NumberField } from '../../../../kit/NumberField/NumberField.js';
import { TextField } from '../../../../kit/TextField/TextField.js';
import { Toggle } from '../../../../kit/Toggle/Toggle.js';
import { isBadDiskName, diskSizeText, useCreateDisk } from './use-create-disk.js';

export function CreateDiskDialog({
  vmPath,
  suggested,
  onClose,
  onCreated,
}: {
  readonly vmPath: string;
  readonly suggested: string;
  readonly onClose: () => void;
  readonly onCreated: (name: string) => void;
}) {
  const tr = useT();
  const { t } = tr;
  const createDisk = useCreateDisk(vmPath);
  const [name, setName] = useState(suggested);
  const [size, setSize] = useState<number | null>(64);
  const [fixed, setFixed] = useState(false);
  const nameProblem = isBadDiskName(name) ? t('disk.name.problem') : undefined;
  const sizeProblem = diskSizeText(tr, name, size);

  const create = async () => {
    if (nameProblem || sizeProblem || size === null) return;
    if (await createDisk(name, size, fixed)) {
      onCreated(name);
      onClose();
    }
  };

  return (
    <Dialog
      title={t('disk.title')}
      onClose={onClose}
      footer={
        <>
          <Button variant="primary" disabled={nameProblem !== undefined || sizeProblem !== undefined} onClick={() => void create()}>
            {t('disk.create')}
          </Button>
          <Button onClick={onClose}>{t('common.cancel')}</Button>
        </>
      }
    >
      <div className="stack">
        <TextField label={t('disk.name')} value={name} onChange={setName} mono errors={nameProblem ? [nameProblem] : []} help={t('disk.name.help')} />
        <NumberField label={t('disk.size')} value={size} unit={t('disk.size.unit')} min={1} onChange={setSize} errors={sizeProblem ? [sizeProblem] : []} />
        <Toggle label={t('disk.fixed')} checked={fixed} onChange={setFixed} help={t('disk.fixed.help')} />
      </div>
    </Dialog>
  );
}

/** Create a virtual disk next to the VM's file and add it to the draft. */
import { useState } from 'react';
import { Button } from '../../../../kit/Button/Button.js';
import { Dialog } from '../../../../kit/Dialog/Dialog.js';
import { NumberField } from '../../../../kit/NumberField/NumberField.js';
import { TextField } from '../../../../kit/TextField/TextField.js';
import { Toggle } from '../../../../kit/Toggle/Toggle.js';
import { diskNameProblem, diskSizeText, useCreateDisk } from './use-create-disk.js';

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
  const createDisk = useCreateDisk(vmPath);
  const [name, setName] = useState(suggested);
  const [size, setSize] = useState<number | null>(64);
  const [fixed, setFixed] = useState(false);
  const nameProblem = diskNameProblem(name);
  const sizeProblem = diskSizeText(name, size);

  const create = async () => {
    if (nameProblem || sizeProblem || size === null) return;
    if (await createDisk(name, size, fixed)) {
      onCreated(name);
      onClose();
    }
  };

  return (
    <Dialog
      title="Create a virtual disk"
      onClose={onClose}
      footer={
        <>
          <Button variant="primary" disabled={nameProblem !== undefined || sizeProblem !== undefined} onClick={() => void create()}>
            Create and add
          </Button>
          <Button onClick={onClose}>Cancel</Button>
        </>
      }
    >
      <div className="stack">
        <TextField label="File name" value={name} onChange={setName} mono errors={nameProblem ? [nameProblem] : []} help="Created next to the .7b file." />
        <NumberField label="Size" value={size} unit="GB" min={1} onChange={setSize} errors={sizeProblem ? [sizeProblem] : []} />
        <Toggle label="Allocate all space now (fixed size)" checked={fixed} onChange={setFixed} help="A dynamically expanding disk grows as the guest writes; a fixed one is a little faster." />
      </div>
    </Dialog>
  );
}

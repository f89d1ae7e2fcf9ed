/** The SCSI devices in LUN order: virtual disks, DVD drives and physical disks; and new disks. */
import { useState } from 'react';
import { SCSI_DEVICE_TYPES, type ScsiDevice, type ScsiDeviceType } from '../../../../../../app/config/model.js';
import { Button } from '../../../../kit/Button/Button.js';
import { EmptyState } from '../../../../kit/EmptyState/EmptyState.js';
import { optionsOf } from '../../../../kit/SelectField/SelectField.js';
import { SCSI_TYPE_LABELS } from '../../config-labels.js';
import { useEditorState, useUpdate } from '../editor/hooks.js';
import { DraftList } from '../fields/DraftList.js';
import { DraftSelectField, DraftTextField } from '../fields/DraftFields.js';
import { CreateDiskDialog } from './CreateDiskDialog.js';

const LIST = '/NanaBox/ScsiDevices';

const TYPE_OPTIONS = optionsOf(SCSI_DEVICE_TYPES, SCSI_TYPE_LABELS);
const PATH_PLACEHOLDERS: Readonly<Record<ScsiDeviceType, string>> = { VirtualDisk: 'disk.vhdx', VirtualImage: 'Empty drive', PhysicalDevice: '\\\\.\\PhysicalDrive2' };
const PATH_HELP: Readonly<Record<ScsiDeviceType, string | null>> = {
  VirtualDisk: null,
  VirtualImage: 'Leave empty for an empty DVD drive.',
  PhysicalDevice: 'The disk must be offline on the host.',
};

export function StorageSection() {
  const update = useUpdate();
  const [creating, setCreating] = useState(false);
  const add = (Type: ScsiDeviceType, Path = '') => update((c) => void c.ScsiDevices.push({ Type, Path }));
  return (
    <div className="stack">
      <p className="muted">SCSI devices in LUN order; the VM boots from the first bootable one. Paths are relative to the folder of the .7b file.</p>
      <DraftList<ScsiDevice>
        pointer={LIST}
        label="Storage devices"
        itemName={(n) => `device ${n}`}
        icon={(device) => (device.Type === 'VirtualImage' ? 'disc' : 'disk')}
        caption={(i) => `LUN ${i}`}
        reorderable
        empty={
          <EmptyState icon="disk" title="No storage">
            <p className="muted">Add a virtual disk to install an operating system on, and a DVD drive for its ISO.</p>
          </EmptyState>
        }
      >
        {(device, i, at) => (
          <>
            <DraftSelectField<ScsiDeviceType> pointer={`${at}/Type`} label={`Device ${i + 1} type`} options={TYPE_OPTIONS} help={null} />
            <DraftTextField pointer={`${at}/Path`} label={`Device ${i + 1} path`} mono placeholder={PATH_PLACEHOLDERS[device.Type]} help={PATH_HELP[device.Type]} />
          </>
        )}
      </DraftList>
      <div className="button-row">
        <Button icon="plus" onClick={() => add('VirtualDisk')}>
          Add virtual disk
        </Button>
        <Button icon="plus" onClick={() => add('VirtualImage')}>
          Add DVD drive
        </Button>
        <Button icon="plus" onClick={() => add('PhysicalDevice')}>
          Add physical disk
        </Button>
        <Button icon="disk" variant="subtle" onClick={() => setCreating(true)}>
          Create new disk…
        </Button>
      </div>
      {creating && <NewDisk onClose={() => setCreating(false)} onCreated={(name) => add('VirtualDisk', name)} />}
    </div>
  );
}

/** The dialog with a name suggested from the VM's: "<Name>.vhdx", or "<Name>-<n>.vhdx" beside another disk. */
function NewDisk({ onClose, onCreated }: { readonly onClose: () => void; readonly onCreated: (name: string) => void }) {
  const vmPath = useEditorState((s) => s.path);
  const name = useEditorState((s) => s.draft!.config.Name.trim()) || 'disk';
  const devices = useEditorState((s) => s.draft!.config.ScsiDevices);
  const suffix = devices.some((d) => d.Type === 'VirtualDisk') ? `-${devices.length + 1}` : '';
  return <CreateDiskDialog vmPath={vmPath} suggested={`${name}${suffix}.vhdx`} onClose={onClose} onCreated={onCreated} />;
}

/** The SCSI devices in LUN order: virtual disks, DVD drives and physical disks; and new disks. */
import { useState } from 'react';
import { SCSI_DEVICE_TYPES, type ScsiDevice, type ScsiDeviceType } from '../../../../../../app/config/model.js';
import { useT } from '../../../../i18n/context.js';
import { Button } from '../../../../kit/Button/Button.js';
import { EmptyState } from '../../../../kit/EmptyState/EmptyState.js';
import { useEditorState, useUpdate } from '../editor/hooks.js';
import { DraftList } from '../fields/DraftList.js';
import { DraftSelectField, DraftTextField } from '../fields/DraftFields.js';
import { CreateDiskDialog } from './CreateDiskDialog.js';

const LIST = '/NanaBox/ScsiDevices';

export function StorageSection() {
  const { t } = useT();
  const update = useUpdate();
  const [creating, setCreating] = useState(false);
  const add = (Type: ScsiDeviceType, Path = '') => update((c) => void c.ScsiDevices.push({ Type, Path }));
  const typeOptions = SCSI_DEVICE_TYPES.map((value) => ({ value, label: t(`scsi.${value}`) }));
  const placeholder = (type: ScsiDeviceType) =>
    type === 'VirtualImage' ? t('settings.storage.placeholder.VirtualImage') : type === 'PhysicalDevice' ? '\\\\.\\PhysicalDrive2' : 'disk.vhdx';
  const help = (type: ScsiDeviceType) =>
    type === 'VirtualImage' ? t('settings.storage.help.VirtualImage') : type === 'PhysicalDevice' ? t('settings.storage.help.PhysicalDevice') : null;
  return (
    <div className="stack">
      <p className="muted">{t('settings.storage.intro')}</p>
      <DraftList<ScsiDevice>
        pointer={LIST}
        label={t('settings.storage.list')}
        itemName={(n) => t('settings.storage.item', { n })}
        icon={(device) => (device.Type === 'VirtualImage' ? 'disc' : 'disk')}
        caption={(i) => t('settings.storage.lun', { n: i })}
        reorderable
        empty={
          <EmptyState icon="disk" title={t('settings.storage.empty')}>
            <p className="muted">{t('settings.storage.empty.body')}</p>
          </EmptyState>
        }
      >
        {(device, i, at) => (
          <>
            <DraftSelectField<ScsiDeviceType> pointer={`${at}/Type`} label={t('settings.storage.type', { n: i + 1 })} options={typeOptions} help={null} />
            <DraftTextField pointer={`${at}/Path`} label={t('settings.storage.path', { n: i + 1 })} mono placeholder={placeholder(device.Type)} help={help(device.Type)} />
          </>
        )}
      </DraftList>
      <div className="button-row">
        <Button icon="plus" onClick={() => add('VirtualDisk')}>
          {t('settings.storage.addDisk')}
        </Button>
        <Button icon="plus" onClick={() => add('VirtualImage')}>
          {t('settings.storage.addDvd')}
        </Button>
        <Button icon="plus" onClick={() => add('PhysicalDevice')}>
          {t('settings.storage.addPhysical')}
        </Button>
        <Button icon="disk" variant="subtle" onClick={() => setCreating(true)}>
          {t('settings.storage.create')}
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

/**
 * The SCSI devices in LUN order: virtual disks (what virtdisk says of each, resize, compact, detach),
 * DVD drives (an image inserted or ejected at once on a running VM) and physical disks; new, differencing
 * and existing disks added through dialogs that add a disk only once it is one.
 */
import { useState } from 'react';
import { SCSI_DEVICE_TYPES, type ScsiDevice, type ScsiDeviceType } from '../../../../../../app/config/model.js';
import { useT } from '../../../../i18n/context.js';
import { Button } from '../../../../kit/Button/Button.js';
import { EmptyState } from '../../../../kit/EmptyState/EmptyState.js';
import { useEditorState, useUpdate } from '../editor/hooks.js';
import { DraftList } from '../fields/DraftList.js';
import { DraftSelectField, DraftTextField } from '../fields/DraftFields.js';
import { AttachDiskDialog } from './AttachDiskDialog.js';
import { CreateDiskDialog } from './CreateDiskDialog.js';
import { DiskPanel } from './DiskPanel.js';
import { MediaPanel } from './MediaPanel.js';
import './StorageSection.css';

const LIST = '/NanaBox/ScsiDevices';

export function StorageSection() {
  const { t } = useT();
  const update = useUpdate();
  const [adding, setAdding] = useState<'create' | 'attach' | null>(null);
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
            {device.Type === 'VirtualDisk' && <DiskPanel index={i} path={device.Path} />}
            {device.Type === 'VirtualImage' && <MediaPanel index={i} path={device.Path} />}
          </>
        )}
      </DraftList>
      <div className="button-row">
        <Button icon="disk" onClick={() => setAdding('create')}>
          {t('settings.storage.create')}
        </Button>
        <Button icon="folder" onClick={() => setAdding('attach')}>
          {t('storage.attach.open')}
        </Button>
        <Button icon="plus" variant="subtle" onClick={() => add('VirtualDisk')}>
          {t('settings.storage.addDisk')}
        </Button>
        <Button icon="plus" variant="subtle" onClick={() => add('VirtualImage')}>
          {t('settings.storage.addDvd')}
        </Button>
        <Button icon="plus" variant="subtle" onClick={() => add('PhysicalDevice')}>
          {t('settings.storage.addPhysical')}
        </Button>
      </div>
      {adding === 'create' && (
        <NewDisk
          onClose={() => setAdding(null)}
          onCreated={(name) => {
            add('VirtualDisk', name);
            setAdding(null);
          }}
        />
      )}
      {adding === 'attach' && (
        <AttachDiskDialog
          onClose={() => setAdding(null)}
          onAttach={(path) => {
            add('VirtualDisk', path);
            setAdding(null);
          }}
        />
      )}
    </div>
  );
}

/** The dialog with a name suggested from the VM's: "<Name>.vhdx", or "<Name>-<n>.vhdx" beside another disk. */
function NewDisk({ onClose, onCreated }: { readonly onClose: () => void; readonly onCreated: (name: string) => void }) {
  const name = useEditorState((s) => s.draft!.config.Name.trim()) || 'disk';
  const devices = useEditorState((s) => s.draft!.config.ScsiDevices);
  const suffix = devices.some((d) => d.Type === 'VirtualDisk') ? `-${devices.length + 1}` : '';
  return <CreateDiskDialog suggested={`${name}${suffix}.vhdx`} onClose={onClose} onCreated={onCreated} />;
}

/** The GPU the guest gets (none, GPU-PV, chosen GPUs), and the basic session's display. */
import { GPU_ASSIGNMENT_MODES, GPU_PV_PARTITION_ID, type GpuDevice } from '../../../../../../app/config/model.js';
import { useT } from '../../../../i18n/context.js';
import { Button } from '../../../../kit/Button/Button.js';
import { useDraft, useUpdate } from '../editor/hooks.js';
import { DraftList } from '../fields/DraftList.js';
import { DraftNumberField, DraftSelectField, DraftTextField, DraftToggle } from '../fields/DraftFields.js';

const P = '/NanaBox';

export function DisplaySection() {
  const { t } = useT();
  const listed = useDraft((c) => c.Gpu.AssignmentMode === 'List');
  return (
    <div className="stack">
      <h3 className="subheading">{t('settings.display.gpu')}</h3>
      <div className="form-grid">
        <DraftSelectField
          pointer={`${P}/Gpu/AssignmentMode`}
          label={t('settings.display.assignment')}
          options={GPU_ASSIGNMENT_MODES.map((value) => ({ value, label: t(`gpu.${value}`) }))}
          help={t('settings.display.assignment.help')}
        />
        <DraftToggle pointer={`${P}/Gpu/EnableHostDriverStore`} label={t('settings.display.driverStore')} />
      </div>
      {listed && <SelectedGpus />}
      <h3 className="subheading">{t('settings.display.basic')}</h3>
      <div className="form-grid">
        <DraftNumberField pointer={`${P}/VideoMonitor/HorizontalResolution`} label={t('settings.display.width')} unit={t('settings.display.pixels')} min={1} />
        <DraftNumberField pointer={`${P}/VideoMonitor/VerticalResolution`} label={t('settings.display.height')} unit={t('settings.display.pixels')} min={1} />
        <DraftToggle pointer={`${P}/VideoMonitor/DisableBasicSessionDpiScaling`} label={t('settings.display.dpi')} help={t('settings.display.dpi.help')} />
      </div>
    </div>
  );
}

function SelectedGpus() {
  const { t } = useT();
  const update = useUpdate();
  return (
    <>
      <DraftList<GpuDevice>
        pointer={`${P}/Gpu/SelectedDevices`}
        label={t('settings.display.gpus')}
        itemName={(n) => t('settings.display.gpuItem', { n })}
        icon={() => 'chip'}
      >
        {(device, i, at) => (
          <>
            <DraftTextField pointer={`${at}/DeviceInterface`} label={t('settings.display.device', { n: i + 1 })} mono />
            <DraftNumberField
              pointer={`${at}/PartitionId`}
              label={t('settings.display.partition', { n: i + 1 })}
              min={0}
              max={0xffff}
              help={t(device.PartitionId === GPU_PV_PARTITION_ID ? 'settings.display.partition.whole' : 'settings.display.partition.part')}
            />
          </>
        )}
      </DraftList>
      <div className="button-row">
        <Button icon="plus" onClick={() => update((c) => void c.Gpu.SelectedDevices.push({ DeviceInterface: '', PartitionId: GPU_PV_PARTITION_ID }))}>
          {t('settings.display.addGpu')}
        </Button>
      </div>
    </>
  );
}

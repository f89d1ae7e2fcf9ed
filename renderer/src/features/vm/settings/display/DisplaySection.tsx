/** The GPU the guest gets (none, GPU-PV, chosen GPUs), and the basic session's display. */
import { GPU_ASSIGNMENT_MODES, GPU_PV_PARTITION_ID, type GpuDevice } from '../../../../../../app/config/model.js';
import { Button } from '../../../../kit/Button/Button.js';
import { optionsOf } from '../../../../kit/SelectField/SelectField.js';
import { GPU_ASSIGNMENT_LABELS } from '../../config-labels.js';
import { useDraft, useUpdate } from '../editor/hooks.js';
import { DraftList } from '../fields/DraftList.js';
import { DraftNumberField, DraftSelectField, DraftTextField, DraftToggle } from '../fields/DraftFields.js';

const P = '/NanaBox';

export function DisplaySection() {
  const listed = useDraft((c) => c.Gpu.AssignmentMode === 'List');
  return (
    <div className="stack">
      <h3 className="subheading">GPU</h3>
      <div className="form-grid">
        <DraftSelectField
          pointer={`${P}/Gpu/AssignmentMode`}
          label="GPU assignment"
          options={optionsOf(GPU_ASSIGNMENT_MODES, GPU_ASSIGNMENT_LABELS)}
          help="GPU-PV lends the host's GPU to the guest. The guest needs the host's drivers: share them below, or copy them into the guest."
        />
        <DraftToggle pointer={`${P}/Gpu/EnableHostDriverStore`} label="Share the host's GPU drivers" />
      </div>
      {listed && <SelectedGpus />}
      <h3 className="subheading">Basic session display</h3>
      <div className="form-grid">
        <DraftNumberField pointer={`${P}/VideoMonitor/HorizontalResolution`} label="Width" unit="pixels" min={1} />
        <DraftNumberField pointer={`${P}/VideoMonitor/VerticalResolution`} label="Height" unit="pixels" min={1} />
        <DraftToggle
          pointer={`${P}/VideoMonitor/DisableBasicSessionDpiScaling`}
          label="Turn off DPI scaling in the basic session"
          help="Show the guest at 100 % instead of the window's scale."
        />
      </div>
    </div>
  );
}

function SelectedGpus() {
  const update = useUpdate();
  return (
    <>
      <DraftList<GpuDevice> pointer={`${P}/Gpu/SelectedDevices`} label="Selected GPUs" itemName={(n) => `GPU ${n}`} icon={() => 'chip'}>
        {(device, i, at) => (
          <>
            <DraftTextField pointer={`${at}/DeviceInterface`} label={`GPU ${i + 1} device interface`} mono />
            <DraftNumberField
              pointer={`${at}/PartitionId`}
              label={`GPU ${i + 1} partition`}
              min={0}
              max={0xffff}
              help={device.PartitionId === GPU_PV_PARTITION_ID ? 'The whole GPU, paravirtualised (GPU-PV).' : 'A GPU-P partition of the device.'}
            />
          </>
        )}
      </DraftList>
      <div className="button-row">
        <Button icon="plus" onClick={() => update((c) => void c.Gpu.SelectedDevices.push({ DeviceInterface: '', PartitionId: GPU_PV_PARTITION_ID }))}>
          Add GPU
        </Button>
      </div>
    </>
  );
}

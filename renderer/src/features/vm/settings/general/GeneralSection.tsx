/** Name, guest, processors, memory and nested virtualization. */
import { MAX_VM_PROCESSORS } from '../../../../../../app/config/device-rules.js';
import { GUEST_TYPES } from '../../../../../../app/config/model.js';
import { formatMegabytes } from '../../../../../../app/format/bytes.js';
import { optionsOf } from '../../../../kit/SelectField/SelectField.js';
import { useDraft } from '../editor/hooks.js';
import { DraftNumberField, DraftSelectField, DraftTextField, DraftToggle } from '../fields/DraftFields.js';

const P = '/NanaBox';

function MemoryField() {
  const memory = useDraft((c) => c.MemorySize);
  const shown = Number.isFinite(memory) && memory > 0 ? `${formatMegabytes(memory)}. ` : '';
  return (
    <DraftNumberField
      pointer={`${P}/MemorySize`}
      label="Memory"
      min={1}
      step={256}
      unit="MB"
      help={`${shown}Memory in MB. The host commits it only as the guest uses it.`}
    />
  );
}

export function GeneralSection() {
  return (
    <div className="form-grid">
      <DraftTextField pointer={`${P}/Name`} label="Name" />
      <DraftSelectField
        pointer={`${P}/GuestType`}
        label="Guest operating system"
        options={optionsOf(GUEST_TYPES, { Unknown: 'Other / unknown' })}
        help="Informational: neither NanaBox nor Hako changes the hardware for it. Hako uses it for advice (such as the Secure Boot template)."
      />
      <DraftNumberField pointer={`${P}/ProcessorCount`} label="Processors" min={1} max={MAX_VM_PROCESSORS} unit="virtual CPUs" help="How many virtual processors the guest sees." />
      <MemoryField />
      <DraftToggle
        pointer={`${P}/ExposeVirtualizationExtensions`}
        label="Nested virtualization"
        help="Lets the guest run Hyper-V, WSL 2 or other hypervisors itself. Some AMD and Arm hosts cannot start VMs with it on."
      />
    </div>
  );
}

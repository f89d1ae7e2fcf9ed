/** Name, guest, processors, memory and nested virtualization. */
import { GUEST_TYPES } from '../../../../../../app/config/model.js';
import { useT } from '../../../../i18n/context.js';
import { useDraft } from '../editor/hooks.js';
import { DraftNumberField, DraftSelectField, DraftTextField, DraftToggle } from '../fields/DraftFields.js';

const P = '/NanaBox';

function MemoryField() {
  const tr = useT();
  const memory = useDraft((c) => c.MemorySize);
  const sized = Number.isFinite(memory) && memory > 0;
  return (
    <DraftNumberField
      pointer={`${P}/MemorySize`}
      label={tr.t('settings.general.memory')}
      min={1}
      step={256}
      unit={tr.t('settings.general.memory.unit')}
      help={sized ? tr.t('settings.general.memory.helpSized', { size: tr.megabytes(memory) }) : tr.t('settings.general.memory.help')}
    />
  );
}

export function GeneralSection() {
  const { t } = useT();
  return (
    <div className="form-grid">
      <DraftTextField pointer={`${P}/Name`} label={t('settings.general.name')} />
      <DraftSelectField
        pointer={`${P}/GuestType`}
        label={t('settings.general.guest')}
        options={GUEST_TYPES.map((value) => ({ value, label: t(`guest.${value}`) }))}
        help={t('settings.general.guest.help')}
      />
      <DraftNumberField
        pointer={`${P}/ProcessorCount`}
        label={t('settings.general.processors')}
        min={1}
        max={240}
        unit={t('settings.general.processors.unit')}
        help={t('settings.general.processors.help')}
      />
      <MemoryField />
      <DraftToggle pointer={`${P}/ExposeVirtualizationExtensions`} label={t('settings.general.nested')} help={t('settings.general.nested.help')} />
    </div>
  );
}

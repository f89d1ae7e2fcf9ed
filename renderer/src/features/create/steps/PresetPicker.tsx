/**
 * The operating system the VM is for, as radio cards: each preset says what it sets (Secure Boot
 * template, TPM, processors, memory, disk), from the core's presets (app/vm/new-vm.ts).
 */
import clsx from 'clsx';
import { useId } from 'react';
import { GiB } from '../../../../../app/disks/size.js';
import { VM_PRESET_NAMES, VM_PRESETS, type VmPresetName } from '../../../../../app/vm/new-vm.js';
import { useT } from '../../../i18n/context.js';

export function PresetPicker({ value, onChange }: { readonly value: VmPresetName; readonly onChange: (preset: VmPresetName) => void }) {
  const t = useT();
  const name = useId();
  const legend = useId();
  return (
    <fieldset className="preset-picker" aria-labelledby={legend}>
      <legend id={legend} className="field-label">
        {t.t('create.preset.label')}
      </legend>
      {VM_PRESET_NAMES.map((preset) => {
        const values = VM_PRESETS[preset];
        const descriptionId = `${name}-${preset}-description`;
        return (
          <label key={preset} className={clsx('preset', preset === value && 'preset-selected')}>
            <input type="radio" name={name} value={preset} checked={preset === value} onChange={() => onChange(preset)} aria-describedby={descriptionId} />
            <span className="preset-text">
              <span className="preset-title">{t.t(`create.preset.${preset}.title`)}</span>
              <span className="preset-description" id={descriptionId}>
                {t.t('format.sentences', {
                  first: t.t(`create.preset.${preset}.description`),
                  next: t.t('create.preset.values', { processors: values.processors, memoryGb: values.memoryMb / 1024, diskGb: values.diskBytes / GiB }),
                })}
              </span>
            </span>
          </label>
        );
      })}
    </fieldset>
  );
}

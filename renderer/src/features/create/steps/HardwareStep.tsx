/**
 * Step 3: the operating system (a preset) and the processors and memory, capped by this computer with
 * the reason shown, and a warning when the preset's TPM cannot be given here.
 */
import { InfoBar } from '../../../kit/InfoBar/InfoBar.js';
import { NumberField } from '../../../kit/NumberField/NumberField.js';
import { hostLimits } from '../new-vm-draft.js';
import { useT } from '../../../i18n/context.js';
import { PresetPicker } from './PresetPicker.js';
import { problemText, problemTexts, type StepProps } from './step-props.js';

export function HardwareStep({ wizard, facts }: StepProps & { readonly facts: { readonly logicalProcessors: number; readonly memoryMb: number } }) {
  const t = useT();
  const limits = hostLimits(facts);
  const processorsError = wizard.errorOf('processors');
  const memoryError = wizard.errorOf('memoryMb');
  return (
    <div className="stack">
      <PresetPicker value={wizard.draft.preset} onChange={wizard.choosePreset} />
      {wizard.warnings.tpm?.map((warning) => (
        <InfoBar key={warning.key} tone="warning" title={t.t('create.tpm.title')}>
          <p>{problemText(t, warning)}</p>
        </InfoBar>
      ))}
      <div className="wizard-row">
        <NumberField
          label={t.t('create.processors.label')}
          value={wizard.draft.processors}
          onChange={(processors) => wizard.edit({ processors })}
          min={1}
          max={limits.maxProcessors}
          help={t.t('create.processors.help', { max: limits.maxProcessors })}
          errors={processorsError ? [problemText(t, processorsError)] : []}
          warnings={problemTexts(t, wizard.warnings.processors)}
        />
        <NumberField
          label={t.t('create.memory.label')}
          value={wizard.draft.memoryMb}
          onChange={(memoryMb) => wizard.edit({ memoryMb })}
          min={1}
          max={limits.maxMemoryMb}
          unit={t.t('create.memory.unit')}
          help={t.t('create.memory.help', { max: limits.maxMemoryMb, host: facts.memoryMb })}
          errors={memoryError ? [problemText(t, memoryError)] : []}
          warnings={problemTexts(t, wizard.warnings.memoryMb)}
        />
      </div>
    </div>
  );
}

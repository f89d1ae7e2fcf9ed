/** Step 4: a new disk (size, dynamic or fixed), an existing one, or none. */
import { NumberField } from '../../../kit/NumberField/NumberField.js';
import { Segmented } from '../../../kit/Segmented/Segmented.js';
import { Toggle } from '../../../kit/Toggle/Toggle.js';
import { plannedFiles, type DiskChoice } from '../new-vm-draft.js';
import { PathField } from '../PathField.js';
import { useT } from '../../../i18n/context.js';
import { problemText, problemTexts, type StepProps } from './step-props.js';

export function DiskStep({ wizard }: StepProps) {
  const t = useT();
  const { draft } = wizard;
  const sizeError = wizard.errorOf('diskSize');
  const pathError = wizard.errorOf('diskPath');
  const planned = plannedFiles(draft);
  return (
    <div className="stack">
      <Segmented<DiskChoice>
        label={t.t('create.disk.choice')}
        value={draft.disk}
        onChange={(disk) => wizard.edit({ disk })}
        options={[
          { value: 'new', label: t.t('create.disk.new') },
          { value: 'existing', label: t.t('create.disk.existing') },
          { value: 'none', label: t.t('create.disk.none') },
        ]}
      />
      {draft.disk === 'new' && (
        <>
          <NumberField
            label={t.t('create.disk.size')}
            value={draft.diskSizeGb}
            onChange={(diskSizeGb) => wizard.edit({ diskSizeGb })}
            min={1}
            unit={t.t('create.disk.sizeUnit')}
            help={t.t('create.disk.sizeHelp', { file: planned.disk ?? '' })}
            errors={sizeError ? [problemText(t, sizeError)] : []}
            warnings={problemTexts(t, wizard.warnings.diskSize)}
          />
          <Toggle
            label={t.t('create.disk.fixed')}
            checked={draft.diskFixed}
            onChange={(diskFixed) => wizard.edit({ diskFixed })}
            help={t.t('create.disk.fixedHelp')}
            stateLabels={[t.t('common.on'), t.t('common.off')]}
          />
        </>
      )}
      {draft.disk === 'existing' && (
        <PathField
          kind="disk"
          label={t.t('create.disk.path')}
          value={draft.diskPath}
          onChange={(diskPath) => wizard.edit({ diskPath })}
          help={t.t('create.disk.pathHelp')}
          errors={pathError ? [problemText(t, pathError)] : []}
        />
      )}
      {draft.disk === 'none' && <p className="wizard-note">{t.t('create.disk.noneHelp')}</p>}
    </div>
  );
}

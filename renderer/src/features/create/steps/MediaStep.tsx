/** Step 5: the installation image (an .iso in a DVD drive after the disk), or none for now. */
import { ChoiceField } from '../ChoiceField.js';
import type { MediaChoice } from '../new-vm-draft.js';
import { PathField } from '../PathField.js';
import { useT } from '../../../i18n/context.js';
import { problemText, type StepProps } from './step-props.js';

export function MediaStep({ wizard }: StepProps) {
  const t = useT();
  const error = wizard.errorOf('isoPath');
  return (
    <div className="stack">
      <ChoiceField<MediaChoice>
        label={t.t('create.media.choice')}
        value={wizard.draft.media}
        onChange={(media) => wizard.edit({ media })}
        options={[
          { value: 'iso', label: t.t('create.media.iso') },
          { value: 'later', label: t.t('create.media.later') },
        ]}
      />
      {wizard.draft.media === 'iso' ? (
        <PathField
          kind="iso"
          label={t.t('create.media.path')}
          value={wizard.draft.isoPath}
          onChange={(isoPath) => wizard.edit({ isoPath })}
          help={t.t('create.media.pathHelp')}
          errors={error ? [problemText(t, error)] : []}
        />
      ) : (
        <p className="wizard-note">{t.t('create.media.laterHelp')}</p>
      )}
    </div>
  );
}

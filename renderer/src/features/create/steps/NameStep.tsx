/** Step 1: the VM's name, checked as it is typed (it also names the VM's folder, file and disk). */
import { TextField } from '../../../kit/TextField/TextField.js';
import { useT } from '../../../i18n/context.js';
import type { StepProps } from './step-props.js';
import { problemText } from './step-props.js';

export function NameStep({ wizard }: StepProps) {
  const t = useT();
  const error = wizard.errorOf('name');
  return (
    <TextField
      label={t.t('create.name.label')}
      value={wizard.draft.name}
      onChange={(name) => wizard.edit({ name })}
      placeholder={t.t('create.name.placeholder')}
      help={t.t('create.name.help')}
      errors={error ? [problemText(t, error)] : []}
      autoFocus
    />
  );
}

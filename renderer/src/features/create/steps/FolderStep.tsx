/** Step 2: where the VM's own folder goes (the default VM folder from Preferences to begin with). */
import { plannedFiles } from '../new-vm-draft.js';
import { PathField } from '../PathField.js';
import { useT } from '../../../i18n/context.js';
import { problemText, type StepProps } from './step-props.js';

export function FolderStep({ wizard }: StepProps) {
  const t = useT();
  const error = wizard.errorOf('folder');
  const planned = plannedFiles(wizard.draft);
  return (
    <div className="stack">
      <PathField
        kind="folder"
        label={t.t('create.folder.label')}
        value={wizard.draft.folder}
        onChange={(folder) => wizard.edit({ folder })}
        help={t.t('create.folder.help')}
        errors={error ? [problemText(t, error)] : []}
        autoFocus
      />
      {wizard.errors.folder === undefined && wizard.errors.name === undefined && (
        <p className="wizard-note">
          {t.t('create.folder.result')} <code className="mono">{planned.folder}</code>
        </p>
      )}
    </div>
  );
}

/** Where new VMs go: a folder of the user's choice, or Hako's default. */
import type { PreferenceHints } from '../../../../app/ipc/contract.js';
import { useT } from '../../i18n/context.js';
import { Card } from '../../kit/Card/Card.js';
import { TextPreferenceField } from './TextPreferenceField.js';
import { useTextPreference } from './use-text-preference.js';

export function VmFolderCard({ hints }: { readonly hints: PreferenceHints | null }) {
  const { t } = useT();
  const folder = useTextPreference('defaultVmFolder');
  return (
    <Card title={t('preferences.vmFolder')}>
      <TextPreferenceField
        label={t('preferences.vmFolder.label')}
        preference={folder}
        placeholder={hints?.vmFolder}
        help={t('preferences.vmFolder.help', { folder: hints?.vmFolder ?? t('preferences.vmFolder.default') })}
      />
    </Card>
  );
}

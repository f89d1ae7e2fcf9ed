/** Where new VMs go: a folder of the user's choice, or Hako's default. */
import type { PreferenceHints } from '../../../../app/ipc/contract.js';
import { Card } from '../../kit/Card/Card.js';
import { TextPreferenceField } from './TextPreferenceField.js';
import { useTextPreference } from './use-text-preference.js';

export function VmFolderCard({ hints }: { readonly hints: PreferenceHints | null }) {
  const folder = useTextPreference('defaultVmFolder');
  return (
    <Card title="New virtual machines">
      <TextPreferenceField
        label="Default folder"
        preference={folder}
        placeholder={hints?.vmFolder}
        help={`Each new VM gets a folder of its own in here. Leave it empty for ${hints ? hints.vmFolder : 'the default'}.`}
      />
    </Card>
  );
}

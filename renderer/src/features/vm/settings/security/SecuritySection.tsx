/** Secure Boot with its template, and the TPM. */
import type { SecureBootTemplate } from '../../../../../../app/config/model.js';
import { fieldDoc } from '../editor/field-checks.js';
import { useDraft } from '../editor/hooks.js';
import { DraftSelectField, DraftToggle } from '../fields/DraftFields.js';

const P = '/NanaBox';
const TEMPLATE = `${P}/Hako/SecureBootTemplate`;

const TEMPLATES = [
  { value: 'MicrosoftWindows', label: 'Microsoft Windows' },
  { value: 'MicrosoftUEFICertificateAuthority', label: 'Microsoft UEFI Certificate Authority' },
] as const;

export function SecuritySection() {
  const secureBoot = useDraft((c) => c.SecureBoot);
  const linuxOnWindowsTemplate = useDraft((c) => c.GuestType === 'Linux' && c.SecureBoot && c.Hako.SecureBootTemplate === 'MicrosoftWindows');
  return (
    <div className="form-grid">
      <DraftToggle pointer={`${P}/SecureBoot`} label="Secure Boot" help="The firmware starts only signed boot loaders." />
      <DraftSelectField<SecureBootTemplate>
        pointer={TEMPLATE}
        label="Secure Boot template"
        disabled={!secureBoot}
        options={TEMPLATES}
        warnings={linuxOnWindowsTemplate ? ['Most Linux distributions need the Microsoft UEFI Certificate Authority template.'] : []}
        help={`${fieldDoc(TEMPLATE) ?? ''} A Hako setting: NanaBox ignores it (and drops it if it rewrites the file).`}
      />
      <DraftToggle pointer={`${P}/Tpm`} label="TPM 2.0" />
    </div>
  );
}

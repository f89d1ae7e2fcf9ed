/** Secure Boot with its template, and the TPM. */
import type { SecureBootTemplate } from '../../../../../../app/config/model.js';
import { useT } from '../../../../i18n/context.js';
import { useDraft } from '../editor/hooks.js';
import { DraftSelectField, DraftToggle } from '../fields/DraftFields.js';

const P = '/NanaBox';
const TEMPLATE = `${P}/Hako/SecureBootTemplate`;

const TEMPLATES = ['MicrosoftWindows', 'MicrosoftUEFICertificateAuthority'] as const satisfies readonly SecureBootTemplate[];

export function SecuritySection() {
  const { t } = useT();
  const secureBoot = useDraft((c) => c.SecureBoot);
  const linuxOnWindowsTemplate = useDraft((c) => c.GuestType === 'Linux' && c.SecureBoot && c.Hako.SecureBootTemplate === 'MicrosoftWindows');
  return (
    <div className="form-grid">
      <DraftToggle pointer={`${P}/SecureBoot`} label={t('settings.security.secureBoot')} help={t('settings.security.secureBoot.help')} />
      <DraftSelectField<SecureBootTemplate>
        pointer={TEMPLATE}
        label={t('settings.security.template')}
        disabled={!secureBoot}
        options={TEMPLATES.map((value) => ({ value, label: t(`settings.security.template.${value}`) }))}
        warnings={linuxOnWindowsTemplate ? [t('settings.security.template.linux')] : []}
        help={t('settings.security.template.help')}
      />
      <DraftToggle pointer={`${P}/Tpm`} label={t('settings.security.tpm')} />
    </div>
  );
}

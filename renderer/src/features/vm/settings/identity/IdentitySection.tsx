/**
 * What the VM's firmware tells the guest about its hardware (SMBIOS, `ChipsetInformation`). Empty
 * fields keep Hyper-V's own values. Only the serial numbers and the asset tag apply on every host; the
 * rest need a host of build 20348 (Windows Server 2022) or later (reference/nanabox.md §2.2).
 */
import type { MessageKey } from '../../../../../../app/i18n/catalogue.js';
import { useApiQuery } from '../../../../api/use-api-query.js';
import { useT } from '../../../../i18n/context.js';
import { Button } from '../../../../kit/Button/Button.js';
import { InfoBar } from '../../../../kit/InfoBar/InfoBar.js';
import { useDraftField } from '../editor/hooks.js';
import { DraftTextField } from '../fields/DraftFields.js';

const P = '/NanaBox/ChipsetInformation';
/** The build from which Hyper-V takes the product fields (NanaBox ignores them below it). */
export const SMBIOS_PRODUCT_BUILD = 20348;

const ANY_HOST: readonly (readonly [key: string, label: MessageKey])[] = [
  ['SerialNumber', 'settings.identity.SerialNumber'],
  ['BaseBoardSerialNumber', 'settings.identity.BaseBoardSerialNumber'],
  ['ChassisSerialNumber', 'settings.identity.ChassisSerialNumber'],
  ['ChassisAssetTag', 'settings.identity.ChassisAssetTag'],
];

// Placeholders: the values Hyper-V uses when a field is empty, as NanaBox's documentation lists them
// (product names, not words to translate).
const NEWER_HOSTS: readonly (readonly [key: string, label: MessageKey, placeholder: string])[] = [
  ['Manufacturer', 'settings.identity.Manufacturer', 'Microsoft Corporation'],
  ['ProductName', 'settings.identity.ProductName', 'Virtual Machine'],
  ['Family', 'settings.identity.Family', 'Virtual Machine'],
  ['Version', 'settings.identity.Version', 'Hyper-V UEFI Release v4.1'],
  ['SKUNumber', 'settings.identity.SKUNumber', ''],
];

export function IdentitySection() {
  const { t } = useT();
  const build = useApiQuery(t('settings.identity.factsFailed'), (api) => api.invoke('app.hostFacts'), '').data?.build ?? null;
  const older = build !== null && build > 0 && build < SMBIOS_PRODUCT_BUILD;
  return (
    <div className="stack">
      <p className="muted">{t('settings.identity.intro')}</p>
      <div className="form-grid">
        {ANY_HOST.map(([key, label]) => (
          <DraftTextField key={key} pointer={`${P}/${key}`} label={t(label)} help={null} />
        ))}
      </div>
      <h3 className="subheading">{t('settings.identity.product')}</h3>
      {older && (
        <InfoBar tone="warning" title={t('settings.identity.older.title')}>
          <p>{t('settings.identity.older.body', { build, needed: SMBIOS_PRODUCT_BUILD })}</p>
        </InfoBar>
      )}
      <div className="form-grid">
        {NEWER_HOSTS.map(([key, label, placeholder]) => (
          <DraftTextField key={key} pointer={`${P}/${key}`} label={t(label)} placeholder={placeholder} help={null} />
        ))}
        <UuidField />
      </div>
    </div>
  );
}

function UuidField() {
  const { t } = useT();
  const uuid = useDraftField<string>(`${P}/UUID`);
  return (
    <DraftTextField
      pointer={`${P}/UUID`}
      label={t('settings.identity.UUID')}
      mono
      placeholder={t('settings.identity.UUID.placeholder')}
      help={t('settings.identity.UUID.help')}
      suffix={
        <Button variant="subtle" label={t('settings.identity.UUID.generate.label')} onClick={() => uuid.set(crypto.randomUUID())}>
          {t('settings.identity.UUID.generate')}
        </Button>
      }
    />
  );
}

/**
 * What the VM's firmware tells the guest about its hardware (SMBIOS, `ChipsetInformation`). Empty
 * fields keep Hyper-V's own values. Only the serial numbers and the asset tag apply on every host; the
 * rest need a host of build 20348 (Windows Server 2022) or later (reference/nanabox.md §2.2).
 */
import { useApiQuery } from '../../../../api/use-api-query.js';
import { Button } from '../../../../kit/Button/Button.js';
import { InfoBar } from '../../../../kit/InfoBar/InfoBar.js';
import { useDraftField } from '../editor/hooks.js';
import { DraftTextField } from '../fields/DraftFields.js';

const P = '/NanaBox/ChipsetInformation';
/** The build from which Hyper-V takes the product fields (NanaBox ignores them below it). */
export const SMBIOS_PRODUCT_BUILD = 20348;

const ANY_HOST = [
  ['SerialNumber', 'System serial number', ''],
  ['BaseBoardSerialNumber', 'Baseboard serial number', ''],
  ['ChassisSerialNumber', 'Chassis serial number', ''],
  ['ChassisAssetTag', 'Chassis asset tag', ''],
] as const;

// Placeholders: the values Hyper-V uses when a field is empty, as NanaBox's documentation lists them.
const NEWER_HOSTS = [
  ['Manufacturer', 'Manufacturer', 'Microsoft Corporation'],
  ['ProductName', 'Product name', 'Virtual Machine'],
  ['Family', 'Family', 'Virtual Machine'],
  ['Version', 'Version', 'Hyper-V UEFI Release v4.1'],
  ['SKUNumber', 'SKU number', ''],
] as const;

export function IdentitySection() {
  const build = useApiQuery('Could not read the host facts', (api) => api.invoke('app.hostFacts'), '').data?.build ?? null;
  const older = build !== null && build > 0 && build < SMBIOS_PRODUCT_BUILD;
  return (
    <div className="stack">
      <p className="muted">What the guest reads as its computer’s make and serial numbers (SMBIOS). Leave a field empty for Hyper-V’s own value.</p>
      <div className="form-grid">
        {ANY_HOST.map(([key, label]) => (
          <DraftTextField key={key} pointer={`${P}/${key}`} label={label} help={null} />
        ))}
      </div>
      <h3 className="subheading">Product</h3>
      {older && (
        <InfoBar tone="warning" title="This computer ignores these">
          <p>Windows build {build} uses its own values; these apply on build {SMBIOS_PRODUCT_BUILD} (Windows Server 2022, Windows 11) and later.</p>
        </InfoBar>
      )}
      <div className="form-grid">
        {NEWER_HOSTS.map(([key, label, placeholder]) => (
          <DraftTextField key={key} pointer={`${P}/${key}`} label={label} placeholder={placeholder} help={null} />
        ))}
        <UuidField />
      </div>
    </div>
  );
}

function UuidField() {
  const uuid = useDraftField<string>(`${P}/UUID`);
  return (
    <DraftTextField
      pointer={`${P}/UUID`}
      label="System UUID"
      mono
      placeholder="Chosen by Hyper-V"
      help="A GUID like f2288275-6c30-47d4-bc24-293fa9c9cb12. Software licensed to a machine often checks it."
      suffix={
        <Button variant="subtle" label="Generate a system UUID" onClick={() => uuid.set(crypto.randomUUID())}>
          Generate
        </Button>
      }
    />
  );
}

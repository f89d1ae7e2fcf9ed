/** The UEFI console and the named pipes behind COM1 and COM2. */
import { UEFI_CONSOLES } from '../../../../../../app/config/model.js';
import { useT } from '../../../../i18n/context.js';
import { DraftSelectField, DraftTextField } from '../fields/DraftFields.js';

const P = '/NanaBox/ComPorts';

export function ComPortsSection() {
  const { t } = useT();
  return (
    <div className="form-grid">
      <DraftSelectField
        pointer={`${P}/UefiConsole`}
        label={t('settings.com.console')}
        options={UEFI_CONSOLES.map((value) => ({ value, label: t(`settings.com.console.${value}`) }))}
      />
      <DraftTextField pointer={`${P}/ComPort1`} label={t('settings.com.com1')} mono placeholder="\\.\pipe\vmpipe1" />
      <DraftTextField pointer={`${P}/ComPort2`} label={t('settings.com.com2')} mono placeholder="\\.\pipe\vmpipe2" />
    </div>
  );
}

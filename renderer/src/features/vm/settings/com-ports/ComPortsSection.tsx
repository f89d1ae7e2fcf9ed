/** The UEFI console and the named pipes behind COM1 and COM2. */
import { UEFI_CONSOLES } from '../../../../../../app/config/model.js';
import { optionsOf } from '../../../../kit/SelectField/SelectField.js';
import { DraftSelectField, DraftTextField } from '../fields/DraftFields.js';

const P = '/NanaBox/ComPorts';

export function ComPortsSection() {
  return (
    <div className="form-grid">
      <DraftSelectField pointer={`${P}/UefiConsole`} label="UEFI console" options={optionsOf(UEFI_CONSOLES, { Disabled: 'Off', Default: 'Default', ComPort1: 'COM1', ComPort2: 'COM2' })} />
      <DraftTextField pointer={`${P}/ComPort1`} label="COM1 named pipe" mono placeholder="\\.\pipe\vmpipe1" />
      <DraftTextField pointer={`${P}/ComPort2`} label="COM2 named pipe" mono placeholder="\\.\pipe\vmpipe2" />
    </div>
  );
}

/**
 * `EnhancedSession.Devices`: Plug and Play device instance IDs the session redirects, matched exactly
 * against the devices the RDP client offers (reference/nanabox.md §2.2). Only with "Plug and Play
 * devices" redirected.
 */
import { Button } from '../../../../kit/Button/Button.js';
import { useDraft, useUpdate } from '../editor/hooks.js';
import { DraftList } from '../fields/DraftList.js';
import { DraftTextField } from '../fields/DraftFields.js';

const LIST = '/NanaBox/EnhancedSession/Devices';

export function DevicesList() {
  const update = useUpdate();
  const redirected = useDraft((c) => c.EnhancedSession.RedirectDevices);
  return (
    <>
      <h3 className="subheading">Devices to redirect</h3>
      <p className="muted">
        Device instance IDs as Device Manager shows them (Details, Device instance path), for example USB\VID_046D&amp;PID_C52B\5&amp;2A9C1E3F&amp;0&amp;2.
        {!redirected && ' They are used only with “Plug and Play devices” redirected.'}
      </p>
      <DraftList<string> pointer={LIST} label="Devices to redirect" itemName={(n) => `device ${n}`} icon={() => 'plug'}>
        {(_id, i, at) => <DraftTextField pointer={at} label={`Device ${i + 1} instance ID`} mono help={null} />}
      </DraftList>
      <div className="button-row">
        <Button icon="plus" onClick={() => update((c) => void c.EnhancedSession.Devices.push(''))}>
          Add device
        </Button>
      </div>
    </>
  );
}

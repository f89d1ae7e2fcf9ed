/**
 * `EnhancedSession.Devices`: Plug and Play device instance IDs the session redirects, matched exactly
 * against the devices the RDP client offers (reference/nanabox.md §2.2). Only with "Plug and Play
 * devices" redirected.
 */
import { useT } from '../../../../i18n/context.js';
import { Button } from '../../../../kit/Button/Button.js';
import { useDraft, useUpdate } from '../editor/hooks.js';
import { DraftList } from '../fields/DraftList.js';
import { DraftTextField } from '../fields/DraftFields.js';

const LIST = '/NanaBox/EnhancedSession/Devices';

export function DevicesList() {
  const { t } = useT();
  const update = useUpdate();
  const redirected = useDraft((c) => c.EnhancedSession.RedirectDevices);
  return (
    <>
      <h3 className="subheading">{t('settings.session.devices')}</h3>
      <p className="muted">
        {t('settings.session.devices.intro')}
        {!redirected && ` ${t('settings.session.devices.off')}`}
      </p>
      <DraftList<string> pointer={LIST} label={t('settings.session.devices')} itemName={(n) => t('settings.session.devices.item', { n })} icon={() => 'plug'}>
        {(_id, i, at) => <DraftTextField pointer={at} label={t('settings.session.devices.id', { n: i + 1 })} mono help={null} />}
      </DraftList>
      <div className="button-row">
        <Button icon="plus" onClick={() => update((c) => void c.EnhancedSession.Devices.push(''))}>
          {t('settings.session.devices.add')}
        </Button>
      </div>
    </>
  );
}

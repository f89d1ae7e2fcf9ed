/** The GPU the guest gets (none, GPU-PV, GPUs picked from the host's, gpu/), and the basic session's display. */
import { GPU_ASSIGNMENT_MODES } from '../../../../../../app/config/model.js';
import { useT } from '../../../../i18n/context.js';
import { useDraft } from '../editor/hooks.js';
import { DraftNumberField, DraftSelectField, DraftToggle } from '../fields/DraftFields.js';
import { GpuAbout } from './gpu/GpuAbout.js';
import { GpuPicker } from './gpu/GpuPicker.js';

const P = '/NanaBox';

export function DisplaySection() {
  const { t } = useT();
  const listed = useDraft((c) => c.Gpu.AssignmentMode === 'List');
  return (
    <div className="stack">
      <h3 className="subheading">{t('settings.display.gpu')}</h3>
      <div className="form-grid">
        <DraftSelectField
          pointer={`${P}/Gpu/AssignmentMode`}
          label={t('settings.display.assignment')}
          options={GPU_ASSIGNMENT_MODES.map((value) => ({ value, label: t(`gpu.${value}`) }))}
          help={t('settings.display.assignment.help')}
        />
        <DraftToggle pointer={`${P}/Gpu/EnableHostDriverStore`} label={t('settings.display.driverStore')} />
      </div>
      <GpuAbout />
      {listed && <GpuPicker />}
      <h3 className="subheading">{t('settings.display.basic')}</h3>
      <div className="form-grid">
        <DraftNumberField pointer={`${P}/VideoMonitor/HorizontalResolution`} label={t('settings.display.width')} unit={t('settings.display.pixels')} min={1} />
        <DraftNumberField pointer={`${P}/VideoMonitor/VerticalResolution`} label={t('settings.display.height')} unit={t('settings.display.pixels')} min={1} />
        <DraftToggle pointer={`${P}/VideoMonitor/DisableBasicSessionDpiScaling`} label={t('settings.display.dpi')} help={t('settings.display.dpi.help')} />
      </div>
    </div>
  );
}

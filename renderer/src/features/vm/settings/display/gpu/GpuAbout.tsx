/**
 * What GPU-PV, GPU-P and the driver share are, in three short paragraphs. Sources:
 * - GPU-PV: Microsoft Learn, "GPU paravirtualization" (WDDM, from Windows 10 version 1803): the guest runs
 *   the driver's user-mode part only, the host's kernel-mode driver does the work.
 * - GPU-P: Microsoft Learn, "GPU partitioning" (Windows Server 2025, Azure Stack HCI): SR-IOV, a dedicated
 *   fraction of the GPU per VM with a hardware boundary. Partition 0xFFFF = GPU-PV (reference/hcs-api.md,
 *   GpuConfiguration.AssignmentRequest).
 * - The driver share: reference/nanabox.md §3.2 (the Plan 9 and SMB shares and their names) and §7
 *   (NanaBox issues #31 and #57: guests that needed HostDriverStore made or filled by hand); shares block
 *   saving the VM's state (reference/hcs-api.md, save).
 */
import { EXTERNAL_LINKS } from '../../../../../../../app/links.js';
import { useT } from '../../../../../i18n/context.js';
import { Disclosure } from '../../../../../kit/Disclosure/Disclosure.js';

export function GpuAbout() {
  const { t } = useT();
  return (
    <Disclosure summary={t('settings.gpu.about')}>
      <div className="gpu-about">
        <p>{t('settings.gpu.about.pv')}</p>
        <p>{t('settings.gpu.about.p')}</p>
        <p>{t('settings.gpu.about.drivers')}</p>
        <p className="gpu-about-links">
          <a href={EXTERNAL_LINKS.gpuParavirtualization} target="_blank" rel="noreferrer">
            {t('settings.gpu.about.pvLink')}
          </a>
          <a href={EXTERNAL_LINKS.gpuPartitioning} target="_blank" rel="noreferrer">
            {t('settings.gpu.about.pLink')}
          </a>
        </p>
      </div>
    </Disclosure>
  );
}

/**
 * Host folders the guest reaches: Plan 9 shares (over a Hyper-V socket port; Linux guests mount them)
 * and Virtual SMB shares. Either kind stops the VM from being saved: HCS refuses to save a VM with Plan 9
 * or Virtual SMB devices (reference/hcs-api.md, "Save fails while GPU-PV, Virtual SMB or Plan9 devices
 * are attached"), so the section says so as soon as there is one.
 */
import type { Plan9Share, VirtualSmbShare } from '../../../../../../app/config/model.js';
import { useT } from '../../../../i18n/context.js';
import { Button } from '../../../../kit/Button/Button.js';
import { EmptyState } from '../../../../kit/EmptyState/EmptyState.js';
import { InfoBar } from '../../../../kit/InfoBar/InfoBar.js';
import { useDraft, useUpdate } from '../editor/hooks.js';
import { DraftList } from '../fields/DraftList.js';
import { DraftCheckbox, DraftNumberField, DraftTextField } from '../fields/DraftFields.js';
import { nextPlan9Port, reservedShareName } from './shares.js';

const P = '/NanaBox';

export function SharesSection() {
  const { t } = useT();
  const count = useDraft((c) => c.Plan9Shares.length + c.VirtualSmbShares.length);
  return (
    <div className="stack">
      <p className="muted">{t('settings.shares.intro')}</p>
      {count > 0 && (
        <InfoBar tone="warning" title={t('settings.shares.noSave.title')}>
          <p>{t('settings.shares.noSave.body')}</p>
        </InfoBar>
      )}
      <Plan9Shares />
      <SmbShares />
    </div>
  );
}

function useReservedWarning(): (name: string) => string[] {
  const { t } = useT();
  const driverStore = useDraft((c) => c.Gpu.EnableHostDriverStore);
  return (name) => {
    const reserved = reservedShareName(name, driverStore);
    return reserved === null ? [] : [t('settings.shares.reserved', { name: reserved })];
  };
}

function Plan9Shares() {
  const { t } = useT();
  const update = useUpdate();
  const reserved = useReservedWarning();
  return (
    <>
      <h3 className="subheading">{t('settings.shares.plan9')}</h3>
      <p className="muted">{t('settings.shares.plan9.intro')}</p>
      <DraftList<Plan9Share>
        pointer={`${P}/Plan9Shares`}
        label={t('settings.shares.plan9')}
        itemName={(n) => t('settings.shares.plan9.item', { n })}
        icon={() => 'share'}
        layout="even"
        empty={<EmptyState icon="share" title={t('settings.shares.plan9.empty')} />}
      >
        {(share, i, at) => {
          const n = i + 1;
          return (
            <>
              <DraftTextField pointer={`${at}/Path`} label={t('settings.shares.plan9.path', { n })} mono placeholder={t('settings.shares.path.placeholder')} />
              <DraftTextField pointer={`${at}/Name`} label={t('settings.shares.plan9.name', { n })} warnings={reserved(share.Name)} />
              <DraftNumberField pointer={`${at}/Port`} label={t('settings.shares.plan9.port', { n })} min={1} />
              <DraftCheckbox pointer={`${at}/ReadOnly`} label={t('settings.shares.plan9.readOnly', { n })} help={t('settings.shares.readOnly.help')} />
            </>
          );
        }}
      </DraftList>
      <div className="button-row">
        <Button icon="plus" onClick={() => update((c) => void c.Plan9Shares.push({ ReadOnly: false, Port: nextPlan9Port(c.Plan9Shares), Path: '', Name: '' }))}>
          {t('settings.shares.plan9.add')}
        </Button>
      </div>
    </>
  );
}

function SmbShares() {
  const { t } = useT();
  const update = useUpdate();
  const reserved = useReservedWarning();
  return (
    <>
      <h3 className="subheading">{t('settings.shares.smb')}</h3>
      <p className="muted">{t('settings.shares.smb.intro')}</p>
      <DraftList<VirtualSmbShare>
        pointer={`${P}/VirtualSmbShares`}
        label={t('settings.shares.smb')}
        itemName={(n) => t('settings.shares.smb.item', { n })}
        icon={() => 'share'}
        layout="even"
        empty={<EmptyState icon="share" title={t('settings.shares.smb.empty')} />}
      >
        {(share, i, at) => {
          const n = i + 1;
          return (
            <>
              <DraftTextField pointer={`${at}/Path`} label={t('settings.shares.smb.path', { n })} mono placeholder={t('settings.shares.path.placeholder')} />
              <DraftTextField pointer={`${at}/Name`} label={t('settings.shares.smb.name', { n })} warnings={reserved(share.Name)} />
              <DraftCheckbox pointer={`${at}/ReadOnly`} label={t('settings.shares.smb.readOnly', { n })} help={t('settings.shares.readOnly.help')} />
            </>
          );
        }}
      </DraftList>
      <div className="button-row">
        <Button icon="plus" onClick={() => update((c) => void c.VirtualSmbShares.push({ ReadOnly: false, Path: '', Name: '' }))}>
          {t('settings.shares.smb.add')}
        </Button>
      </div>
    </>
  );
}

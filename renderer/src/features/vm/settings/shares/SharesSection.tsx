/**
 * Host folders the guest reaches: Plan 9 shares (over a Hyper-V socket port; Linux guests mount them)
 * and Virtual SMB shares. Either kind stops the VM from being saved: HCS refuses to save a VM with Plan 9
 * or Virtual SMB devices (reference/hcs-api.md, "Save fails while GPU-PV, Virtual SMB or Plan9 devices
 * are attached"), so the section says so as soon as there is one.
 */
import type { Plan9Share, VirtualSmbShare } from '../../../../../../app/config/model.js';
import { Button } from '../../../../kit/Button/Button.js';
import { EmptyState } from '../../../../kit/EmptyState/EmptyState.js';
import { InfoBar } from '../../../../kit/InfoBar/InfoBar.js';
import { useDraft, useUpdate } from '../editor/hooks.js';
import { DraftList } from '../fields/DraftList.js';
import { DraftCheckbox, DraftNumberField, DraftTextField } from '../fields/DraftFields.js';
import { nextPlan9Port, reservedShareWarning } from './shares.js';

const P = '/NanaBox';

export function SharesSection() {
  const count = useDraft((c) => c.Plan9Shares.length + c.VirtualSmbShares.length);
  return (
    <div className="stack">
      <p className="muted">Folders of this computer the guest can open. Paths are relative to the folder of the .7b file, or absolute.</p>
      {count > 0 && (
        <InfoBar tone="warning" title="Shares stop the VM from being saved">
          <p>Hyper-V cannot save the state of a VM with Plan 9 or SMB shares: shut it down instead, or remove the shares first.</p>
        </InfoBar>
      )}
      <Plan9Shares />
      <SmbShares />
    </div>
  );
}

function Plan9Shares() {
  const update = useUpdate();
  const driverStore = useDraft((c) => c.Gpu.EnableHostDriverStore);
  return (
    <>
      <h3 className="subheading">Plan 9 shares</h3>
      <p className="muted">For Linux guests: mount with the share’s name over the Hyper-V socket port.</p>
      <DraftList<Plan9Share>
        pointer={`${P}/Plan9Shares`}
        label="Plan 9 shares"
        itemName={(n) => `Plan 9 share ${n}`}
        icon={() => 'share'}
        layout="even"
        empty={<EmptyState icon="share" title="No Plan 9 shares" />}
      >
        {(share, i, at) => (
          <>
            <DraftTextField pointer={`${at}/Path`} label={`Plan 9 share ${i + 1} folder`} mono placeholder="shared" />
            <DraftTextField pointer={`${at}/Name`} label={`Plan 9 share ${i + 1} name`} warnings={reservedShareWarning(share.Name, driverStore)} />
            <DraftNumberField pointer={`${at}/Port`} label={`Plan 9 share ${i + 1} port`} min={1} />
            <DraftCheckbox pointer={`${at}/ReadOnly`} label={`Plan 9 share ${i + 1} read-only`} help="The guest can read but not change the files." />
          </>
        )}
      </DraftList>
      <div className="button-row">
        <Button icon="plus" onClick={() => update((c) => void c.Plan9Shares.push({ ReadOnly: false, Port: nextPlan9Port(c.Plan9Shares), Path: '', Name: '' }))}>
          Add Plan 9 share
        </Button>
      </div>
    </>
  );
}

function SmbShares() {
  const update = useUpdate();
  const driverStore = useDraft((c) => c.Gpu.EnableHostDriverStore);
  return (
    <>
      <h3 className="subheading">SMB shares</h3>
      <p className="muted">Virtual SMB shares for Windows guests, reached inside the VM by the share’s name.</p>
      <DraftList<VirtualSmbShare>
        pointer={`${P}/VirtualSmbShares`}
        label="SMB shares"
        itemName={(n) => `SMB share ${n}`}
        icon={() => 'share'}
        layout="even"
        empty={<EmptyState icon="share" title="No SMB shares" />}
      >
        {(share, i, at) => (
          <>
            <DraftTextField pointer={`${at}/Path`} label={`SMB share ${i + 1} folder`} mono placeholder="shared" />
            <DraftTextField pointer={`${at}/Name`} label={`SMB share ${i + 1} name`} warnings={reservedShareWarning(share.Name, driverStore)} />
            <DraftCheckbox pointer={`${at}/ReadOnly`} label={`SMB share ${i + 1} read-only`} help="The guest can read but not change the files." />
          </>
        )}
      </DraftList>
      <div className="button-row">
        <Button icon="plus" onClick={() => update((c) => void c.VirtualSmbShares.push({ ReadOnly: false, Path: '', Name: '' }))}>
          Add SMB share
        </Button>
      </div>
    </>
  );
}

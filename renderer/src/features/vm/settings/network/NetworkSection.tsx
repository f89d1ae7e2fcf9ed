/**
 * The network adapters: connected or not (at once on a running VM), the switch each joins, its MAC
 * address, and the raw values behind the switch choice.
 */
import type { NetworkAdapter } from '../../../../../../app/config/model.js';
import { NETWORK_ADAPTER_SPEC, defaultObject } from '../../../../../../app/config/spec.js';
import { Button } from '../../../../kit/Button/Button.js';
import { Disclosure } from '../../../../kit/Disclosure/Disclosure.js';
import { EmptyState } from '../../../../kit/EmptyState/EmptyState.js';
import { Toggle } from '../../../../kit/Toggle/Toggle.js';
import { useDraftField, useUpdate } from '../editor/hooks.js';
import { DraftList } from '../fields/DraftList.js';
import { DraftTextField } from '../fields/DraftFields.js';
import { MacField } from './MacField.js';
import { SwitchField } from './SwitchField.js';
import { useHostNetworks } from './use-host-networks.js';
import { useLiveAdapter } from './use-live-adapter.js';
import './NetworkSection.css';

const LIST = '/NanaBox/NetworkAdapters';

export function NetworkSection() {
  const update = useUpdate();
  const { networks, refresh } = useHostNetworks();
  const add = () => update((c) => void c.NetworkAdapters.push({ ...(defaultObject(NETWORK_ADAPTER_SPEC) as unknown as NetworkAdapter), Connected: true }));
  return (
    <div className="stack">
      <p className="muted">Each connected adapter gets a network endpoint when the VM starts. Without a chosen switch it joins NanaBox’s switch (NAT).</p>
      <DraftList<NetworkAdapter>
        pointer={LIST}
        label="Network adapters"
        itemName={(n) => `adapter ${n}`}
        icon={() => 'network'}
        caption={(i) => `#${i + 1}`}
        layout="even"
        empty={<EmptyState icon="network" title="No network adapters" />}
      >
        {(adapter, i, at) => {
          const n = i + 1;
          return (
            <>
              <ConnectedField at={at} index={i} />
              <SwitchField at={at} n={n} networks={networks} onCreated={refresh} />
              <MacField at={at} n={n} started={adapter.EndpointId !== ''} />
              <Disclosure summary="Switch to create, endpoint">
                <DraftTextField pointer={`${at}/SuggestedSwitchId`} label={`Adapter ${n} switch ID`} mono />
                <DraftTextField pointer={`${at}/SuggestedSwitchName`} label={`Adapter ${n} switch name`} />
                <DraftTextField pointer={`${at}/SuggestedSwitchSubnet`} label={`Adapter ${n} switch subnet`} mono placeholder="192.168.100.0/24" />
                <DraftTextField pointer={`${at}/EndpointId`} label={`Adapter ${n} endpoint ID`} mono readOnly placeholder="Generated at the first start" />
              </Disclosure>
            </>
          );
        }}
      </DraftList>
      <div className="button-row">
        <Button icon="plus" onClick={add}>
          Add network adapter
        </Button>
      </div>
    </div>
  );
}

/** "Connected": on a running VM, and for an adapter without unsaved edits, applied at once. */
function ConnectedField({ at, index }: { readonly at: string; readonly index: number }) {
  const field = useDraftField<boolean>(`${at}/Connected`);
  const live = useLiveAdapter(index);
  return (
    <Toggle
      label={`Adapter ${index + 1} connected`}
      checked={field.value}
      disabled={live.busy}
      onChange={(connected) => (live.live ? void live.set(connected) : field.set(connected))}
      errors={field.errors}
      warnings={field.warnings}
      help={
        live.live
          ? 'Applies to the running VM at once. Off removes the adapter from the VM (Hyper-V has no unplugged cable).'
          : 'Off: the VM has no such adapter (Hyper-V has no unplugged cable).'
      }
    />
  );
}

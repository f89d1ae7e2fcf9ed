/** The network adapters: connected or not, the switch each joins, its MAC address, and the switch to create. */
import type { NetworkAdapter } from '../../../../../../app/config/model.js';
import { NETWORK_ADAPTER_SPEC, defaultObject } from '../../../../../../app/config/spec.js';
import { Button } from '../../../../kit/Button/Button.js';
import { Disclosure } from '../../../../kit/Disclosure/Disclosure.js';
import { EmptyState } from '../../../../kit/EmptyState/EmptyState.js';
import { SelectField } from '../../../../kit/SelectField/SelectField.js';
import { useDraftField, useUpdate } from '../editor/hooks.js';
import { writeAt } from '../editor/pointer.js';
import { DraftList } from '../fields/DraftList.js';
import { DraftTextField, DraftToggle } from '../fields/DraftFields.js';
import { useHostNetworks, type HostNetwork } from './use-host-networks.js';

const LIST = '/NanaBox/NetworkAdapters';

export function NetworkSection() {
  const update = useUpdate();
  const networks = useHostNetworks();
  const add = () => update((c) => void c.NetworkAdapters.push({ ...(defaultObject(NETWORK_ADAPTER_SPEC) as unknown as NetworkAdapter), Connected: true }));
  return (
    <div className="stack">
      <p className="muted">Each adapter gets a network endpoint when the VM starts. Without a suggested switch it joins the private NanaBox switch (NAT).</p>
      <DraftList<NetworkAdapter>
        pointer={LIST}
        label="Network adapters"
        itemName={(n) => `adapter ${n}`}
        icon={() => 'network'}
        caption={(i) => `#${i + 1}`}
        layout="even"
        empty={<EmptyState icon="network" title="No network adapters" />}
      >
        {(_adapter, i, at) => {
          const n = i + 1;
          return (
            <>
              <DraftToggle pointer={`${at}/Connected`} label={`Adapter ${n} connected`} />
              <SwitchField at={at} n={n} networks={networks} />
              <DraftTextField pointer={`${at}/MacAddress`} label={`Adapter ${n} MAC address`} mono placeholder="Assigned by Windows" />
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

const OTHER = 'custom';

/**
 * The switch an adapter joins, chosen among the host's: choosing one writes its id and name into the
 * adapter. An id the host does not know stays, shown as "Other".
 */
function SwitchField({ at, n, networks }: { readonly at: string; readonly n: number; readonly networks: readonly HostNetwork[] }) {
  const update = useUpdate();
  const id = useDraftField<string>(`${at}/SuggestedSwitchId`);
  const known = networks.find((net) => net.id.toLowerCase() === id.value.toLowerCase());
  const value = id.value === '' ? '' : known ? known.id : OTHER;
  return (
    <SelectField
      label={`Adapter ${n} virtual switch`}
      value={value}
      options={[
        { value: '', label: 'NanaBox switch (default)' },
        ...networks.map((net) => ({ value: net.id, label: `${net.name} (${net.type})` })),
        ...(value === OTHER ? [{ value: OTHER, label: `Other: ${id.value}` }] : []),
      ]}
      onChange={(chosenId) => {
        if (chosenId === OTHER) return;
        const chosen = networks.find((net) => net.id === chosenId);
        update((c) => {
          writeAt(c, `${at}/SuggestedSwitchId`, chosenId);
          writeAt(c, `${at}/SuggestedSwitchName`, chosen ? chosen.name : '');
        });
      }}
      errors={id.errors}
      warnings={id.warnings}
      help="The virtual switch the adapter joins. A switch named below is created at the first start if it does not exist."
    />
  );
}

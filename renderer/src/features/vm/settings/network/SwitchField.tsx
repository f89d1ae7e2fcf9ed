/**
 * The switch an adapter joins, chosen among the host's (networks.list). Choosing one writes its id, name
 * and subnet into the adapter, so a start after Windows restarted creates the same switch again (Hako's
 * and NanaBox's switches are non-persistent). An id the host does not know stays, shown as "Other".
 * "New switch…" creates one on the spot and chooses it.
 */
import { useState } from 'react';
import { Button } from '../../../../kit/Button/Button.js';
import { SelectField } from '../../../../kit/SelectField/SelectField.js';
import { CreateSwitchDialog } from '../../../networks/CreateSwitchDialog.js';
import type { HostNetwork } from '../../../networks/switch-form.js';
import { useDraftField, useUpdate } from '../editor/hooks.js';
import { writeAt } from '../editor/pointer.js';

const OTHER = 'custom';

export function SwitchField({ at, n, networks, onCreated }: { readonly at: string; readonly n: number; readonly networks: readonly HostNetwork[]; readonly onCreated: () => Promise<readonly HostNetwork[]> }) {
  const update = useUpdate();
  const id = useDraftField<string>(`${at}/SuggestedSwitchId`);
  const [creating, setCreating] = useState(false);
  const known = networks.find((net) => net.id.toLowerCase() === id.value.toLowerCase());
  const value = id.value === '' ? '' : known ? known.id : OTHER;

  const choose = (chosen: HostNetwork | undefined, previous: HostNetwork | undefined) =>
    update((c) => {
      writeAt(c, `${at}/SuggestedSwitchId`, chosen ? chosen.id : '');
      writeAt(c, `${at}/SuggestedSwitchName`, chosen ? chosen.name : '');
      const subnet = c.NetworkAdapters[Number(at.split('/').at(-1))]?.SuggestedSwitchSubnet ?? '';
      // The subnet goes with the switch; one the user set for NanaBox's switch stays when no switch is chosen.
      if (chosen) writeAt(c, `${at}/SuggestedSwitchSubnet`, chosen.subnets[0]?.prefix ?? '');
      else if (previous?.subnets.some((s) => s.prefix === subnet)) writeAt(c, `${at}/SuggestedSwitchSubnet`, '');
    });

  return (
    <div className="switch-field">
      <SelectField
        label={`Adapter ${n} virtual switch`}
        value={value}
        options={[
          { value: '', label: 'NanaBox switch (default, NAT)' },
          ...networks.filter((net) => !net.isDefault).map((net) => ({ value: net.id, label: `${net.name} (${net.type}${net.subnets[0] ? `, ${net.subnets[0].prefix}` : ''})` })),
          ...(value === OTHER ? [{ value: OTHER, label: `Other: ${id.value}` }] : []),
        ]}
        onChange={(chosenId) => {
          if (chosenId === OTHER) return;
          choose(
            networks.find((net) => net.id === chosenId),
            known,
          );
        }}
        errors={id.errors}
        warnings={id.warnings}
        help={switchHelp(known, value)}
      />
      <Button variant="subtle" icon="plus" onClick={() => setCreating(true)}>
        New switch…
      </Button>
      {creating && (
        <CreateSwitchDialog
          networks={networks}
          onClose={() => setCreating(false)}
          onCreated={(createdId) => {
            setCreating(false);
            void onCreated().then((list) => {
              const created = list.find((net) => net.id === createdId);
              if (created) choose(created, known);
            });
          }}
        />
      )}
    </div>
  );
}

function switchHelp(known: HostNetwork | undefined, value: string): string {
  if (value === '') return 'NanaBox’s switch: NAT to this computer’s network, created when the VM starts if it does not exist.';
  if (known === undefined) return 'This computer has no switch with this id now; starting the VM creates it from the name and subnet below.';
  const subnet = known.subnets[0];
  return `${subnet ? `Subnet ${subnet.prefix}, gateway ${subnet.gateway || '—'}. ` : ''}Kept in the adapter, so starting the VM creates the switch again after Windows restarts.`;
}

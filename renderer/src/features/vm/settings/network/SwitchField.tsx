/**
 * The switch an adapter joins, chosen among the host's (networks.list). Choosing one writes its id, name
 * and subnet into the adapter, so a start after Windows restarted creates the same switch again (Hako's
 * and NanaBox's switches are non-persistent). An id the host does not know stays, shown as "Other".
 * "New switch…" creates one on the spot and chooses it.
 */
import { useState } from 'react';
import type { Translator } from '../../../../../../app/i18n/translator.js';
import { useT } from '../../../../i18n/context.js';
import { Button } from '../../../../kit/Button/Button.js';
import { SelectField } from '../../../../kit/SelectField/SelectField.js';
import { CreateSwitchDialog } from '../../../networks/CreateSwitchDialog.js';
import type { HostNetwork } from '../../../networks/switch-form.js';
import { findingText } from '../../findings/findings.js';
import { useDraftField, useUpdate } from '../editor/hooks.js';
import { writeAt } from '../editor/pointer.js';

const OTHER = 'custom';

export function SwitchField({ at, n, networks, onCreated }: { readonly at: string; readonly n: number; readonly networks: readonly HostNetwork[]; readonly onCreated: () => Promise<readonly HostNetwork[]> }) {
  const tr = useT();
  const { t } = tr;
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
        label={t('settings.network.switch', { n })}
        value={value}
        options={[
          { value: '', label: t('settings.network.switch.default') },
          ...networks
            .filter((net) => !net.isDefault)
            .map((net) => ({ value: net.id, label: net.subnets[0] ? t('settings.network.switch.optionSubnet', { name: net.name, type: net.type, subnet: net.subnets[0].prefix }) : t('settings.network.switch.option', { name: net.name, type: net.type }) })),
          ...(value === OTHER ? [{ value: OTHER, label: t('settings.network.switch.other', { id: id.value }) }] : []),
        ]}
        onChange={(chosenId) => {
          if (chosenId === OTHER) return;
          choose(
            networks.find((net) => net.id === chosenId),
            known,
          );
        }}
        errors={id.errors.map((f) => findingText(tr, f))}
        warnings={id.warnings.map((f) => findingText(tr, f))}
        help={switchHelp(tr, known, value)}
      />
      <Button variant="subtle" icon="plus" onClick={() => setCreating(true)}>
        {t('settings.network.newSwitch')}
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

function switchHelp(tr: Translator, known: HostNetwork | undefined, value: string): string {
  if (value === '') return tr.t('settings.network.switch.help.default');
  if (known === undefined) return tr.t('settings.network.switch.help.unknown');
  const subnet = known.subnets[0];
  return subnet ? tr.t('settings.network.switch.help.subnet', { subnet: subnet.prefix, gateway: subnet.gateway || '—' }) : tr.t('settings.network.switch.help.known');
}

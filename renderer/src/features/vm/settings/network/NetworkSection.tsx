/** The network adapters: connected or not, the switch each joins, its MAC address, and the switch to create. */
import type { NetworkAdapter } from '../../../../../../app/config/model.js';
import { NETWORK_ADAPTER_SPEC, defaultObject } from '../../../../../../app/config/spec.js';
import { useT } from '../../../../i18n/context.js';
import { Button } from '../../../../kit/Button/Button.js';
import { Disclosure } from '../../../../kit/Disclosure/Disclosure.js';
import { EmptyState } from '../../../../kit/EmptyState/EmptyState.js';
import { SelectField } from '../../../../kit/SelectField/SelectField.js';
import { findingText } from '../../findings/findings.js';
import { useDraftField, useUpdate } from '../editor/hooks.js';
import { writeAt } from '../editor/pointer.js';
import { DraftList } from '../fields/DraftList.js';
import { DraftTextField, DraftToggle } from '../fields/DraftFields.js';
import { useHostNetworks, type HostNetwork } from './use-host-networks.js';

const LIST = '/NanaBox/NetworkAdapters';

export function NetworkSection() {
  const { t } = useT();
  const update = useUpdate();
  const networks = useHostNetworks();
  const add = () => update((c) => void c.NetworkAdapters.push({ ...(defaultObject(NETWORK_ADAPTER_SPEC) as unknown as NetworkAdapter), Connected: true }));
  return (
    <div className="stack">
      <p className="muted">{t('settings.network.intro')}</p>
      <DraftList<NetworkAdapter>
        pointer={LIST}
        label={t('settings.network.list')}
        itemName={(n) => t('settings.network.item', { n })}
        icon={() => 'network'}
        caption={(i) => t('settings.network.caption', { n: i + 1 })}
        layout="even"
        empty={<EmptyState icon="network" title={t('settings.network.empty')} />}
      >
        {(_adapter, i, at) => {
          const n = i + 1;
          return (
            <>
              <DraftToggle pointer={`${at}/Connected`} label={t('settings.network.connected', { n })} />
              <SwitchField at={at} n={n} networks={networks} />
              <DraftTextField pointer={`${at}/MacAddress`} label={t('settings.network.mac', { n })} mono placeholder={t('settings.network.mac.placeholder')} />
              <Disclosure summary={t('settings.network.more')}>
                <div className="form-grid form-grid-nested">
                  <DraftTextField pointer={`${at}/SuggestedSwitchId`} label={t('settings.network.switchId', { n })} mono />
                  <DraftTextField pointer={`${at}/SuggestedSwitchName`} label={t('settings.network.switchName', { n })} />
                  <DraftTextField pointer={`${at}/SuggestedSwitchSubnet`} label={t('settings.network.subnet', { n })} mono placeholder="192.168.100.0/24" />
                  <DraftTextField
                    pointer={`${at}/EndpointId`}
                    label={t('settings.network.endpoint', { n })}
                    mono
                    readOnly
                    placeholder={t('settings.network.endpoint.placeholder')}
                  />
                </div>
              </Disclosure>
            </>
          );
        }}
      </DraftList>
      <div className="button-row">
        <Button icon="plus" onClick={add}>
          {t('settings.network.add')}
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
  const tr = useT();
  const { t } = tr;
  const update = useUpdate();
  const id = useDraftField<string>(`${at}/SuggestedSwitchId`);
  const known = networks.find((net) => net.id.toLowerCase() === id.value.toLowerCase());
  const value = id.value === '' ? '' : known ? known.id : OTHER;
  return (
    <SelectField
      label={t('settings.network.switch', { n })}
      value={value}
      options={[
        { value: '', label: t('settings.network.switch.default') },
        ...networks.map((net) => ({ value: net.id, label: t('settings.network.switch.option', { name: net.name, type: net.type }) })),
        ...(value === OTHER ? [{ value: OTHER, label: t('settings.network.switch.other', { id: id.value }) }] : []),
      ]}
      onChange={(chosenId) => {
        if (chosenId === OTHER) return;
        const chosen = networks.find((net) => net.id === chosenId);
        update((c) => {
          writeAt(c, `${at}/SuggestedSwitchId`, chosenId);
          writeAt(c, `${at}/SuggestedSwitchName`, chosen ? chosen.name : '');
        });
      }}
      errors={id.errors.map((f) => findingText(tr, f))}
      warnings={id.errors.length > 0 ? [] : id.warnings.map((f) => findingText(tr, f))}
      help={t('settings.network.switch.help')}
    />
  );
}

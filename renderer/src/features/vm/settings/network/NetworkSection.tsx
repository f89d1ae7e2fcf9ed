/**
 * The network adapters: connected or not (at once on a running VM), the switch each joins, its MAC
 * address, and the raw values behind the switch choice.
 */
import type { NetworkAdapter } from '../../../../../../app/config/model.js';
import { NETWORK_ADAPTER_SPEC, defaultObject } from '../../../../../../app/config/spec.js';
import { useT } from '../../../../i18n/context.js';
import { Button } from '../../../../kit/Button/Button.js';
import { Disclosure } from '../../../../kit/Disclosure/Disclosure.js';
import { EmptyState } from '../../../../kit/EmptyState/EmptyState.js';
import { Toggle } from '../../../../kit/Toggle/Toggle.js';
import { findingText } from '../../findings/findings.js';
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
  const { t } = useT();
  const update = useUpdate();
  const { networks, refresh } = useHostNetworks();
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
        {(adapter, i, at) => {
          const n = i + 1;
          return (
            <>
              <ConnectedField at={at} index={i} />
              <SwitchField at={at} n={n} networks={networks} onCreated={refresh} />
              <MacField at={at} n={n} started={adapter.EndpointId !== ''} />
              <Disclosure summary={t('settings.network.more')}>
                <div className="form-grid form-grid-nested">
                  <DraftTextField pointer={`${at}/SuggestedSwitchId`} label={t('settings.network.switchId', { n })} mono />
                  <DraftTextField pointer={`${at}/SuggestedSwitchName`} label={t('settings.network.switchName', { n })} />
                  <DraftTextField pointer={`${at}/SuggestedSwitchSubnet`} label={t('settings.network.subnet', { n })} mono placeholder="192.168.100.0/24" />
                  <DraftTextField pointer={`${at}/EndpointId`} label={t('settings.network.endpoint', { n })} mono readOnly placeholder={t('settings.network.endpoint.placeholder')} />
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

/** "Connected": on a running VM, and for an adapter without unsaved edits, applied at once. */
function ConnectedField({ at, index }: { readonly at: string; readonly index: number }) {
  const tr = useT();
  const { t } = tr;
  const field = useDraftField<boolean>(`${at}/Connected`);
  const live = useLiveAdapter(index);
  return (
    <Toggle
      label={t('settings.network.connected', { n: index + 1 })}
      checked={field.value}
      disabled={live.busy}
      onChange={(connected) => (live.live ? void live.set(connected) : field.set(connected))}
      errors={field.errors.map((f) => findingText(tr, f))}
      warnings={field.warnings.map((f) => findingText(tr, f))}
      help={live.live ? t('settings.network.connected.live') : t('settings.network.connected.help')}
    />
  );
}

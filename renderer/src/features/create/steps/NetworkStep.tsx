/** Step 6: the NanaBox default switch, an existing switch of this computer, or no network. */
import type { CallOutput } from '../../../../../app/ipc/contract.js';
import { SelectField } from '../../../kit/SelectField/SelectField.js';
import type { NetworkChoice } from '../new-vm-draft.js';
import { useT } from '../../../i18n/context.js';
import type { StepProps } from './step-props.js';

export type HostSwitches = CallOutput<'networks.list'>;

const SWITCH = 'switch:';

function choiceValue(choice: NetworkChoice): string {
  return typeof choice === 'string' ? choice : `${SWITCH}${choice.switchId}`;
}

function choiceOf(value: string): NetworkChoice {
  if (value.startsWith(SWITCH)) return { switchId: value.slice(SWITCH.length) };
  return value === 'none' ? 'none' : 'default';
}

export function NetworkStep({ wizard, switches }: StepProps & { readonly switches: HostSwitches | null }) {
  const t = useT();
  // The default switch is its own choice (it is made at the first start if it does not exist yet).
  const others = (switches ?? []).filter((network) => !network.isDefault);
  const options = [
    { value: 'default', label: t.t('create.network.default') },
    ...others.map((network) => ({ value: `${SWITCH}${network.id}`, label: t.t('create.network.switch', { name: network.name, type: network.type }) })),
    { value: 'none', label: t.t('create.network.none') },
  ];
  const value = choiceValue(wizard.draft.network);
  const help = value === 'default' ? t.t('create.network.defaultHelp') : value === 'none' ? t.t('create.network.noneHelp') : t.t('create.network.switchHelp');
  return (
    <div className="stack">
      <SelectField label={t.t('create.network.label')} value={value} options={options} onChange={(next) => wizard.edit({ network: choiceOf(next) })} help={help} />
      {switches === null && <p className="wizard-note">{t.t('create.network.loading')}</p>}
    </div>
  );
}

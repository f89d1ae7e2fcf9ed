/** A new NAT switch: its name and a subnet the host does not use (suggested by main), and the gateway it gets. */
import { useEffect, useState } from 'react';
import { useT } from '../../i18n/context.js';
import { ErrorDetails } from '../../kit/ErrorDetails/ErrorDetails.js';
import { Button } from '../../kit/Button/Button.js';
import { Dialog } from '../../kit/Dialog/Dialog.js';
import { TextField } from '../../kit/TextField/TextField.js';
import type { ShownError } from '../../errors/shown-error.js';
import { switchGateway, switchNameProblem, switchSubnetProblem, type FormProblem, type HostNetwork } from './switch-form.js';
import { useSwitchCall } from './use-networks.js';

export function CreateSwitchDialog({
  networks,
  onClose,
  onCreated,
}: {
  readonly networks: readonly HostNetwork[];
  readonly onClose: () => void;
  readonly onCreated: (id: string) => void;
}) {
  const { t } = useT();
  const call = useSwitchCall();
  const [name, setName] = useState('');
  const [subnet, setSubnet] = useState('');
  const [suggested, setSuggested] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ShownError | null>(null);
  const [touched, setTouched] = useState(false);

  useEffect(() => {
    let current = true;
    void call((api) => api.invoke('networks.suggestSubnet')).then((outcome) => {
      if (!current || !outcome.ok || outcome.value === null) return;
      setSubnet((typed) => (typed === '' ? outcome.value!.prefix : typed));
      setSuggested(true);
    });
    return () => {
      current = false;
    };
  }, [call]);

  const nameProblem = switchNameProblem(name, networks);
  const subnetProblem = switchSubnetProblem(subnet, networks);
  const say = (problem: FormProblem | undefined) => (problem === undefined ? [] : [t(problem.key, problem.values)]);

  const create = async () => {
    setTouched(true);
    if (nameProblem !== undefined || subnetProblem !== undefined) return;
    setBusy(true);
    setError(null);
    const outcome = await call((api) => api.invoke('networks.create', { name: name.trim(), ...(subnet.trim() !== '' ? { subnet: subnet.trim() } : {}) }));
    setBusy(false);
    if (outcome.ok) onCreated(outcome.value.id);
    else setError(outcome.error);
  };

  return (
    <Dialog
      title={t('networks.create.title')}
      onClose={onClose}
      footer={
        <>
          <Button variant="primary" disabled={busy || (touched && (nameProblem !== undefined || subnetProblem !== undefined))} onClick={() => void create()}>
            {t('networks.create.submit')}
          </Button>
          <Button onClick={onClose}>{t('common.cancel')}</Button>
        </>
      }
    >
      <div className="stack">
        <p className="muted">{t('networks.create.intro')}</p>
        <TextField label={t('networks.create.name')} value={name} onChange={setName} autoFocus errors={touched ? say(nameProblem) : []} />
        <TextField
          label={t('networks.create.subnet')}
          value={subnet}
          onChange={setSubnet}
          mono
          placeholder="192.168.100.0/24"
          errors={say(subnetProblem)}
          help={suggested ? t('networks.create.subnet.suggested') : t('networks.create.subnet.help')}
        />
        <TextField label={t('networks.create.gateway')} value={switchGateway(subnet)} readOnly mono placeholder={t('networks.create.gateway.placeholder')} help={t('networks.create.gateway.help')} />
        {error && <ErrorDetails error={error} />}
      </div>
    </Dialog>
  );
}

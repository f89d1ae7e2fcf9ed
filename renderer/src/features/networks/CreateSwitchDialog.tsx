/** A new NAT switch: its name and a subnet the host does not use (suggested by main), and the gateway it gets. */
import { useEffect, useState } from 'react';
import { ErrorDetails } from '../../kit/ErrorDetails/ErrorDetails.js';
import { Button } from '../../kit/Button/Button.js';
import { Dialog } from '../../kit/Dialog/Dialog.js';
import { TextField } from '../../kit/TextField/TextField.js';
import type { ShownError } from '../../errors/shown-error.js';
import { switchGateway, switchNameProblem, switchSubnetProblem, type HostNetwork } from './switch-form.js';
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
  const gateway = switchGateway(subnet);

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
      title="New NAT switch"
      onClose={onClose}
      footer={
        <>
          <Button variant="primary" disabled={busy || (touched && (nameProblem !== undefined || subnetProblem !== undefined))} onClick={() => void create()}>
            Create switch
          </Button>
          <Button onClick={onClose}>Cancel</Button>
        </>
      }
    >
      <div className="stack">
        <p className="muted">VMs on this switch reach the internet through this computer (NAT) and get their addresses by DHCP; they cannot be reached from the network outside.</p>
        <TextField label="Switch name" value={name} onChange={setName} autoFocus errors={touched && nameProblem ? [nameProblem] : []} />
        <TextField
          label="Subnet"
          value={subnet}
          onChange={setSubnet}
          mono
          placeholder="192.168.100.0/24"
          errors={subnetProblem ? [subnetProblem] : []}
          help={suggested ? 'Suggested: a private range no network of this computer uses. Leave empty to let Windows choose.' : 'Leave empty to let Windows choose.'}
        />
        <TextField label="Gateway" value={gateway} readOnly mono placeholder="Follows the subnet" help="This computer’s address on the switch: the subnet’s first three numbers and .1, as NanaBox sets it." />
        {error && <ErrorDetails error={error} />}
      </div>
    </Dialog>
  );
}

// VmService re-attach: VMs left running by a previous Hako are found by owner and mapped back to their files; gone VMs get a notice.
import { describe, expect, it } from 'vitest';
import { memoryRegistry } from '../../../test/support/registry.js';
import { useVmServiceHcnRig } from '../../../test/support/vm-service-hcn-rig.js';
import { waitFor } from '../../../test/support/wait.js';

const rig = useVmServiceHcnRig();
const { services, newService, vmFile } = rig;

describe('re-attach', () => {
  it('VMs left running by a previous Hako are found by owner, reopened and mapped back to their files', async () => {
    const registry = memoryRegistry();
    const first = newService(registry);
    const file = await vmFile('Juliet');
    await first.open(file);
    await first.start(file);
    services.splice(services.indexOf(first), 1);
    await first.dispose();
    expect(rig.controls.hcs.computeSystemCount()).toBe(1);

    const second = newService(registry);
    const result = await second.reattach();
    expect(result).toEqual({ attached: [file], unknown: [], gone: [] });
    expect(second.get(file)).toMatchObject({ state: 'Running', outlivesHako: true });
    await second.powerOff(file);
    expect(second.get(file).state).toBe('Stopped');
  });

  it('a VM recorded as running that is gone gets a notice, not a silent Stopped', async () => {
    const registry = memoryRegistry();
    const first = newService(registry);
    const file = await vmFile('Lima');
    await first.open(file);
    await first.start(file);
    services.splice(services.indexOf(first), 1);
    await first.dispose();
    // Windows shut down meanwhile: the compute system is gone.
    rig.controls.hcs.reset();
    const second = newService(registry);
    await second.open(file);
    expect(await second.reattach()).toEqual({ attached: [], unknown: [], gone: [file] });
    expect(second.get(file)).toMatchObject({ state: 'Stopped', lastError: { code: 'StoppedWhileAway' } });
    expect(second.events(file).at(-1)?.message).toBe('The VM stopped while Hako was not running');
    expect(await registry.runningVms()).toEqual([]);
  });

  it('VMs that die with their handle (keepRunning off) are gone after dispose', async () => {
    const vms = newService(memoryRegistry(), false);
    const file = await vmFile('Kilo');
    await vms.open(file);
    await vms.start(file);
    // The quit dialog must not offer to leave it running.
    expect(vms.get(file).outlivesHako).toBe(false);
    services.splice(services.indexOf(vms), 1);
    await vms.dispose();
    await waitFor(() => rig.controls.hcs.computeSystemCount() === 0, 3000, 'terminate on last handle closed');
  });
});

// VmService queue and races: power off pre-empts queued actions, 50 VMs start at once, re-reads, forgets and saves while a VM starts.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { useVmServiceHcnRig } from '../../../test/support/vm-service-hcn-rig.js';
import { waitFor } from '../../../test/support/wait.js';
import { OperationSupersededError } from './serial-queue.js';

const rig = useVmServiceHcnRig();
const { newService, vmFile } = rig;

describe('queue', () => {
  it('power off pre-empts: the slow start is aborted and queued actions are dropped', async () => {
    rig.controls.hcs.setLatency('HcsStartComputeSystem', 400);
    const vms = newService();
    const file = await vmFile('Lima');
    await vms.open(file);
    const starting = vms.start(file).catch((error: unknown) => error);
    await waitFor(() => vms.get(file).state === 'Starting', 2000, 'Starting');
    const queued = vms.pause(file).catch((error: unknown) => error);
    await waitFor(() => rig.controls.hcs.computeSystemCount() === 1, 2000, 'the compute system exists');
    await vms.powerOff(file);
    expect(await queued).toBeInstanceOf(OperationSupersededError);
    await starting;
    await waitFor(() => rig.controls.hcs.computeSystemCount() === 0, 3000, 'nothing left running');
    expect(vms.get(file).state).toBe('Stopped');
    expect(vms.get(file).lastError).toBeNull();
  });

  it('starts 50 VMs at once', async () => {
    const vms = newService();
    const files = await Promise.all(Array.from({ length: 50 }, (_, i) => vmFile(`Many${i}`)));
    for (const file of files) await vms.open(file);
    await Promise.all(files.map((file) => vms.start(file)));
    expect(files.every((file) => vms.get(file).state === 'Running')).toBe(true);
    expect(rig.controls.hcs.computeSystemCount()).toBe(50);
    await Promise.all(files.map((file) => vms.powerOff(file)));
    expect(files.every((file) => vms.get(file).state === 'Stopped')).toBe(true);
    await waitFor(() => rig.controls.hcs.computeSystemCount() === 0, 5000, 'every compute system gone');
  }, 60_000);
});

describe('races', () => {
  it('re-reading the file while the VM starts does not make it look stopped', async () => {
    rig.controls.hcs.setLatency('HcsStartComputeSystem', 200);
    const vms = newService();
    const file = await vmFile('Quebec');
    await vms.open(file);
    const starting = vms.start(file);
    await waitFor(() => vms.get(file).state === 'Starting', 2000, 'Starting');
    await vms.open(file);
    expect(vms.get(file).state).toBe('Starting');
    await starting;
    expect(vms.get(file).state).toBe('Running');
  });

  it('a VM that is starting cannot be forgotten', async () => {
    rig.controls.hcs.setLatency('HcsStartComputeSystem', 200);
    const vms = newService();
    const file = await vmFile('Romeo');
    await vms.open(file);
    const starting = vms.start(file);
    expect(() => vms.forget(file)).toThrow('A running VM cannot be removed');
    await starting;
  });

  it('saving is refused up front when the file could not record the saved state', async () => {
    const vms = newService();
    const file = await vmFile('Sierra', '"GuestType":"windows"');
    await vms.open(file);
    await vms.start(file);
    await expect(vms.save(file)).rejects.toMatchObject({ code: 'ConsentRequired' });
    expect(vms.get(file).state).toBe('Running');
    expect(existsSync(path.join(rig.dir, 'Sierra.SaveState.vmrs'))).toBe(false);
  });
});

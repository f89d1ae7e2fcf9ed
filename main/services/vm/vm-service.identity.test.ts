// VmService VM identity: a Name that already runs, in Hako or in another program, is refused.
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { useVmServiceHcnRig } from '../../../test/support/vm-service-hcn-rig.js';
import { AlreadyRunningError } from './vm-start.js';

const rig = useVmServiceHcnRig();
const { newService, vmFile } = rig;

describe('identity', () => {
  it('a second file with a Name that already runs is refused, naming the file that runs it', async () => {
    const vms = newService();
    const first = await vmFile('Hotel');
    await writeFile(path.join(rig.dir, 'copy.7b'), await readFile(first));
    const second = path.join(rig.dir, 'copy.7b');
    await vms.open(first);
    await vms.open(second);
    await vms.start(first);
    const failure = await vms.start(second).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(AlreadyRunningError);
    expect((failure as Error).message).toContain(first);
  });

  it('a VM another program runs under the same Name is refused too (NanaBox’s existence probe)', async () => {
    const other = await rig.native.hcs.createComputeSystem('India', {
      SchemaVersion: { Major: 2, Minor: 1 },
      Owner: 'India',
      ShouldTerminateOnLastHandleClosed: true,
      VirtualMachine: { ComputeTopology: { Memory: { SizeInMB: 512 }, Processor: { Count: 1 } } },
    });
    try {
      const vms = newService();
      const file = await vmFile('India');
      await vms.open(file);
      await expect(vms.start(file)).rejects.toThrow('A VM named "India" is already running (started by another program');
    } finally {
      await other.close();
    }
  });
});

// A start whose HcsStartComputeSystem stalls: the watchdog names the call and the VM it concerns while
// the VM's queue waits (nothing is abandoned), and when the call returns at last the start finishes as
// if nothing had happened and the report is withdrawn.
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { nativeCallMonitor, setNativeCallTimeout } from '../../native/index.js';
import { useVmServiceRig } from '../../../test/support/vm-service-rig.js';
import { waitFor } from '../../../test/support/wait.js';

const rig = useVmServiceRig({ prefix: 'hako-vm-stall-' });

afterEach(() => setNativeCallTimeout(0));

describe('a stalled HCS call during a start', () => {
  it('is named with its VM while the start waits, and the start completes when the call returns', async () => {
    const name = `Stalled-${process.pid}`;
    const file = path.join(rig.dir, `${name}.7b`);
    await writeFile(file, '\uFEFF' + JSON.stringify({ NanaBox: { Type: 'VirtualMachine', Version: 1, Name: name, GuestType: 'Windows', ProcessorCount: 1, MemorySize: 1024 } }));
    await rig.vms.open(file);
    setNativeCallTimeout(100);
    rig.controls.hcs.stall('HcsStartComputeSystem', 800);
    let done = false;
    const start = rig.vms.start(file).finally(() => (done = true));
    await waitFor(() => nativeCallMonitor.stalled().length > 0, 3000, 'the stall report');
    expect(nativeCallMonitor.stalled()).toEqual([expect.objectContaining({ api: 'HCS', operation: 'HcsStartComputeSystem', subject: name, running: true })]);
    expect(rig.vms.get(file).state).toBe('Starting');
    expect(done).toBe(false);
    await start;
    expect(rig.vms.get(file).state).toBe('Running');
    expect(nativeCallMonitor.stalled()).toEqual([]);
  });
});

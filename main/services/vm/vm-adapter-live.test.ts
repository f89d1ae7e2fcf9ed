// The Connected toggle of a running VM's adapter, against the koffi bindings and the C stand-ins.
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readSevenB } from '../../../app/config/index.js';
import { HRESULT } from '../../../app/errors/hresult.js';
import { useVmServiceRig } from '../../../test/support/vm-service-rig.js';
import { NetworkService } from '../network-service.js';

const rig = useVmServiceRig({
  prefix: 'hako-adapter-',
  beforeEachTest: (controls) => controls.hcn.reset(),
  deps: (native) => {
    const network = new NetworkService(native.hcn);
    return {
      network: {
        deleteEndpoint: async (id) => void (await network.deleteEndpoint(id)),
        connectAdapter: async (owner, adapter, signal) => {
          const created = await network.createEndpoint({ owner, adapter, ...(signal ? { signal } : {}) });
          return { endpointId: created.endpointId, macAddress: created.macAddress };
        },
      },
    };
  },
});

async function runningVm(name: string): Promise<string> {
  const file = path.join(rig.dir, `${name}.7b`);
  const config = { Type: 'VirtualMachine', Version: 1, Name: name, GuestType: 'Linux', ProcessorCount: 1, MemorySize: 512, NetworkAdapters: [{ Connected: true }, { Connected: true }] };
  await writeFile(file, '\uFEFF' + JSON.stringify({ NanaBox: config }));
  await rig.vms.open(file);
  await rig.vms.start(file);
  return file;
}

const adaptersOf = async (file: string) => readSevenB(await readFile(file)).file!.config.NetworkAdapters;

describe('the Connected toggle on a running VM', () => {
  it('disconnects and reconnects one adapter at once, in the VM and in the file, naming it', async () => {
    const file = await runningVm('Live Toggle');
    const [first, second] = await adaptersOf(file);
    expect(rig.controls.hcn.endpointCount()).toBe(2);

    expect(await rig.vms.setAdapterConnected(file, 1, false)).toEqual({ path: '/NanaBox/NetworkAdapters/1', setting: 'Network adapter 2', outcome: 'applied' });
    expect(rig.controls.hcn.endpointCount()).toBe(1);
    expect(await adaptersOf(file)).toEqual([first, { ...second, Connected: false }]);
    expect(rig.vms.events(file).map((e) => e.message)).toContain('Network adapter 2: disconnected now');

    expect(await rig.vms.setAdapterConnected(file, 1, true)).toMatchObject({ outcome: 'applied' });
    expect(rig.controls.hcn.endpointCount()).toBe(2);
    const after = await adaptersOf(file);
    expect(after[1]).toMatchObject({ Connected: true, EndpointId: second!.EndpointId, MacAddress: second!.MacAddress });
    // It is in the VM again: HCS removes it (a Remove of an adapter the VM lacks fails in HCS).
    expect(await rig.vms.setAdapterConnected(file, 1, false)).toMatchObject({ outcome: 'applied' });
    expect(rig.vms.get(file).pendingRestart).toEqual([]);
  });

  it('leaves every other edit in the file waiting, and refuses an adapter changed since the start', async () => {
    const file = await runningVm('Live Other');
    const text = (await readFile(file, 'utf8')).replace('"MemorySize": 512', '"MemorySize": 1024');
    await writeFile(file, text);
    await rig.vms.setAdapterConnected(file, 0, false);
    expect(rig.vms.get(file).pendingRestart).toEqual(['/NanaBox/MemorySize']);
    expect(readSevenB(await readFile(file)).file!.config.MemorySize).toBe(1024);

    const changed = (await readFile(file, 'utf8')).replace(/"MacAddress": "[^"]+"/, '"MacAddress": "02-00-00-00-00-01"');
    await writeFile(file, changed);
    await expect(rig.vms.setAdapterConnected(file, 0, true)).rejects.toMatchObject({ code: 'AdapterChanged', path: '/NanaBox/NetworkAdapters/0' });
    await expect(rig.vms.setAdapterConnected(file, 5, true)).rejects.toMatchObject({ code: 'AdapterNotFound' });
  });

  it('says when HCS refuses, and leaves the file as it was', async () => {
    const file = await runningVm('Live Refused');
    rig.controls.hcs.injectFault('HcsModifyComputeSystem', HRESULT.E_ACCESSDENIED, false);
    expect(await rig.vms.setAdapterConnected(file, 0, false)).toMatchObject({ outcome: 'failed', setting: 'Network adapter 1', error: { hresult: HRESULT.E_ACCESSDENIED } });
    expect((await adaptersOf(file))[0]!.Connected).toBe(true);
  });

  it('is refused on a VM that does not run', async () => {
    const file = await runningVm('Live Stopped');
    await rig.vms.powerOff(file);
    await expect(rig.vms.setAdapterConnected(file, 0, false)).rejects.toMatchObject({ code: 'ActionNotAllowed' });
  });
});

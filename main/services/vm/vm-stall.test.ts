// A start whose HcsStartComputeSystem stalls: the watchdog names the call and the VM it concerns while
// the VM's queue waits (nothing is abandoned), and when the call returns at last the start finishes as
// if nothing had happened and the report is withdrawn.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { loadNativeHost, nativeCallMonitor, setNativeCallTimeout, type NativeHost } from '../../native/index.js';
import { standInControls, type StandInControls } from '../../../test/support/native/stand-in-controls.js';
import { ensureStandIns } from '../../../test/support/native/stand-ins.js';
import { waitFor } from '../../../test/support/wait.js';
import { VmService } from './vm-service.js';

let native: NativeHost;
let controls: StandInControls;
let dir: string;
let vms: VmService;

beforeAll(() => {
  ensureStandIns();
  native = loadNativeHost();
  controls = standInControls();
});

beforeEach(async () => {
  controls.hcs.reset();
  dir = await mkdtemp(path.join(tmpdir(), 'hako-vm-stall-'));
  vms = new VmService({
    hcs: native.hcs,
    network: { deleteEndpoint: async () => undefined, connectAdapter: () => Promise.reject(new Error('no adapters here')) },
    host: native.host,
    registry: { rememberRunning: async () => undefined, forgetRunning: async () => undefined, fileForId: async () => null, runningVms: async () => [] },
    settings: { keepRunning: false },
  });
});

afterEach(async () => {
  setNativeCallTimeout(0);
  for (const vm of vms.list()) if (vm.actions.includes('powerOff')) await vms.powerOff(vm.path).catch(() => undefined);
  await vms.dispose();
  await waitFor(() => controls.hcs.openHandleCount() === 0, 5000, 'all HCS handles closed');
  await rm(dir, { recursive: true, force: true });
});

describe('a stalled HCS call during a start', () => {
  it('is named with its VM while the start waits, and the start completes when the call returns', async () => {
    const name = `Stalled-${process.pid}`;
    const file = path.join(dir, `${name}.7b`);
    await writeFile(file, '\uFEFF' + JSON.stringify({ NanaBox: { Type: 'VirtualMachine', Version: 1, Name: name, GuestType: 'Windows', ProcessorCount: 1, MemorySize: 1024 } }));
    await vms.open(file);
    setNativeCallTimeout(100);
    controls.hcs.stall('HcsStartComputeSystem', 800);
    let done = false;
    const start = vms.start(file).finally(() => (done = true));
    await waitFor(() => nativeCallMonitor.stalled().length > 0, 3000, 'the stall report');
    expect(nativeCallMonitor.stalled()).toEqual([expect.objectContaining({ api: 'HCS', operation: 'HcsStartComputeSystem', subject: name, running: true })]);
    expect(vms.get(file).state).toBe('Starting');
    expect(done).toBe(false);
    await start;
    expect(vms.get(file).state).toBe('Running');
    expect(nativeCallMonitor.stalled()).toEqual([]);
  });
});

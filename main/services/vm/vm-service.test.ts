// VmService against the real koffi bindings and the C stand-ins of computecore and computenetwork.
import { memoryRegistry } from '../../../test/support/registry.js';
import { existsSync } from 'node:fs';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { readSevenB } from '../../../app/config/index.js';
import { HcsError } from '../../../app/errors/hcs-error.js';
import { HRESULT } from '../../../app/errors/hresult.js';
import { loadNativeHost, type NativeHost } from '../../native/index.js';
import { standInControls, type StandInControls } from '../../../test/support/native/stand-in-controls.js';
import { ensureStandIns } from '../../../test/support/native/stand-ins.js';
import { waitFor } from '../../../test/support/wait.js';
import { NetworkService } from '../network-service.js';
import { OperationSupersededError } from './serial-queue.js';
import { ConfigService, type VmFiles } from '../config-service.js';
import { VmService } from './vm-service.js';
import { AlreadyRunningError, type VmNetworking } from './vm-start.js';

let native: NativeHost;
let controls: StandInControls;
let dir: string;
const services: VmService[] = [];

async function endpointsRecordedIn(folder: string): Promise<number> {
  const ids = new Set<string>();
  for (const name of await readdir(folder)) {
    if (!name.endsWith('.7b')) continue;
    const file = readSevenB(await readFile(path.join(folder, name))).file;
    for (const adapter of file?.config.NetworkAdapters ?? []) if (adapter.EndpointId !== '') ids.add(adapter.EndpointId);
  }
  return ids.size;
}

beforeAll(() => {
  ensureStandIns();
  native = loadNativeHost();
  controls = standInControls();
});

beforeEach(async () => {
  controls.hcs.reset();
  controls.hcn.reset();
  controls.hcs.setShutdownDelay(20);
  dir = await mkdtemp(path.join(tmpdir(), 'hako-vm-'));
});

afterEach(async () => {
  // Every VM a test left running is powered off, then every handle closed: the counters must be 0.
  for (const service of services.splice(0)) {
    for (const vm of service.list()) if (vm.actions.includes('powerOff')) await service.powerOff(vm.path).catch(() => undefined);
    await service.dispose();
  }
  await waitFor(() => controls.hcs.openHandleCount() === 0, 5000, 'all HCS handles closed');
  expect(controls.hcs.liveAllocationCount()).toBe(0);
  expect(controls.hcn.openHandleCount()).toBe(0);
  expect(controls.hcn.liveAllocationCount()).toBe(0);
  // Every endpoint a start created is recorded in its VM's file (HCN endpoints outlive the VM, as in
  // NanaBox, and the next start replaces them), or was deleted again.
  expect(controls.hcn.endpointCount()).toBe(await endpointsRecordedIn(dir));
  await rm(dir, { recursive: true, force: true });
});


function networking(): VmNetworking {
  const service = new NetworkService(native.hcn);
  return {
    deleteEndpoint: async (id) => void (await service.deleteEndpoint(id)),
    connectAdapter: async (owner, adapter, signal) => {
      const created = await service.createEndpoint({ owner, adapter, ...(signal ? { signal } : {}) });
      return { endpointId: created.endpointId, macAddress: created.macAddress };
    },
  };
}

function newService(registry = memoryRegistry(), keepRunning = true, files: VmFiles = new ConfigService()): VmService {
  const service = new VmService({
    hcs: native.hcs,
    network: networking(),
    host: native.host,
    registry,
    files,
    settings: { keepRunning, shutdownTimeoutMs: 2000 },
  });
  services.push(service);
  return service;
}

async function vmFile(name: string, extra = ''): Promise<string> {
  await writeFile(path.join(dir, `${name}.vhdx`), 'disk');
  const file = path.join(dir, `${name}.7b`);
  await writeFile(
    file,
    '\uFEFF' +
      JSON.stringify({
        NanaBox: {
          Type: 'VirtualMachine',
          Version: 1,
          Name: name,
          GuestType: 'Windows',
          ProcessorCount: 2,
          MemorySize: 2048,
          NetworkAdapters: [{ Connected: true }],
          ScsiDevices: [{ Type: 'VirtualDisk', Path: `${name}.vhdx` }, { Type: 'VirtualImage' }],
          ...JSON.parse(`{${extra}}`),
        },
      }),
  );
  return file;
}

const configOf = async (file: string) => readSevenB(await readFile(file)).file!.config;

describe('VmService lifecycle', () => {
  it('start → pause → resume → save → resume from the save → shut down, with the file written back', async () => {
    const vms = newService();
    const file = await vmFile('Alpha');
    expect((await vms.open(file)).state).toBe('Stopped');

    await vms.start(file);
    expect(vms.get(file).state).toBe('Running');
    const written = await configOf(file);
    expect(written.GuestStateFile).toBe('Alpha.vmgs');
    expect(written.RuntimeStateFile).toBe('Alpha.vmrs');
    expect(written.NetworkAdapters[0]!.EndpointId).toMatch(/^[0-9a-f-]{36}$/);
    expect(written.NetworkAdapters[0]!.MacAddress).toMatch(/^00-15-5D(-[0-9A-F]{2}){3}$/);
    expect(existsSync(path.join(dir, 'Alpha.vmgs'))).toBe(true);

    await vms.pause(file);
    expect(vms.get(file).state).toBe('Paused');
    await vms.resume(file);
    expect(vms.get(file).state).toBe('Running');

    await vms.save(file);
    expect(vms.get(file).state).toBe('Saved');
    expect((await configOf(file)).SaveStateFile).toBe('Alpha.SaveState.vmrs');
    expect(existsSync(path.join(dir, 'Alpha.SaveState.vmrs'))).toBe(true);
    expect(controls.hcs.computeSystemCount()).toBe(0);

    await vms.start(file);
    expect(vms.get(file).state).toBe('Running');
    expect((await configOf(file)).SaveStateFile).toBe('');
    expect(existsSync(path.join(dir, 'Alpha.SaveState.vmrs'))).toBe(false);
    // The endpoint is re-created with the MAC the file recorded, so the guest keeps its NIC.
    expect((await configOf(file)).NetworkAdapters[0]!.MacAddress).toBe(written.NetworkAdapters[0]!.MacAddress);

    expect(await vms.shutdown(file)).toEqual({ stopped: true });
    expect(vms.get(file).state).toBe('Stopped');
    expect(vms.events(file).map((e) => e.message)).toContain('Started');
  });

  it('a file NanaBox refuses cannot start, and its snapshot keeps the reasons (a missing BOM)', async () => {
    const vms = newService();
    const file = await vmFile('NoBom');
    await writeFile(file, (await readFile(file, 'utf8')).replace(/^\uFEFF/, ''));
    const snapshot = await vms.open(file);
    expect(snapshot.config).toBeNull();
    expect(snapshot.actions).not.toContain('start');
    expect(snapshot.lastError?.code).toBe('ConfigRefused');
    expect(snapshot.findings).toEqual([expect.objectContaining({ severity: 'error', code: 'file.bom-missing' })]);
    // Mended, the file reads again and loses its reasons.
    await writeFile(file, '\uFEFF' + (await readFile(file, 'utf8')));
    const mended = await vms.open(file);
    expect(mended.findings.filter((f) => f.severity === 'error')).toEqual([]);
    expect(mended.lastError).toBeNull();
    expect(mended.actions).toContain('start');
  });

  it('takes state from events: a guest power-off stops the VM, a crash puts it in Error', async () => {
    const vms = newService();
    const a = await vmFile('Bravo');
    const b = await vmFile('Charlie');
    await vms.open(a);
    await vms.open(b);
    await vms.start(a);
    await vms.start(b);
    expect(controls.hcs.guestPowerOff('Bravo', false)).toBe(0);
    expect(controls.hcs.guestPowerOff('Charlie', true)).toBe(0);
    await waitFor(() => vms.get(a).state === 'Stopped' && vms.get(b).state === 'Error', 3000, 'exit events');
    expect(vms.get(b).lastError?.code).toBe('HCS_E_UNEXPECTED_EXIT');
  });

  it('a shutdown the guest does not finish in time leaves the VM running and says so', async () => {
    controls.hcs.setShutdownDelay(5000);
    const vms = newService();
    const file = await vmFile('Delta');
    await vms.open(file);
    await vms.start(file);
    expect(await vms.shutdown(file)).toEqual({ stopped: false, reason: 'timeout' });
    expect(vms.get(file).state).toBe('Running');
  });

  it('refuses actions the state does not allow', async () => {
    const vms = newService();
    const file = await vmFile('Echo');
    await vms.open(file);
    await expect(vms.pause(file)).rejects.toThrow('Cannot pause a VM that is stopped.');
  });
});

describe('failures during start leave nothing behind', () => {
  const steps = [
    'HcsOpenComputeSystem',
    'HcsGrantVmAccess',
    'HcsCreateEmptyGuestStateFile',
    'HcsCreateEmptyRuntimeStateFile',
    'HcsCreateComputeSystem',
    'HcsSetComputeSystemCallback',
    'HcsStartComputeSystem',
    'HcsModifyComputeSystem',
  ];
  const codes = [HRESULT.E_ACCESSDENIED, HRESULT.HCS_E_INVALID_JSON, HRESULT.HCS_E_SERVICE_NOT_AVAILABLE];

  for (const step of steps) {
    for (const direct of [true, false]) {
      it(`${step} failing ${direct ? 'directly' : 'through its operation'}`, async () => {
        const vms = newService();
        const file = await vmFile('Foxtrot');
        await vms.open(file);
        for (const code of codes) {
          controls.hcs.injectFault(step, code, direct);
          const failure = await vms.start(file).then(
            () => null,
            (error: unknown) => error,
          );
          expect(failure, `${step} ${code.toString(16)}`).toBeInstanceOf(HcsError);
          expect((failure as HcsError).hresult).toBe(code);
          expect((failure as HcsError).advice ?? '').not.toBe(undefined);
          expect(vms.get(file).state).toBe('Error');
          expect(vms.get(file).lastError?.hresult).toBe(code);
          expect(controls.hcs.computeSystemCount()).toBe(0);
          await waitFor(() => controls.hcs.openHandleCount() === 0, 3000, 'handles closed after a failed start');
          expect(controls.hcs.liveAllocationCount()).toBe(0);
        }
        // And the same VM starts fine once the fault is gone.
        await vms.start(file);
        expect(vms.get(file).state).toBe('Running');
      });
    }
  }

  it('an HCN failure while creating the endpoint fails the start with the HCN error', async () => {
    const vms = newService();
    const file = await vmFile('Golf');
    await vms.open(file);
    controls.hcn.injectFault('HcnCreateEndpoint', HRESULT.HCN_E_ICS_DISABLED);
    const failure = await vms.start(file).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(HcsError);
    expect((failure as HcsError).code).toBe('HCN_E_ICS_DISABLED');
    expect(vms.get(file).state).toBe('Error');
    expect(controls.hcs.computeSystemCount()).toBe(0);
  });
});

describe('identity', () => {
  it('a second file with a Name that already runs is refused, naming the file that runs it', async () => {
    const vms = newService();
    const first = await vmFile('Hotel');
    await writeFile(path.join(dir, 'copy.7b'), await readFile(first));
    const second = path.join(dir, 'copy.7b');
    await vms.open(first);
    await vms.open(second);
    await vms.start(first);
    const failure = await vms.start(second).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(AlreadyRunningError);
    expect((failure as Error).message).toContain(first);
  });

  it('a VM another program runs under the same Name is refused too (NanaBox’s existence probe)', async () => {
    const other = await native.hcs.createComputeSystem('India', {
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

describe('re-attach', () => {
  it('VMs left running by a previous Hako are found by owner, reopened and mapped back to their files', async () => {
    const registry = memoryRegistry();
    const first = newService(registry);
    const file = await vmFile('Juliet');
    await first.open(file);
    await first.start(file);
    services.splice(services.indexOf(first), 1);
    await first.dispose();
    expect(controls.hcs.computeSystemCount()).toBe(1);

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
    controls.hcs.reset();
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
    await waitFor(() => controls.hcs.computeSystemCount() === 0, 3000, 'terminate on last handle closed');
  });
});

describe('queue', () => {
  it('power off pre-empts: the slow start is aborted and queued actions are dropped', async () => {
    controls.hcs.setLatency('HcsStartComputeSystem', 400);
    const vms = newService();
    const file = await vmFile('Lima');
    await vms.open(file);
    const starting = vms.start(file).catch((error: unknown) => error);
    await waitFor(() => vms.get(file).state === 'Starting', 2000, 'Starting');
    const queued = vms.pause(file).catch((error: unknown) => error);
    await waitFor(() => controls.hcs.computeSystemCount() === 1, 2000, 'the compute system exists');
    await vms.powerOff(file);
    expect(await queued).toBeInstanceOf(OperationSupersededError);
    await starting;
    await waitFor(() => controls.hcs.computeSystemCount() === 0, 3000, 'nothing left running');
    expect(vms.get(file).state).toBe('Stopped');
    expect(vms.get(file).lastError).toBeNull();
  });

  it('starts 50 VMs at once', async () => {
    const vms = newService();
    const files = await Promise.all(Array.from({ length: 50 }, (_, i) => vmFile(`Many${i}`)));
    for (const file of files) await vms.open(file);
    await Promise.all(files.map((file) => vms.start(file)));
    expect(files.every((file) => vms.get(file).state === 'Running')).toBe(true);
    expect(controls.hcs.computeSystemCount()).toBe(50);
    await Promise.all(files.map((file) => vms.powerOff(file)));
    expect(files.every((file) => vms.get(file).state === 'Stopped')).toBe(true);
    await waitFor(() => controls.hcs.computeSystemCount() === 0, 5000, 'every compute system gone');
  }, 60_000);
});

describe('races', () => {
  it('re-reading the file while the VM starts does not make it look stopped', async () => {
    controls.hcs.setLatency('HcsStartComputeSystem', 200);
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
    controls.hcs.setLatency('HcsStartComputeSystem', 200);
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
    expect(existsSync(path.join(dir, 'Sierra.SaveState.vmrs'))).toBe(false);
  });
});

describe('reload', () => {
  it('applies what can change live, reports what needs a restart, and never reverts the file', async () => {
    const vms = newService();
    const file = await vmFile('Mike');
    await vms.open(file);
    await vms.start(file);
    const text = (await readFile(file, 'utf8')).replace('"MemorySize": 2048', '"MemorySize": 4096').replace('"ProcessorCount": 2', '"ProcessorCount": 4');
    await writeFile(file, text);
    const outcomes = await vms.reload(file);
    expect(outcomes).toEqual(
      expect.arrayContaining([
        { path: '/NanaBox/MemorySize', setting: 'Memory', outcome: 'applied' },
        { path: '/NanaBox/ProcessorCount', setting: 'Processors', outcome: 'needs-restart' },
      ]),
    );
    // The log names each setting in words.
    expect(vms.events(file).map((e) => e.message)).toEqual(expect.arrayContaining(['Memory: applied now', 'Processors: waits for a restart']));
    expect((await configOf(file)).ProcessorCount).toBe(4);
    expect(vms.get(file).pendingRestart).toEqual(['/NanaBox/ProcessorCount']);
  });

  it('a failed hot change is reported with its HRESULT', async () => {
    const vms = newService();
    const file = await vmFile('November');
    await vms.open(file);
    await vms.start(file);
    await writeFile(file, (await readFile(file, 'utf8')).replace('"MemorySize": 2048', '"MemorySize": 3072'));
    controls.hcs.injectFault('HcsModifyComputeSystem', HRESULT.E_ACCESSDENIED, false);
    const [outcome] = await vms.reload(file);
    expect(outcome).toMatchObject({ path: '/NanaBox/MemorySize', outcome: 'failed', error: { hresult: HRESULT.E_ACCESSDENIED } });
  });
});

describe('write-back', () => {
  it('when the file cannot be written the VM keeps running and the user is told', async () => {
    const vms = newService(
      memoryRegistry(),
      true,
      new (class extends ConfigService {
        override async writeBack(): Promise<never> {
          throw new Error('disk full');
        }
      })(),
    );
    const file = await vmFile('Oscar');
    await vms.open(file);
    await vms.start(file);
    expect(vms.get(file).state).toBe('Running');
    expect(vms.get(file).lastError?.message).toBe('disk full');
    expect(vms.events(file).some((e) => e.level === 'warning' && e.message.includes('could not be updated'))).toBe(true);
  });

  it('a file holding values NanaBox would replace is left alone rather than rewritten without consent', async () => {
    const vms = newService();
    const file = await vmFile('Papa', '"GuestType":"windows"');
    await vms.open(file);
    const before = await readFile(file);
    await vms.start(file);
    expect(await readFile(file)).toEqual(before);
    expect(vms.events(file).some((e) => e.message.includes('did not update the VM file'))).toBe(true);
  });
});

describe('discarding the saved state', () => {
  it('removes the save file and the .7b’s mention of it, and the VM boots afresh', async () => {
    const vms = newService();
    const file = await vmFile('Mike');
    await vms.open(file);
    await vms.start(file);
    await vms.save(file);
    const saveName = (await configOf(file)).SaveStateFile;
    expect(vms.get(file).state).toBe('Saved');
    expect(existsSync(path.join(dir, saveName))).toBe(true);
    await vms.discardSavedState(file);
    expect((await configOf(file)).SaveStateFile).toBe('');
    expect(existsSync(path.join(dir, saveName))).toBe(false);
    expect(vms.get(file).state).toBe('Stopped');
    await vms.start(file);
    expect(vms.get(file).state).toBe('Running');
    await expect(vms.discardSavedState(file)).rejects.toMatchObject({ code: 'VmRunning' });
    await vms.powerOff(file);
  });

  it('is the way out of a .7b that names a missing save file (NanaBox’s example does)', async () => {
    const vms = newService();
    const file = await vmFile('November', '"SaveStateFile": "gone.vmrs"');
    await vms.open(file);
    await expect(vms.start(file)).rejects.toMatchObject({ code: 'SaveStateMissing' });
    await vms.discardSavedState(file);
    // Nothing failed any more: the VM is simply stopped, without the failed start's error.
    expect(vms.get(file)).toMatchObject({ state: 'Stopped', lastError: null });
    await vms.start(file);
    expect(vms.get(file).state).toBe('Running');
    await vms.powerOff(file);
  });
});

describe('settings Hyper-V would refuse', () => {
  it('stop Start before Hyper-V is asked, naming the setting', async () => {
    const vms = newService();
    const file = await vmFile('Oscar', '"ComPorts": {"ComPort1": "not a pipe"}');
    await vms.open(file);
    expect(vms.get(file).findings.map((f) => f.code)).toContain('comport.not-pipe');
    await expect(vms.start(file)).rejects.toMatchObject({ code: 'StartBlocked', path: '/NanaBox/ComPorts/ComPort1', message: expect.stringContaining('is not a named pipe') as string, params: { finding: 'comport.not-pipe' } });
    expect(vms.get(file).state).toBe('Stopped');
    expect(controls.hcs.computeSystemCount()).toBe(0);
  });
});

/**
 * The VmService tests' set-up on the real koffi bindings and the C stand-ins of computecore and computenetwork,
 * with real networking (NetworkService on the HCN stand-in) and the real ConfigService. Per test a fresh folder
 * and stand-in state; after it every service a test made is disposed (its VMs powered off first), and no HCS or
 * HCN handle or allocation may be left, nor an HCN endpoint that no VM file records.
 * (test/support/vm-service-rig.ts is the lighter rig of the tests whose VMs have no network.)
 */
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeAll, beforeEach, expect } from 'vitest';
import { readSevenB } from '../../app/config/index.js';
import { loadNativeHost, type NativeHost } from '../../main/native/index.js';
import { ConfigService, type VmFiles } from '../../main/services/config-service.js';
import { NetworkService } from '../../main/services/network-service.js';
import { VmService } from '../../main/services/vm/vm-service.js';
import { type VmNetworking } from '../../main/services/vm/vm-start.js';
import { standInControls, type StandInControls } from './native/stand-in-controls.js';
import { ensureStandIns } from './native/stand-ins.js';
import { memoryRegistry } from './registry.js';
import { waitFor } from './wait.js';

/** Registers the hooks and returns the fixtures; `native`, `controls` and `dir` are this test's once the hooks ran. */
export function useVmServiceHcnRig() {
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

  return {
    get native() {
      return native;
    },
    get controls() {
      return controls;
    },
    /** This test's folder. */
    get dir() {
      return dir;
    },
    /** The services disposed after the test (a test that disposes one itself takes it out). */
    services,
    newService,
    vmFile,
    configOf,
  };
}

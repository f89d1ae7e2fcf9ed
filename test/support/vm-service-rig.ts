/**
 * VmService on the real koffi bindings and the C stand-ins, as the VM tests that run VMs share it: the
 * stand-ins loaded once per file, a fresh folder and service per test (stand-in state reset first), and
 * every VM powered off, the service disposed and the folder removed after it.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeAll, beforeEach } from 'vitest';
import { loadNativeHost, type NativeHost } from '../../main/native/index.js';
import { VmService, type VmServiceDeps } from '../../main/services/vm/vm-service.js';
import { standInControls, type StandInControls } from './native/stand-in-controls.js';
import { ensureStandIns } from './native/stand-ins.js';
import { memoryRegistry } from './registry.js';
import { waitFor } from './wait.js';

/** Networking for tests whose VMs have no adapter (or must not reach one). */
export const noNetwork: VmServiceDeps['network'] = {
  deleteEndpoint: async () => undefined,
  connectAdapter: () => Promise.reject(new Error('no network in these tests')),
};

export interface VmServiceRig {
  readonly native: NativeHost;
  readonly controls: StandInControls;
  /** This test's folder. */
  readonly dir: string;
  readonly vms: VmService;
}

/**
 * Registers the hooks; the returned object's fields are this test's once `beforeEach` ran. `deps`
 * makes the service (the defaults: no network, an in-memory registry, no keep-running, a 2 s shutdown
 * timeout). After each test every HCS handle must be closed; `afterDispose` checks more.
 */
export function useVmServiceRig(options: {
  readonly prefix: string;
  readonly deps?: (native: NativeHost) => Partial<VmServiceDeps>;
  readonly beforeEachTest?: (controls: StandInControls) => void;
  readonly afterDispose?: (rig: VmServiceRig) => Promise<void> | void;
}): VmServiceRig {
  const rig = {} as { native: NativeHost; controls: StandInControls; dir: string; vms: VmService };
  beforeAll(() => {
    ensureStandIns();
    rig.native = loadNativeHost();
    rig.controls = standInControls();
  });
  beforeEach(async () => {
    rig.controls.hcs.reset();
    options.beforeEachTest?.(rig.controls);
    rig.dir = await mkdtemp(path.join(tmpdir(), options.prefix));
    rig.vms = new VmService({
      hcs: rig.native.hcs,
      network: noNetwork,
      host: rig.native.host,
      registry: memoryRegistry(),
      settings: { keepRunning: false, shutdownTimeoutMs: 2000 },
      ...options.deps?.(rig.native),
    });
  });
  afterEach(async () => {
    for (const vm of rig.vms.list()) if (vm.actions.includes('powerOff')) await rig.vms.powerOff(vm.path).catch(() => undefined);
    await rig.vms.dispose();
    await waitFor(() => rig.controls.hcs.openHandleCount() === 0, 5000, 'all HCS handles closed');
    await options.afterDispose?.(rig);
    await rm(rig.dir, { recursive: true, force: true });
  });
  return rig;
}

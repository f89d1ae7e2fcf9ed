// VmService on hosts of different builds, against the stand-in that refuses what each build would not
// know: on 19041 (schema 2.3) a shutdown sends NULL options and, with no guest connection in an ordinary
// guest, ends in the power-off offer after the timeout (unverified on a real 19041 host); on 26100 it asks
// the shutdown integration service, which the VM document names (Services.Shutdown, schema 2.5).
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { loadNativeHost, type NativeHost } from '../../native/index.js';
import { standInControls, type StandInControls } from '../../../test/support/native/stand-in-controls.js';
import { ensureStandIns } from '../../../test/support/native/stand-ins.js';
import { waitFor } from '../../../test/support/wait.js';
import { CapabilitiesService } from '../capabilities.js';
import { VmService } from './vm-service.js';

let native: NativeHost;
let controls: StandInControls;
let dir: string;
const savedBuild = process.env.HAKO_STAND_IN_BUILD;
const services: VmService[] = [];

beforeAll(() => {
  ensureStandIns();
  native = loadNativeHost();
  controls = standInControls();
});

beforeEach(async () => {
  controls.hcs.reset();
  controls.hcs.setShutdownDelay(20);
  dir = await mkdtemp(path.join(tmpdir(), 'hako-vm-build-'));
});

afterEach(async () => {
  for (const service of services.splice(0)) {
    for (const vm of service.list()) if (vm.actions.includes('powerOff')) await service.powerOff(vm.path).catch(() => undefined);
    await service.dispose();
  }
  await waitFor(() => controls.hcs.openHandleCount() === 0, 5000, 'all HCS handles closed');
  if (savedBuild === undefined) delete process.env.HAKO_STAND_IN_BUILD;
  else process.env.HAKO_STAND_IN_BUILD = savedBuild;
  await rm(dir, { recursive: true, force: true });
});

/** A VmService on a host of `build`, whose schema version comes from HCS itself, as in the app. */
function serviceOn(build: number): VmService {
  process.env.HAKO_STAND_IN_BUILD = String(build);
  const host = { ...native.host, build };
  const capabilities = new CapabilitiesService(native.hcs, host);
  const service = new VmService({
    hcs: native.hcs,
    network: { deleteEndpoint: async () => undefined, connectAdapter: () => Promise.reject(new Error('no adapters here')) },
    host,
    registry: { rememberRunning: async () => undefined, forgetRunning: async () => undefined, fileForId: async () => null, runningVms: async () => [] },
    settings: { keepRunning: false, shutdownTimeoutMs: 400 },
    schemaVersion: async () => (await capabilities.get()).maxSchemaVersion,
  });
  services.push(service);
  return service;
}

async function vmFile(name: string): Promise<string> {
  const file = path.join(dir, `${name}.7b`);
  await writeFile(file, '\uFEFF' + JSON.stringify({ NanaBox: { Type: 'VirtualMachine', Version: 1, Name: `${name}-${process.pid}`, GuestType: 'Windows', ProcessorCount: 1, MemorySize: 1024 } }));
  return file;
}

describe('a 19041 host (schema 2.3)', () => {
  it('shuts down with NULL options, and a guest that does not act ends in the power-off offer', async () => {
    const vms = serviceOn(19041);
    const file = await vmFile('Old');
    await vms.open(file);
    // The 19041 stand-in refuses 2.5 fields in the document (Services) and non-NULL shutdown options.
    await vms.start(file);
    expect(await vms.shutdown(file)).toEqual({ stopped: false, reason: 'timeout' });
    expect(vms.get(file).state).toBe('Running');
    expect(vms.events(file).map((e) => e.message)).toContain('The guest did not shut down in time; power it off to stop it.');
    await vms.powerOff(file);
    expect(vms.get(file).state).toBe('Stopped');
  });

  it('pauses, saves and resumes with the options 2.3 knows', async () => {
    const vms = serviceOn(19041);
    const file = await vmFile('OldSave');
    await vms.open(file);
    await vms.start(file);
    await vms.pause(file);
    await vms.resume(file);
    await vms.save(file);
    expect(vms.get(file).state).toBe('Saved');
  });
});

describe('a 26100 host', () => {
  it('shuts down through the integration service the document names', async () => {
    const vms = serviceOn(26100);
    const file = await vmFile('New');
    await vms.open(file);
    await vms.start(file);
    expect(await vms.shutdown(file)).toEqual({ stopped: true });
    expect(vms.get(file).state).toBe('Stopped');
  });
});

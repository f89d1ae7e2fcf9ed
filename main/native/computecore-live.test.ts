// What a running VM of the computecore stand-in answers, as strictly as Windows (or stricter where
// Windows is not documented): changing a DVD drive's medium with a Modify request (the file must exist and
// be granted to the VM; the attachment checked field by field against the host's schema), and the live
// figures of HcsGetComputeSystemProperties ("Statistics" and "Memory", and property types by build).
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { HcsError } from '../../app/errors/hcs-error.js';
import { HRESULT } from '../../app/errors/hresult.js';
import { NativeHcs, type NativeComputeSystem } from './computecore.js';
import { standInControls, type StandInControls } from '../../test/support/native/stand-in-controls.js';
import { ensureStandIns } from '../../test/support/native/stand-ins.js';
import { delay, waitFor } from '../../test/support/wait.js';

let hcs: NativeHcs;
let controls: StandInControls;
let dir: string;
const savedBuild = process.env.HAKO_STAND_IN_BUILD;
const opened: NativeComputeSystem[] = [];
let counter = 0;

const CONTROLLER = 'NanaBox Scsi Controller';
const hex = (code: number) => `0x${(code >>> 0).toString(16)}`;

function setBuild(build: string | undefined): void {
  if (build === undefined) delete process.env.HAKO_STAND_IN_BUILD;
  else process.env.HAKO_STAND_IN_BUILD = build;
}

async function failure(promise: Promise<unknown>): Promise<string> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(HcsError);
  return hex((error as HcsError).hresult);
}

/** A running VM with 2 processors and 1 GiB, a DVD drive at LUN 0 (empty) and a disk at LUN 1. */
async function runningVm(): Promise<{ id: string; system: NativeComputeSystem }> {
  const id = `live-${process.pid}-${++counter}`;
  const system = await hcs.createComputeSystem(id, {
    SchemaVersion: { Major: 2, Minor: 1 },
    ShouldTerminateOnLastHandleClosed: true,
    VirtualMachine: {
      ComputeTopology: { Memory: { SizeInMB: 1024 }, Processor: { Count: 2 } },
      Devices: { Scsi: { [CONTROLLER]: { Attachments: { '0': { Type: 'Iso', Path: '' }, '1': { Type: 'VirtualDisk', Path: path.join(dir, 'disk.vhdx') } } } } },
    },
  });
  opened.push(system);
  await system.start();
  return { id, system };
}

const media = (lun: number, settings: Record<string, unknown>) => ({ ResourcePath: `VirtualMachine/Devices/Scsi/${CONTROLLER}/Attachments/${lun}`, RequestType: 'Update', Settings: settings });

interface Figures {
  Statistics: { Timestamp: string; Uptime100ns: number; Processor: { TotalRuntime100ns: number; RuntimeUser100ns: number; RuntimeKernel100ns: number }; Memory: { MemoryUsagePrivateWorkingSetBytes: number } };
  Memory: { VirtualMachineMemory: { AssignedMemory: number } };
}

async function figures(system: NativeComputeSystem): Promise<Figures> {
  return (await system.properties({ PropertyTypes: ['Statistics', 'Memory'] })) as unknown as Figures;
}

beforeAll(() => {
  ensureStandIns();
  hcs = new NativeHcs();
  controls = standInControls();
  dir = mkdtempSync(path.join(tmpdir(), 'hako-live-'));
  writeFileSync(path.join(dir, 'disk.vhdx'), 'disk');
  writeFileSync(path.join(dir, 'setup.iso'), 'image');
  writeFileSync(path.join(dir, 'other.iso'), 'image');
});

beforeEach(() => controls.hcs.reset());

// Under wine this file shares a process (and its top-level hooks) with the other computecore tests,
// whose systems may still be open when this hook runs: it checks only what it opened itself, and the
// stand-in's handle count once every test has run.
afterEach(async () => {
  setBuild(savedBuild);
  for (const system of opened.splice(0)) {
    await system.terminate().catch(() => undefined);
    await system.close();
  }
  expect(hcs.pendingOperations).toBe(0);
});

afterAll(async () => {
  setBuild(savedBuild);
  rmSync(dir, { recursive: true, force: true });
  await waitFor(() => controls.hcs.openHandleCount() === 0, 3000, 'every handle closed');
});

describe('changing a DVD drive’s medium on a running VM', () => {
  it('inserts an image the VM was granted, swaps it and ejects it', async () => {
    const { id, system } = await runningVm();
    const iso = path.join(dir, 'setup.iso');
    const other = path.join(dir, 'other.iso');
    await hcs.grantVmAccess(id, iso);
    await hcs.grantVmAccess(id, other);
    await system.modify(media(0, { Type: 'Iso', Path: iso }));
    await system.modify(media(0, { Type: 'Iso', Path: other }));
    await system.modify(media(0, { Type: 'Iso', Path: '' }));
  });

  it('refuses an image that is missing or not granted to this VM, as the VM worker could not open it', async () => {
    const { system } = await runningVm();
    expect(await failure(system.modify(media(0, { Type: 'Iso', Path: path.join(dir, 'setup.iso') })))).toBe(hex(HRESULT.E_ACCESSDENIED));
    expect(await failure(system.modify(media(0, { Type: 'Iso', Path: path.join(dir, 'missing.iso') })))).toBe(hex(HRESULT.ERROR_FILE_NOT_FOUND));
  });

  it('refuses a drive that does not exist, a change of type, a disk without a file and unknown or newer fields', async () => {
    const { id, system } = await runningVm();
    const iso = path.join(dir, 'setup.iso');
    await hcs.grantVmAccess(id, iso);
    expect(await failure(system.modify(media(5, { Type: 'Iso', Path: iso })))).toBe(hex(HRESULT.ERROR_NOT_FOUND));
    expect(await failure(system.modify(media(0, { Type: 'VirtualDisk', Path: iso })))).toBe(hex(HRESULT.ERROR_NOT_SUPPORTED));
    expect(await failure(system.modify(media(1, { Type: 'VirtualDisk', Path: '' })))).toBe(hex(HRESULT.HCS_E_INVALID_JSON));
    expect(await failure(system.modify(media(0, { Type: 'Iso', Path: '', Eject: true })))).toBe(hex(HRESULT.HCS_E_INVALID_JSON));
    expect(await failure(system.modify(media(0, { Type: 'DVD', Path: '' })))).toBe(hex(HRESULT.HCS_E_INVALID_JSON));
    expect(await failure(system.modify(media(0, { Path: '' })))).toBe(hex(HRESULT.HCS_E_INVALID_JSON));
    // AlwaysAllowSparseFiles is schema 2.6 (22000): fine on 26100, unknown to 19041.
    await system.modify(media(0, { Type: 'Iso', Path: iso, ReadOnly: true, AlwaysAllowSparseFiles: true }));
    setBuild('19041');
    expect(await failure(system.modify(media(0, { Type: 'Iso', Path: iso, AlwaysAllowSparseFiles: true })))).toBe(hex(HRESULT.HCS_E_INVALID_JSON));
    await system.modify(media(0, { Type: 'Iso', Path: iso, ReadOnly: true }));
  });
});

describe('live figures (Statistics and Memory)', () => {
  it('reports uptime and processor time that grow with the load it is told, and the memory in 4 KiB pages', async () => {
    const { id, system } = await runningVm();
    expect(controls.hcs.setGuestLoad(id, 50)).toBe(0);
    const first = await figures(system);
    await delay(400);
    const second = await figures(system);
    expect(Date.parse(second.Statistics.Timestamp)).toBeGreaterThan(Date.now() - 60_000);
    const uptime = second.Statistics.Uptime100ns - first.Statistics.Uptime100ns;
    const runtime = second.Statistics.Processor.TotalRuntime100ns - first.Statistics.Processor.TotalRuntime100ns;
    expect(uptime).toBeGreaterThanOrEqual(4_000_000);
    // Two processors at 50 %: one processor's worth of the elapsed time (the two samples bracket it).
    expect(runtime).toBeGreaterThan(uptime * 0.8);
    expect(runtime).toBeLessThan(uptime * 1.2);
    const processor = second.Statistics.Processor;
    expect(processor.RuntimeUser100ns + processor.RuntimeKernel100ns).toBe(processor.TotalRuntime100ns);
    expect(second.Memory.VirtualMachineMemory.AssignedMemory).toBe(1024 * 256);
    const workingSet = second.Statistics.Memory.MemoryUsagePrivateWorkingSetBytes;
    expect(workingSet).toBeGreaterThan(0);
    expect(workingSet).toBeLessThan(1024 * 1024 * 1024);
  });

  it('keeps processor time still while the VM is paused or idle, and follows a memory resize', async () => {
    const { id, system } = await runningVm();
    expect(controls.hcs.setGuestLoad(id, 100)).toBe(0);
    await system.pause();
    const paused = await figures(system);
    await delay(200);
    expect((await figures(system)).Statistics.Processor.TotalRuntime100ns).toBe(paused.Statistics.Processor.TotalRuntime100ns);
    await system.resume();
    expect(controls.hcs.setGuestLoad(id, 0)).toBe(0);
    const idle = await figures(system);
    await delay(200);
    const later = await figures(system);
    expect(later.Statistics.Processor.TotalRuntime100ns).toBe(idle.Statistics.Processor.TotalRuntime100ns);
    expect(later.Statistics.Uptime100ns).toBeGreaterThan(idle.Statistics.Uptime100ns);
    await system.modify({ ResourcePath: 'VirtualMachine/ComputeTopology/Memory/SizeInMB', RequestType: 'Update', Settings: 2048 });
    expect((await figures(system)).Memory.VirtualMachineMemory.AssignedMemory).toBe(2048 * 256);
  });

  it('refuses property types and query members the build does not know', async () => {
    const { id, system } = await runningVm();
    expect(await failure(system.properties({ PropertyTypes: ['MemoryTopology'] }))).toBe(hex(HRESULT.HCS_E_INVALID_JSON));
    expect(await failure(system.properties({ PropertyTypes: ['Statistics'], Extra: 1 }))).toBe(hex(HRESULT.HCS_E_INVALID_JSON));
    const answered = (await system.properties({ PropertyTypes: ['CpuFrequencyPowerCap'], Queries: { Unknown: {} } })) as { PropertyResponses?: Record<string, { Error?: { Error: number } }> };
    expect(answered.PropertyResponses?.Unknown?.Error?.Error).toBe(HRESULT.E_NOTIMPL | 0);
    setBuild('19041');
    expect(await failure(system.properties({ PropertyTypes: ['CpuFrequencyPowerCap'] }))).toBe(hex(HRESULT.HCS_E_INVALID_JSON));
    expect(await failure(system.properties({ PropertyTypes: ['Statistics'], Queries: {} }))).toBe(hex(HRESULT.HCS_E_INVALID_JSON));
    expect(await system.properties({ PropertyTypes: ['Statistics', 'Memory'] })).toHaveProperty('Statistics');
    expect(controls.hcs.setGuestLoad(id, 101)).toBe(HRESULT.E_INVALIDARG | 0);
    expect(controls.hcs.setGuestLoad('no-such-vm', 10)).toBe(HRESULT.HCS_E_SYSTEM_NOT_FOUND | 0);
  });
});

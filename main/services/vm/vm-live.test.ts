// VmService on a running VM, against the real koffi bindings and the computecore stand-in: a DVD drive's
// medium changed live and in the file (vm-media.ts), and the live figures (vm-statistics.ts).
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { readSevenB } from '../../../app/config/index.js';
import { HRESULT } from '../../../app/errors/hresult.js';
import { useVmServiceRig } from '../../../test/support/vm-service-rig.js';
import { delay } from '../../../test/support/wait.js';
import { ConfigService } from '../config-service.js';
import { figuresOf } from './vm-statistics.js';

const rig = useVmServiceRig({
  prefix: 'hako-live-',
  deps: () => ({ files: new ConfigService() }),
  afterDispose: ({ controls }) => expect(controls.hcs.liveAllocationCount()).toBe(0),
});

beforeEach(async () => {
  await writeFile(path.join(rig.dir, 'setup.iso'), 'image');
  await writeFile(path.join(rig.dir, 'other.iso'), 'image');
  await writeFile(path.join(rig.dir, 'Lab.vhdx'), 'disk');
});

/** A VM with a disk at LUN 0 and an empty DVD drive (with a key Hako does not know) at LUN 1. */
async function labVm(extra: Record<string, unknown> = {}): Promise<string> {
  const file = path.join(rig.dir, 'Lab.7b');
  const config = {
    Type: 'VirtualMachine',
    Version: 1,
    Name: 'Lab',
    GuestType: 'Linux',
    ProcessorCount: 2,
    MemorySize: 2048,
    ScsiDevices: [{ Type: 'VirtualDisk', Path: 'Lab.vhdx' }, { Type: 'VirtualImage', Note: 'kept' }],
    ...extra,
  };
  await writeFile(file, '\uFEFF' + JSON.stringify({ NanaBox: config }));
  await rig.vms.open(file);
  return file;
}

const dvdPath = async (file: string) => readSevenB(await readFile(file)).file!.config.ScsiDevices[1]!.Path;

describe('a DVD drive’s medium', () => {
  it('is inserted, swapped and ejected on a running VM, and the file records each (unknown keys kept)', async () => {
    const file = await labVm();
    await rig.vms.start(file);
    const iso = path.join(rig.dir, 'setup.iso');
    expect(await rig.vms.setMedia(file, 1, iso)).toEqual({ appliedNow: true });
    expect(await dvdPath(file)).toBe(iso);
    expect(await readFile(file, 'utf8')).toContain('"Note": "kept"');
    expect(rig.vms.get(file).pendingRestart).toEqual([]);
    await rig.vms.setMedia(file, 1, path.join(rig.dir, 'other.iso'));
    expect(await rig.vms.setMedia(file, 1, null)).toEqual({ appliedNow: true });
    expect(await dvdPath(file)).toBe('');
    expect(rig.vms.events(file).map((e) => e.message)).toEqual(expect.arrayContaining(['DVD drive 2: setup.iso inserted', 'DVD drive 2: other.iso inserted', 'DVD drive 2: ejected']));
  });

  it('is not recorded when the running VM refused it', async () => {
    const file = await labVm();
    await rig.vms.start(file);
    rig.controls.hcs.injectFault('HcsModifyComputeSystem', HRESULT.E_ACCESSDENIED, false);
    await expect(rig.vms.setMedia(file, 1, path.join(rig.dir, 'setup.iso'))).rejects.toMatchObject({ hresult: HRESULT.E_ACCESSDENIED });
    expect(await dvdPath(file)).toBe('');
    expect(rig.vms.events(file).at(-1)?.message).toContain('DVD drive 2: the medium could not change');
  });

  it('refuses what is not a DVD drive, a missing image and a file NanaBox would rewrite; a stopped VM changes only in the file', async () => {
    const file = await labVm();
    const iso = path.join(rig.dir, 'setup.iso');
    await expect(rig.vms.setMedia(file, 0, iso)).rejects.toMatchObject({ code: 'NotADvdDrive', message: expect.stringContaining('Disk 1') as string });
    await expect(rig.vms.setMedia(file, 7, iso)).rejects.toMatchObject({ code: 'NotADvdDrive' });
    await expect(rig.vms.setMedia(file, 1, path.join(rig.dir, 'missing.iso'))).rejects.toMatchObject({ code: 'FileNotFound' });
    expect(await rig.vms.setMedia(file, 1, iso)).toEqual({ appliedNow: false });
    expect(await dvdPath(file)).toBe(iso);
    expect(rig.vms.events(file).at(-1)?.message).toBe('DVD drive 2: setup.iso inserted (for the next start)');

    const lossy = await labVm({ GuestType: 'linux' });
    const before = await readFile(lossy, 'utf8');
    await expect(rig.vms.setMedia(lossy, 1, null)).rejects.toMatchObject({ code: 'ConsentRequired' });
    expect(await readFile(lossy, 'utf8')).toBe(before);
  });
});

describe('live figures', () => {
  it('follow the guest’s load over the time since the last read, with the memory assigned', async () => {
    const file = await labVm();
    await rig.vms.start(file);
    expect(rig.controls.hcs.setGuestLoad('Lab', 50)).toBe(0);
    await rig.vms.statistics(file);
    await delay(300);
    const busy = await rig.vms.statistics(file);
    expect(busy.cpuPercent).toBeGreaterThan(40);
    expect(busy.cpuPercent).toBeLessThan(60);
    expect(busy.memoryAssignedMb).toBe(2048);
    expect(busy.memoryUsedMb).toBeGreaterThan(0);
    expect(busy.memoryUsedMb).toBeLessThan(2048);
    expect(rig.controls.hcs.setGuestLoad('Lab', 0)).toBe(0);
    await rig.vms.statistics(file);
    await delay(300);
    const idle = await rig.vms.statistics(file);
    expect(idle.cpuPercent).toBeLessThan(5);
    expect(idle.uptimeMs).toBeGreaterThan(busy.uptimeMs);
  });

  it('keep no timer of their own, and are refused once the VM has stopped', async () => {
    const file = await labVm();
    await rig.vms.start(file);
    const timers = () => process.getActiveResourcesInfo().filter((r) => r === 'Timeout').length;
    const before = timers();
    for (let i = 0; i < 5; i++) await rig.vms.statistics(file);
    expect(timers()).toBeLessThanOrEqual(before);
    await rig.vms.powerOff(file);
    await expect(rig.vms.statistics(file)).rejects.toMatchObject({ code: 'VmNotRunning' });
  });

  it('are computed from the Properties document as hcsshim reads it (4 KiB pages), and tolerate missing fields', () => {
    const properties = (uptime: number, runtime: number) => ({
      Id: 'x',
      Statistics: { Uptime100ns: uptime, Processor: { TotalRuntime100ns: runtime } },
      Memory: { VirtualMachineMemory: { AssignedMemory: 4096 * 256 } },
    });
    const first = figuresOf(properties(10_000_000, 10_000_000), undefined, 4, 512);
    // 1 s up, 1 s of processor time on 4 processors: 25 % since the start.
    expect(first.figures).toEqual({ uptimeMs: 1000, cpuPercent: 25, memoryAssignedMb: 4096 });
    const second = figuresOf(properties(20_000_000, 50_000_000), first.sample, 4, 512);
    expect(second.figures.cpuPercent).toBe(100);
    // A restarted system (uptime went back) starts afresh; nothing reported falls back to the file.
    expect(figuresOf({ Id: 'x' }, second.sample, 2, 512).figures).toEqual({ uptimeMs: 0, cpuPercent: 0, memoryAssignedMb: 512 });
  });
});

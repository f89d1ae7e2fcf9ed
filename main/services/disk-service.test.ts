import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { HRESULT } from '../../app/errors/hresult.js';
import { loadNativeHost } from '../native/index.js';
import { standInControls, type StandInControls } from '../../test/support/native/stand-in-controls.js';
import { ensureStandIns } from '../../test/support/native/stand-ins.js';
import { GiB, MiB } from '../../app/disks/size.js';
import { DiskService } from './disk-service.js';
import { type VirtDisk } from './ports.js';

/** The first run (or a run after the C sources changed) builds the stand-ins, which takes a while. */
const STAND_IN_BUILD_TIMEOUT_MS = 180_000;

// ---------------------------------------------------------------------------------------------------
// Against the real koffi bindings and the virtdisk stand-in (build/stand-in/libvirtdisk.so).

describe('DiskService on the virtdisk stand-in', () => {
  let virtDisk: VirtDisk;
  let controls: StandInControls;
  let dir: string;
  let calls: string[];
  let service: DiskService;
  /** The running VMs each disk is attached to, as app-services finds them. */
  let running: Map<string, string[]>;

  beforeAll(() => {
    ensureStandIns();
    virtDisk = loadNativeHost().virtDisk;
    controls = standInControls();
  }, STAND_IN_BUILD_TIMEOUT_MS);

  beforeEach(async () => {
    controls.virtDisk.reset();
    dir = await mkdtemp(path.join(tmpdir(), 'hako-disks-'));
    calls = [];
    running = new Map();
    const counted: VirtDisk = {
      create: (p, o) => (calls.push('create'), virtDisk.create(p, o)),
      createDifferencing: (p, parent, o) => (calls.push('createDifferencing'), virtDisk.createDifferencing(p, parent, o)),
      resize: (p, s, o) => (calls.push('resize'), virtDisk.resize(p, s, o)),
      compact: (p, o) => (calls.push('compact'), virtDisk.compact(p, o)),
      info: (p) => (calls.push('info'), virtDisk.info(p)),
    };
    service = new DiskService(counted, undefined, { runningUsers: (file) => running.get(file) ?? [] });
  });

  afterEach(async () => {
    controls.virtDisk.setBytesPerSecond(0);
    expect(controls.virtDisk.openHandleCount()).toBe(0);
    await rm(dir, { recursive: true, force: true });
  });

  it('creates a dynamic VHDX from a size text, then reads its info, resizes and compacts it', async () => {
    const file = path.join(dir, 'Disk.vhdx');
    await service.create({ path: file, size: '64 GiB' });
    expect((await stat(file)).isFile()).toBe(true);
    const info = await service.info(file);
    expect(info).toMatchObject({ format: 'vhdx', virtualSize: 64 * GiB, fixed: false });
    expect(info.physicalSize).toBeLessThan(64 * GiB);

    await service.resize(file, '80 GiB');
    expect((await service.info(file)).virtualSize).toBe(80 * GiB);
    await service.compact(file);
    expect((await service.info(file)).virtualSize).toBe(80 * GiB);
  });

  it('creates a VHD when the extension says so', async () => {
    const file = path.join(dir, 'Old.VHD');
    await service.create({ path: file, size: 3 * MiB });
    expect(await service.info(file)).toMatchObject({ format: 'vhd', virtualSize: 3 * MiB });
  });

  it('refuses to create over an existing file', async () => {
    const file = path.join(dir, 'Taken.vhdx');
    await writeFile(file, 'precious');
    await expect(service.create({ path: file, size: '1 GiB' })).rejects.toMatchObject({
      code: 'FileExists',
      params: { path: file },
    });
    expect(await readFile(file, 'utf8')).toBe('precious');
    expect(calls).toEqual([]);
  });

  it.each([
    ['a size below 3 MiB', { name: 'a.vhdx', size: '2 MiB' }, 'SizeTooSmall'],
    ['a VHD above 2040 GiB', { name: 'a.vhd', size: '2041 GiB' }, 'SizeTooLarge'],
    ['a VHDX above 64 TiB', { name: 'a.vhdx', size: '65 TiB' }, 'SizeTooLarge'],
    ['a size that is no multiple of 512', { name: 'a.vhdx', size: 4 * MiB + 100 }, 'SizeNotAligned'],
    ['an unknown extension', { name: 'a.img', size: '1 GiB' }, 'UnsupportedFormat'],
    ['an unreadable size', { name: 'a.vhdx', size: 'big' }, 'InvalidSize'],
  ])('rejects %s before calling virtdisk', async (_label, input, code) => {
    const file = path.join(dir, input.name);
    await expect(service.create({ path: file, size: input.size })).rejects.toMatchObject({ code });
    await expect(stat(file)).rejects.toMatchObject({ code: 'ENOENT' });
    expect(calls).toEqual([]);
  });

  it('rejects relative paths and checks resize sizes against the format', async () => {
    await expect(service.create({ path: 'Disk.vhdx', size: '1 GiB' })).rejects.toMatchObject({ code: 'InvalidPath' });
    const file = path.join(dir, 'Small.vhd');
    await service.create({ path: file, size: '1 GiB' });
    calls.length = 0;
    await expect(service.resize(file, '3 TiB')).rejects.toMatchObject({ code: 'SizeTooLarge' });
    await expect(service.compact(path.join(dir, 'x.iso'))).rejects.toMatchObject({ code: 'UnsupportedFormat' });
    expect(calls).toEqual([]);
  });

  it('shrinks down to the smallest safe size and no further, naming the minimum before virtdisk is asked', async () => {
    const file = path.join(dir, 'Shrink.vhdx');
    await service.create({ path: file, size: '8 GiB' });
    expect(await service.info(file)).toMatchObject({ smallestSafeSize: 8 * GiB });
    expect(controls.virtDisk.setSmallestSafeSize(file, 5 * GiB)).toBe(0);
    calls.length = 0;
    const refused = await service.resize(file, '4 GiB').catch((e: unknown) => e);
    expect(refused).toMatchObject({ code: 'SizeBelowSafeMinimum', params: { min: 5 * GiB, size: 4 * GiB } });
    expect((refused as Error).message).toContain('5 GB');
    expect(calls).toEqual(['info']);
    await service.resize(file, '5 GiB');
    expect(await service.info(file)).toMatchObject({ virtualSize: 5 * GiB, smallestSafeSize: 5 * GiB });
    // Growing leaves the partitions (and so the minimum) where they were.
    await service.resize(file, '12 GiB');
    expect(await service.info(file)).toMatchObject({ virtualSize: 12 * GiB, smallestSafeSize: 5 * GiB });
  });

  it('refuses to resize or compact a disk a running VM uses, naming the VM, without calling virtdisk', async () => {
    const file = path.join(dir, 'Busy.vhdx');
    await service.create({ path: file, size: '1 GiB' });
    running.set(file, ['Lab']);
    calls.length = 0;
    await expect(service.compact(file)).rejects.toMatchObject({ code: 'DiskInUse', message: expect.stringContaining('Lab') as string });
    await expect(service.resize(file, '2 GiB')).rejects.toMatchObject({ code: 'DiskInUse', params: { vms: 'Lab' } });
    expect(calls).toEqual([]);
    running.clear();
    await service.compact(file);
  });

  it('makes differencing disks; info gives their type and parent chain, and names a missing parent', async () => {
    const base = path.join(dir, 'Base.vhdx');
    const child = path.join(dir, 'Child.vhdx');
    const grandchild = path.join(dir, 'Grandchild.vhdx');
    await service.create({ path: base, size: '4 GiB' });
    await service.createDifferencing({ path: child, parentPath: base });
    await service.createDifferencing({ path: grandchild, parentPath: child });
    expect(await service.info(base)).toMatchObject({ type: 'dynamic', parents: [] });
    expect(await service.info(grandchild)).toMatchObject({
      format: 'vhdx',
      type: 'differencing',
      fixed: false,
      virtualSize: 4 * GiB,
      parents: [
        { path: child, missing: false },
        { path: base, missing: false },
      ],
    });
    await expect(service.createDifferencing({ path: child, parentPath: base })).rejects.toMatchObject({ code: 'FileExists' });
    running.set(base, ['Lab']);
    await expect(service.createDifferencing({ path: path.join(dir, 'Other.vhdx'), parentPath: base })).rejects.toMatchObject({ code: 'DiskInUse' });
    await rm(base);
    expect((await service.info(grandchild)).parents).toEqual([
      { path: child, missing: false },
      { path: base, missing: true },
    ]);
  });

  it('passes virtdisk failures on as HcsErrors', async () => {
    await expect(service.info(path.join(dir, 'Missing.vhdx'))).rejects.toMatchObject({
      api: 'VirtDisk',
      hresult: HRESULT.ERROR_FILE_NOT_FOUND,
    });
    controls.virtDisk.injectFault('CreateVirtualDisk', 5);
    await expect(service.create({ path: path.join(dir, 'Denied.vhdx'), size: '1 GiB' })).rejects.toMatchObject({
      api: 'VirtDisk',
      hresult: HRESULT.E_ACCESSDENIED,
    });
  });

  it('reports progress of a long operation', async () => {
    // A fixed disk's create writes the whole size: 256 MiB at 1 GiB/s is several progress polls.
    controls.virtDisk.setBytesPerSecond(1 * GiB);
    const file = path.join(dir, 'Fixed.vhdx');
    const progress: { completed: number; total: number }[] = [];
    await service.create({ path: file, size: '256 MiB', fixed: true, onProgress: (p) => progress.push(p) });
    expect(progress.length).toBeGreaterThan(1);
    for (const p of progress) expect(p.completed).toBeLessThanOrEqual(p.total);
    expect(await service.info(file)).toMatchObject({ virtualSize: 256 * MiB, fixed: true });
  });

  it('cancels with an AbortError, and a cancelled create leaves no file', async () => {
    // 1 GiB at 64 MiB/s would take 16 s; the abort comes with the first progress report.
    controls.virtDisk.setBytesPerSecond(64 * MiB);
    const file = path.join(dir, 'Cancelled.vhdx');
    const controller = new AbortController();
    const started = Date.now();
    const error = await service
      .create({ path: file, size: '1 GiB', fixed: true, signal: controller.signal, onProgress: () => controller.abort() })
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ name: 'AbortError' });
    expect(Date.now() - started).toBeLessThan(5000);
    expect(calls).toEqual(['create']);
    await expect(stat(file)).rejects.toMatchObject({ code: 'ENOENT' });
  });

  it('does not call virtdisk for an already-aborted signal', async () => {
    const controller = new AbortController();
    controller.abort();
    await expect(
      service.create({ path: path.join(dir, 'Never.vhdx'), size: '1 GiB', signal: controller.signal }),
    ).rejects.toMatchObject({ name: 'AbortError' });
    expect(calls).toEqual([]);
  });
});

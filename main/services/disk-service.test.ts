import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { HRESULT } from '../../app/errors/hresult.js';
import { loadNativeHost } from '../native/index.js';
import { standInControls, type StandInControls } from '../../test/support/native/stand-in-controls.js';
import { ensureStandIns } from '../../test/support/native/stand-ins.js';
import {
  DiskService,
  DiskServiceError,
  GiB,
  MAX_DISK_SIZE,
  MIN_DISK_SIZE,
  MiB,
  SIZE_UNITS,
  TiB,
  diskFormatFromPath,
  formatSize,
  parseSize,
  validateDiskSize,
} from './disk-service.js';
import { type VirtDisk } from './ports.js';

/** The first run (or a run after the C sources changed) builds the stand-ins, which takes a while. */
const STAND_IN_BUILD_TIMEOUT_MS = 180_000;

describe('parseSize', () => {
  it.each([
    ['64 GiB', 64 * GiB],
    ['64GiB', 64 * GiB],
    ['  64   gib ', 64 * GiB],
    ['127 GB', 127_000_000_000],
    ['3 MiB', 3 * MiB],
    ['3 MB', 3_000_000],
    ['2 KB', 2000],
    ['2 KiB', 2048],
    ['1 TB', 1e12],
    ['64 TiB', 64 * TiB],
    ['512', 512],
    ['512 B', 512],
    ['1.5 GiB', 1.5 * GiB],
    ['0.5 KiB', 512],
  ])('%s → %d', (text, bytes) => {
    expect(parseSize(text)).toBe(bytes);
  });

  it('knows exactly NanaBox’s units, in its order', () => {
    expect(SIZE_UNITS).toEqual(['B', 'KB', 'KiB', 'MB', 'MiB', 'GB', 'GiB', 'TB', 'TiB']);
  });

  it.each(['', 'GiB', '64 GiBs', '64 PB', '-1 GiB', '1e9', '1,5 GiB', '0x10', '1.5 B', '0.1 KB.'])(
    'rejects %j with InvalidSize',
    (text) => {
      expect(() => parseSize(text)).toThrow(DiskServiceError);
      try {
        parseSize(text);
      } catch (error) {
        expect((error as DiskServiceError).code).toBe('InvalidSize');
      }
    },
  );

  it('rejects sizes beyond 2^53 bytes', () => {
    expect(() => parseSize('99999999999 TiB')).toThrow(expect.objectContaining({ code: 'SizeTooLarge' }));
  });
});

describe('validation', () => {
  it('takes the format from the extension, case-insensitively', () => {
    expect(diskFormatFromPath('C:\\Disks\\a.VHDX')).toBe('vhdx');
    expect(diskFormatFromPath('/disks/a.vhd')).toBe('vhd');
    expect(() => diskFormatFromPath('/disks/a.iso')).toThrow(expect.objectContaining({ code: 'UnsupportedFormat' }));
    expect(() => diskFormatFromPath('/disks/a.vhdx.bak')).toThrow(DiskServiceError);
  });

  it('enforces the limits NanaBox shows', () => {
    expect(() => validateDiskSize('vhdx', MIN_DISK_SIZE)).not.toThrow();
    expect(() => validateDiskSize('vhdx', MIN_DISK_SIZE - 512)).toThrow(
      expect.objectContaining({ code: 'SizeTooSmall', message: expect.stringContaining('3 MiB') }),
    );
    expect(() => validateDiskSize('vhd', 2040 * GiB)).not.toThrow();
    expect(() => validateDiskSize('vhd', 2040 * GiB + 512)).toThrow(
      expect.objectContaining({ code: 'SizeTooLarge', message: expect.stringContaining('.vhdx') }),
    );
    expect(() => validateDiskSize('vhdx', 64 * TiB)).not.toThrow();
    expect(() => validateDiskSize('vhdx', 64 * TiB + 512)).toThrow(expect.objectContaining({ code: 'SizeTooLarge' }));
    expect(() => validateDiskSize('vhdx', 4 * MiB + 1)).toThrow(expect.objectContaining({ code: 'SizeNotAligned' }));
    expect(() => validateDiskSize('vhdx', 0)).toThrow(expect.objectContaining({ code: 'InvalidSize' }));
    expect(() => validateDiskSize('vhdx', Number.NaN)).toThrow(expect.objectContaining({ code: 'InvalidSize' }));
    expect(MAX_DISK_SIZE).toEqual({ vhd: 2040 * GiB, vhdx: 64 * TiB });
  });

  it('formats sizes for messages', () => {
    expect(formatSize(3 * MiB)).toBe('3 MiB');
    expect(formatSize(1.5 * GiB)).toBe('1.5 GiB');
    expect(formatSize(64 * TiB)).toBe('64 TiB');
    expect(formatSize(100)).toBe('100 B');
  });
});

// ---------------------------------------------------------------------------------------------------
// Against the real koffi bindings and the virtdisk stand-in (build/stand-in/libvirtdisk.so).

describe('DiskService on the virtdisk stand-in', () => {
  let virtDisk: VirtDisk;
  let controls: StandInControls;
  let dir: string;
  let calls: string[];
  let service: DiskService;

  beforeAll(() => {
    ensureStandIns();
    virtDisk = loadNativeHost().virtDisk;
    controls = standInControls();
  }, STAND_IN_BUILD_TIMEOUT_MS);

  beforeEach(async () => {
    controls.virtDisk.reset();
    dir = await mkdtemp(path.join(tmpdir(), 'hako-disks-'));
    calls = [];
    const counted: VirtDisk = {
      create: (p, o) => (calls.push('create'), virtDisk.create(p, o)),
      resize: (p, s, o) => (calls.push('resize'), virtDisk.resize(p, s, o)),
      compact: (p, o) => (calls.push('compact'), virtDisk.compact(p, o)),
      info: (p) => (calls.push('info'), virtDisk.info(p)),
    };
    service = new DiskService(counted);
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
      name: 'DiskServiceError',
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

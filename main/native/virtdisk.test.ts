// NativeVirtDisk against the Linux virtdisk stand-in: create (VHD/VHDX, dynamic/fixed), resize, compact,
// info, progress, cancellation, files in use, failures, non-ASCII paths, and no handle left open.
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { HcsError } from '../../app/errors/hcs-error.js';
import { HRESULT, hresultFromWin32 } from '../../app/errors/hresult.js';
import type { DiskProgress } from '../services/ports.js';
import { standInControls, type StandInControls } from '../../test/support/native/stand-in-controls.js';
import { rawVirtDisk } from '../../test/support/native/virtdisk-raw.js';
import { ensureStandIns } from '../../test/support/native/stand-ins.js';
import { delay, waitFor } from '../../test/support/wait.js';
import { DEFAULT_BLOCK_SIZE, NativeVirtDisk } from './virtdisk.js';
import { decodeParentLocation, parentCandidates } from './virtdisk-info.js';

const MiB = 1024 * 1024;
const ERROR_INVALID_PARAMETER = 87;
const GiB = 1024 * MiB;

let disks: NativeVirtDisk;
let controls: StandInControls;
let dir: string;
let counter = 0;

function diskPath(extension: 'vhd' | 'vhdx', name = 'disk'): string {
  counter += 1;
  return path.join(dir, `${name}-${counter}.${extension}`);
}

async function expectVirtDiskError(promise: Promise<unknown>, hresult: number): Promise<HcsError> {
  const error = await promise.then(
    () => {
      throw new Error('expected a failure');
    },
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(HcsError);
  expect((error as HcsError).api).toBe('VirtDisk');
  expect((error as HcsError).hresult.toString(16)).toBe((hresult >>> 0).toString(16));
  return error as HcsError;
}

beforeAll(() => {
  ensureStandIns();
  disks = new NativeVirtDisk();
  controls = standInControls();
  dir = mkdtempSync(path.join(tmpdir(), 'hako-vd-'));
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

beforeEach(() => controls.virtDisk.reset());

afterEach(async () => {
  await waitFor(() => controls.virtDisk.openHandleCount() === 0, 3000).catch(() => {});
  expect(controls.virtDisk.openHandleCount()).toBe(0);
});

describe('create and info', () => {
  it('creates a dynamic VHDX with a 1 MiB block size', async () => {
    const file = diskPath('vhdx');
    await disks.create(file, { format: 'vhdx', sizeBytes: 64 * GiB, fixed: false });
    expect(await disks.info(file)).toEqual({
      format: 'vhdx',
      type: 'dynamic',
      virtualSize: 64 * GiB,
      physicalSize: expect.any(Number) as number,
      blockSize: DEFAULT_BLOCK_SIZE.vhdx,
      sectorSize: 512,
      fixed: false,
      // A new disk has no partition table the stand-in could read: it counts as used to its end.
      smallestSafeSize: 64 * GiB,
      parents: [],
    });
  });

  it('creates a dynamic VHD with a 512 KiB block size', async () => {
    const file = diskPath('vhd');
    await disks.create(file, { format: 'vhd', sizeBytes: 8 * GiB, fixed: false });
    const info = await disks.info(file);
    expect(info).toMatchObject({ format: 'vhd', virtualSize: 8 * GiB, blockSize: 512 * 1024, fixed: false });
  });

  it('creates fixed disks of both formats, fully allocated', async () => {
    for (const format of ['vhd', 'vhdx'] as const) {
      const file = diskPath(format);
      await disks.create(file, { format, sizeBytes: 16 * MiB, fixed: true });
      const info = await disks.info(file);
      expect(info).toMatchObject({ format, type: 'fixed', virtualSize: 16 * MiB, fixed: true });
      expect(info.physicalSize).toBeGreaterThanOrEqual(16 * MiB);
    }
  });

  it('round-trips a non-ASCII path', async () => {
    const file = path.join(dir, `ディスク-Ünïcødé-😀-${process.pid}.vhdx`);
    await disks.create(file, { format: 'vhdx', sizeBytes: 4 * GiB, fixed: false });
    expect(existsSync(file)).toBe(true);
    expect((await disks.info(file)).virtualSize).toBe(4 * GiB);
  });

  it('refuses to overwrite an existing file', async () => {
    const file = diskPath('vhdx');
    writeFileSync(file, 'not a disk');
    const error = await expectVirtDiskError(disks.create(file, { format: 'vhdx', sizeBytes: 4 * GiB, fixed: false }), HRESULT.ERROR_FILE_EXISTS);
    expect(error.code).toBe('ERROR_FILE_EXISTS');
    expect(error.advice).toBeTruthy();
    expect(existsSync(file)).toBe(true);
  });

  it('refuses sizes the format does not allow, and files that are not disks', async () => {
    await expectVirtDiskError(disks.create(diskPath('vhdx'), { format: 'vhdx', sizeBytes: 1000, fixed: false }), HRESULT.E_INVALIDARG);
    const notADisk = diskPath('vhdx');
    writeFileSync(notADisk, 'plain text');
    await expect(disks.info(notADisk)).rejects.toBeInstanceOf(HcsError);
    await expectVirtDiskError(disks.info(diskPath('vhdx', 'missing')), HRESULT.ERROR_FILE_NOT_FOUND);
  });
});

describe('resize and compact', () => {
  it('grows a dynamic and a fixed disk', async () => {
    const dynamic = diskPath('vhdx');
    await disks.create(dynamic, { format: 'vhdx', sizeBytes: 4 * GiB, fixed: false });
    await disks.resize(dynamic, 8 * GiB);
    expect((await disks.info(dynamic)).virtualSize).toBe(8 * GiB);
    const fixed = diskPath('vhd');
    await disks.create(fixed, { format: 'vhd', sizeBytes: 8 * MiB, fixed: true });
    await disks.resize(fixed, 16 * MiB);
    const info = await disks.info(fixed);
    expect(info.virtualSize).toBe(16 * MiB);
    expect(info.physicalSize).toBeGreaterThanOrEqual(16 * MiB);
  });

  it('shrinks to the smallest safe size it reports, and refuses to go below it', async () => {
    const file = diskPath('vhdx');
    await disks.create(file, { format: 'vhdx', sizeBytes: 8 * GiB, fixed: false });
    await expectVirtDiskError(disks.resize(file, 4 * GiB), HRESULT.E_INVALIDARG);
    expect(controls.virtDisk.setSmallestSafeSize(file, 5 * GiB)).toBe(0);
    expect((await disks.info(file)).smallestSafeSize).toBe(5 * GiB);
    await expectVirtDiskError(disks.resize(file, 5 * GiB - 512), HRESULT.E_INVALIDARG);
    await disks.resize(file, 5 * GiB);
    expect(await disks.info(file)).toMatchObject({ virtualSize: 5 * GiB, smallestSafeSize: 5 * GiB });
  });

  it('compacts a dynamic disk and refuses a fixed one', async () => {
    const file = diskPath('vhdx');
    await disks.create(file, { format: 'vhdx', sizeBytes: 8 * GiB, fixed: false });
    await disks.compact(file);
    const fixed = diskPath('vhdx');
    await disks.create(fixed, { format: 'vhdx', sizeBytes: 8 * MiB, fixed: true });
    await expectVirtDiskError(disks.compact(fixed), HRESULT.ERROR_NOT_SUPPORTED);
  });
});

describe('progress, cancellation and files in use', () => {
  it('reports progress of a slow create while the event loop keeps running', async () => {
    controls.virtDisk.setBytesPerSecond(40 * MiB);
    const progress: DiskProgress[] = [];
    let ticks = 0;
    const timer = setInterval(() => ticks++, 10);
    await disks.create(diskPath('vhdx'), { format: 'vhdx', sizeBytes: 16 * MiB, fixed: true, onProgress: (p) => progress.push(p) });
    clearInterval(timer);
    expect(progress.length).toBeGreaterThanOrEqual(3);
    expect(progress.at(-1)).toEqual({ completed: 16 * MiB, total: 16 * MiB });
    for (let i = 1; i < progress.length; i++) expect(progress[i]!.completed).toBeGreaterThanOrEqual(progress[i - 1]!.completed);
    // 40 ticks ideally; a blocked event loop gets none, a loaded CI machine well under 40.
    expect(ticks).toBeGreaterThanOrEqual(5);
  });

  it('cancels a create with the signal, rejects with ERROR_CANCELLED and leaves no file', async () => {
    controls.virtDisk.setBytesPerSecond(10 * MiB);
    const file = diskPath('vhdx');
    const controller = new AbortController();
    const creating = disks.create(file, { format: 'vhdx', sizeBytes: 64 * MiB, fixed: true, signal: controller.signal });
    await delay(150);
    controller.abort();
    const error = await expectVirtDiskError(creating, HRESULT.ERROR_CANCELLED);
    expect(error.code).toBe('ERROR_CANCELLED');
    expect(existsSync(file)).toBe(false);
  });

  it('takes its speed from $HAKO_STAND_IN_DISK_BYTES_PER_SECOND while no test control sets one', async () => {
    process.env.HAKO_STAND_IN_DISK_BYTES_PER_SECOND = String(20 * MiB);
    try {
      const progress: DiskProgress[] = [];
      await disks.create(diskPath('vhdx'), { format: 'vhdx', sizeBytes: 8 * MiB, fixed: true, onProgress: (p) => progress.push(p) });
      expect(progress.filter((p) => p.completed < p.total).length).toBeGreaterThanOrEqual(2);
    } finally {
      delete process.env.HAKO_STAND_IN_DISK_BYTES_PER_SECOND;
    }
  });

  it('cancels a resize, and does not start when already aborted', async () => {
    const file = diskPath('vhdx');
    await disks.create(file, { format: 'vhdx', sizeBytes: 8 * MiB, fixed: true });
    controls.virtDisk.setBytesPerSecond(10 * MiB);
    const controller = new AbortController();
    const resizing = disks.resize(file, 128 * MiB, { signal: controller.signal });
    await delay(100);
    controller.abort();
    await expectVirtDiskError(resizing, HRESULT.ERROR_CANCELLED);
    expect((await disks.info(file)).virtualSize).toBe(8 * MiB);
    await expectVirtDiskError(disks.compact(file, { signal: AbortSignal.abort() }), HRESULT.ERROR_CANCELLED);
  });

  it('reports the progress of a slow compact (it walks the whole virtual size), and cancels it', async () => {
    const file = diskPath('vhdx');
    await disks.create(file, { format: 'vhdx', sizeBytes: 64 * MiB, fixed: false });
    controls.virtDisk.setBytesPerSecond(40 * MiB);
    const progress: DiskProgress[] = [];
    await disks.compact(file, { onProgress: (p) => progress.push(p) });
    expect(progress.filter((p) => p.completed < p.total).length).toBeGreaterThanOrEqual(3);
    expect(progress.at(-1)).toEqual({ completed: 64 * MiB, total: 64 * MiB });
    for (let i = 1; i < progress.length; i++) expect(progress[i]!.completed).toBeGreaterThanOrEqual(progress[i - 1]!.completed);
    const controller = new AbortController();
    const compacting = disks.compact(file, { signal: controller.signal });
    await delay(150);
    controller.abort();
    await expectVirtDiskError(compacting, HRESULT.ERROR_CANCELLED);
    // Cancelled, the disk is still there and whole: it opens, and compacts again.
    controls.virtDisk.setBytesPerSecond(0);
    expect((await disks.info(file)).virtualSize).toBe(64 * MiB);
    await disks.compact(file);
  });

  it('reports a disk that another operation has open as in use', async () => {
    const file = diskPath('vhdx');
    await disks.create(file, { format: 'vhdx', sizeBytes: 8 * MiB, fixed: true });
    controls.virtDisk.setBytesPerSecond(20 * MiB);
    const resizing = disks.resize(file, 32 * MiB);
    // The resize holds its handle until it ends (about a second at this speed): wait until it has one.
    await waitFor(() => controls.virtDisk.openHandleCount() > 0, 5000, 'the resize to open the disk');
    const error = await expectVirtDiskError(disks.compact(file), HRESULT.ERROR_SHARING_VIOLATION);
    expect(error.advice).toContain('in use');
    // Reading the information is still allowed.
    expect((await disks.info(file)).format).toBe('vhdx');
    await resizing;
    expect((await disks.info(file)).virtualSize).toBe(32 * MiB);
  });
});

describe('failures', () => {
  it.each([
    ['CreateVirtualDisk', 5],
    ['OpenVirtualDisk', 32],
    ['ResizeVirtualDisk', 112],
    ['GetVirtualDiskInformation', 87],
  ])('maps an injected Win32 error of %s', async (fn, code) => {
    const file = diskPath('vhdx');
    if (fn !== 'CreateVirtualDisk') await disks.create(file, { format: 'vhdx', sizeBytes: 4 * GiB, fixed: false });
    controls.virtDisk.injectFault(fn, code);
    const call =
      fn === 'CreateVirtualDisk'
        ? disks.create(file, { format: 'vhdx', sizeBytes: 4 * GiB, fixed: false })
        : fn === 'GetVirtualDiskInformation'
          ? disks.info(file)
          : disks.resize(file, 8 * GiB);
    const error = await expectVirtDiskError(call, hresultFromWin32(code));
    expect(error.operation).toBe(fn);
  });

  it('maps a failure reported through the progress of a running operation', async () => {
    const file = diskPath('vhdx');
    await disks.create(file, { format: 'vhdx', sizeBytes: 4 * GiB, fixed: false });
    controls.virtDisk.injectFault('GetVirtualDiskOperationProgress', 31);
    await expectVirtDiskError(disks.compact(file), hresultFromWin32(31));
  });
});

describe('handles as Microsoft\'s samples open them (the stand-in refuses the others)', () => {
  const ERROR_FILE_NOT_FOUND = 2;

  it('resizes and compacts through version 2 handles; version 1 handles are refused', async () => {
    const file = diskPath('vhdx');
    await disks.create(file, { format: 'vhdx', sizeBytes: 8 * GiB, fixed: false });
    const raw = rawVirtDisk();
    expect(raw.resizeThroughVersion1(file, 16 * GiB)).toEqual({ open: 0, call: ERROR_INVALID_PARAMETER });
    expect(raw.compactThroughVersion1(file)).toEqual({ open: 0, call: ERROR_INVALID_PARAMETER });
    await disks.resize(file, 16 * GiB);
    await disks.compact(file);
    expect((await disks.info(file)).virtualSize).toBe(16 * GiB);
  });

  it('reads a differencing disk whose parent is missing (GetInfoOnly, no parents), and names the parent', async () => {
    const file = diskPath('vhdx', 'child');
    await disks.create(file, { format: 'vhdx', sizeBytes: 4 * GiB, fixed: false });
    const gone = path.join(dir, 'gone-parent.vhdx');
    expect(controls.virtDisk.setParent(file, gone)).toBe(0);
    expect(rawVirtDisk().openInfoWithParents(file)).toBe(ERROR_FILE_NOT_FOUND);
    expect(await disks.info(file)).toMatchObject({ format: 'vhdx', type: 'differencing', virtualSize: 4 * GiB, fixed: false, parents: [{ path: gone, missing: true }] });
  });

  it('answers ParentLocation as a list when the chain was not opened, as one resolved path when it was', async () => {
    // Raw calls: the layout (BOOL at 8, the paths from 12) and both shapes of the answer.
    const parent = diskPath('vhdx', 'parent');
    await disks.create(parent, { format: 'vhdx', sizeBytes: 4 * GiB, fixed: false });
    const child = diskPath('vhdx', 'child');
    await disks.createDifferencing(child, parent);
    const raw = rawVirtDisk();
    expect(raw.parentLocation(child, true)).toEqual({ status: 0, resolved: false, text: `${parent}\0\0` });
    expect(raw.parentLocation(child, false)).toEqual({ status: 0, resolved: true, text: `${parent}\0` });
    expect(raw.parentLocation(parent, true)).toMatchObject({ status: ERROR_INVALID_PARAMETER });
  });
});

describe('differencing disks', () => {
  it('reads both shapes of ParentLocation, and takes relative candidates from the child\'s folder', () => {
    const answer = (resolved: boolean, text: string) => {
      const buffer = Buffer.alloc(12 + text.length * 2);
      buffer.writeUInt32LE(3, 0);
      buffer.writeInt32LE(resolved ? 1 : 0, 8);
      buffer.write(text, 12, 'utf16le');
      return buffer;
    };
    expect(decodeParentLocation(answer(true, 'C:\\VMs\\base.vhdx\0'))).toEqual({ resolved: true, paths: ['C:\\VMs\\base.vhdx'] });
    const list = decodeParentLocation(answer(false, '.\\base.vhdx\0C:\\Old\\base.vhdx\0\0'));
    expect(list).toEqual({ resolved: false, paths: ['.\\base.vhdx', 'C:\\Old\\base.vhdx'] });
    expect(parentCandidates('D:\\VMs\\Lab\\child.vhdx', list)).toEqual(['D:\\VMs\\Lab\\base.vhdx', 'C:\\Old\\base.vhdx']);
    expect(parentCandidates('/vms/lab/child.vhdx', { resolved: false, paths: ['../base/base.vhdx'] })).toEqual(['/vms/base/base.vhdx']);
  });

  it('makes a child that takes its parent\'s size, and a chain of them', async () => {
    const base = diskPath('vhdx', 'base');
    await disks.create(base, { format: 'vhdx', sizeBytes: 6 * GiB, fixed: false });
    const child = diskPath('vhdx', 'child');
    const grandchild = diskPath('vhdx', 'grandchild');
    await disks.createDifferencing(child, base);
    await disks.createDifferencing(grandchild, child);
    expect(await disks.info(grandchild)).toMatchObject({
      format: 'vhdx',
      type: 'differencing',
      virtualSize: 6 * GiB,
      // Microsoft's CreateVirtualDisk sample: a differencing VHDX defaults to 2 MiB blocks.
      blockSize: 2 * MiB,
      parents: [
        { path: child, missing: false },
        { path: base, missing: false },
      ],
    });
    const vhdBase = diskPath('vhd', 'base');
    await disks.create(vhdBase, { format: 'vhd', sizeBytes: 8 * MiB, fixed: true });
    const vhdChild = diskPath('vhd', 'child');
    await disks.createDifferencing(vhdChild, vhdBase);
    expect(await disks.info(vhdChild)).toMatchObject({ format: 'vhd', type: 'differencing', virtualSize: 8 * MiB, blockSize: 2 * MiB });
  });

  it('refuses what the stand-in rules out: a missing or held parent, another format, resizing the child', async () => {
    const base = diskPath('vhdx', 'base');
    await disks.create(base, { format: 'vhdx', sizeBytes: 8 * MiB, fixed: true });
    await expectVirtDiskError(disks.createDifferencing(diskPath('vhdx', 'orphan'), path.join(dir, 'none.vhdx')), HRESULT.ERROR_FILE_NOT_FOUND);
    await expectVirtDiskError(disks.createDifferencing(diskPath('vhd', 'mixed'), base), HRESULT.E_INVALIDARG);
    const child = diskPath('vhdx', 'child');
    await disks.createDifferencing(child, base);
    await expectVirtDiskError(disks.resize(child, 16 * MiB), HRESULT.ERROR_NOT_SUPPORTED);
    await expectVirtDiskError(disks.createDifferencing(child, base), HRESULT.ERROR_FILE_EXISTS);
    // A parent another handle is writing (a resize under way) cannot be opened for the child.
    controls.virtDisk.setBytesPerSecond(20 * MiB);
    const resizing = disks.resize(base, 32 * MiB);
    await waitFor(() => controls.virtDisk.openHandleCount() > 0, 5000, 'the resize to open the disk');
    const held = diskPath('vhdx', 'held');
    await expectVirtDiskError(disks.createDifferencing(held, base), HRESULT.ERROR_SHARING_VIOLATION);
    expect(existsSync(held)).toBe(false);
    await resizing;
  });
});

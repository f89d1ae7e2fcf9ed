import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { readSevenB } from '../../app/config/index.js';
import { MiB } from '../../app/disks/size.js';
import { loadNativeHost } from '../native/index.js';
import { standInControls } from '../../test/support/native/stand-in-controls.js';
import { ensureStandIns } from '../../test/support/native/stand-ins.js';
import { DiskService } from './disk-service.js';
import { VmCreator } from './vm-creator.js';

let dir: string;
let creator: VmCreator;

beforeAll(() => ensureStandIns(), 180_000);
beforeEach(async () => {
  standInControls().virtDisk.reset();
  dir = await mkdtemp(path.join(tmpdir(), 'hako-create-'));
  creator = new VmCreator(new DiskService(loadNativeHost().virtDisk));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('VmCreator', () => {
  it('makes <parent>/<Name>/<Name>.7b with its BOM and <Name>.vhdx beside it, creating missing parents', async () => {
    const parent = path.join(dir, 'a', 'b');
    const created = await creator.create({ parent, name: 'My VM', preset: 'linux', disk: { kind: 'new', sizeBytes: 64 * MiB, fixed: false }, network: { kind: 'default' } });
    expect(created.path).toBe(path.join(parent, 'My VM', 'My VM.7b'));
    const bytes = await readFile(created.path);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(readSevenB(bytes).file!.config.ScsiDevices).toEqual([{ Type: 'VirtualDisk', Path: 'My VM.vhdx' }]);
    expect((await readdir(path.join(parent, 'My VM'))).sort()).toEqual(['My VM.7b', 'My VM.vhdx']);
    expect(await loadNativeHost().virtDisk.info(path.join(parent, 'My VM', 'My VM.vhdx'))).toMatchObject({ virtualSize: 64 * MiB });
  });

  it('refuses an existing VM folder, and leaves it alone', async () => {
    await mkdir(path.join(dir, 'Lab'));
    await writeFile(path.join(dir, 'Lab', 'notes.txt'), 'mine');
    await expect(creator.create({ parent: dir, name: 'Lab', preset: 'other', disk: { kind: 'none' }, network: { kind: 'none' } })).rejects.toMatchObject({ code: 'FileExists' });
    expect(await readdir(path.join(dir, 'Lab'))).toEqual(['notes.txt']);
  });

  it('a cancel during the disk removes everything the creation made, and nothing else', async () => {
    standInControls().virtDisk.setBytesPerSecond(32 * MiB);
    const controller = new AbortController();
    const parent = path.join(dir, 'new-parent');
    await writeFile(path.join(dir, 'keep.txt'), 'x');
    const creating = creator.create(
      { parent, name: 'Big', preset: 'other', disk: { kind: 'new', sizeBytes: 256 * MiB, fixed: true }, network: { kind: 'none' } },
      { signal: controller.signal, onProgress: () => controller.abort() },
    );
    await expect(creating).rejects.toThrow();
    expect(existsSync(parent)).toBe(false);
    expect(await readdir(dir)).toEqual(['keep.txt']);
  });

  it('refuses a bad name before making anything', async () => {
    await expect(creator.create({ parent: dir, name: 'a:b', preset: 'other', disk: { kind: 'none' }, network: { kind: 'none' } })).rejects.toMatchObject({ code: 'InvalidName' });
    expect(await readdir(dir)).toEqual([]);
  });
});

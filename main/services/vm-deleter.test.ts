import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { newVmConfig, type VmConfig } from '../../app/config/index.js';
import { VmDeleter, type LibraryVmView } from './vm-deleter.js';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'hako-delete-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function touch(file: string, size = 10): Promise<string> {
  await mkdir(path.dirname(file), { recursive: true });
  await writeFile(file, Buffer.alloc(size));
  return file;
}

function config(scsi: VmConfig['ScsiDevices'], state: Partial<VmConfig> = {}): VmConfig {
  return { ...newVmConfig('Lab').config, ScsiDevices: scsi, ...state };
}

describe('VmDeleter', () => {
  it('plans the .7b, its disks and state files; ticks only what is this VM’s alone', async () => {
    const vm = await touch(path.join(dir, 'Lab', 'Lab.7b'));
    const own = await touch(path.join(dir, 'Lab', 'Lab.vhdx'), 1234);
    const outside = await touch(path.join(dir, 'shared', 'base.vhdx'));
    const shared = await touch(path.join(dir, 'Lab', 'data.vhdx'));
    const iso = await touch(path.join(dir, 'isos', 'setup.iso'));
    await touch(path.join(dir, 'Lab', 'Lab.vmgs'));
    const lab = config(
      [
        { Type: 'VirtualDisk', Path: 'Lab.vhdx' },
        { Type: 'VirtualDisk', Path: outside },
        { Type: 'VirtualDisk', Path: 'data.vhdx' },
        { Type: 'VirtualImage', Path: iso },
        { Type: 'VirtualDisk', Path: 'missing.vhdx' },
      ],
      { GuestStateFile: 'Lab.vmgs' },
    );
    const other: LibraryVmView = { path: path.join(dir, 'Other', 'Other.7b'), config: config([{ Type: 'VirtualDisk', Path: shared }]) };
    const deleter = new VmDeleter({ libraryVms: () => [{ path: vm, config: lab }, other] });
    const plan = await deleter.plan(vm, lab);
    expect(plan.toRecycleBin).toBe(false);
    expect(plan.items.map((i) => [path.relative(dir, i.path), i.kind, i.tickedByDefault])).toEqual([
      ['Lab/Lab.7b', 'config', true],
      ['Lab/Lab.vhdx', 'disk', true],
      ['shared/base.vhdx', 'disk', false],
      ['Lab/data.vhdx', 'disk', false],
      ['Lab/Lab.vmgs', 'state', true],
    ]);
    expect(plan.items.find((i) => i.path === own)?.sizeBytes).toBe(1234);
    expect(plan.items.find((i) => i.path === shared)?.usedBy).toEqual([other.path]);
  });

  it('deletes exactly the ticked items of a fresh plan, and the emptied folder', async () => {
    const vm = await touch(path.join(dir, 'Lab', 'Lab.7b'));
    const disk = await touch(path.join(dir, 'Lab', 'Lab.vhdx'));
    const keep = await touch(path.join(dir, 'keep.vhdx'));
    const lab = config([
      { Type: 'VirtualDisk', Path: 'Lab.vhdx' },
      { Type: 'VirtualDisk', Path: keep },
    ]);
    const deleter = new VmDeleter({ libraryVms: () => [] });
    const plan = await deleter.plan(vm, lab);
    const ticked = plan.items.filter((i) => i.tickedByDefault).map((i) => i.id);
    expect(await deleter.delete(vm, lab, ticked)).toEqual([vm, disk]);
    expect(existsSync(path.join(dir, 'Lab'))).toBe(false);
    expect(existsSync(keep)).toBe(true);
    await expect(deleter.delete(vm, lab, ['0123456789abcdef'])).rejects.toMatchObject({ code: 'PlanChanged' });
  });

  it('recycles through the shell where it can', async () => {
    const vm = await touch(path.join(dir, 'Lab', 'Lab.7b'));
    const trashed: string[] = [];
    const deleter = new VmDeleter({ libraryVms: () => [], trash: async (file) => void trashed.push(file) });
    const plan = await deleter.plan(vm, null);
    expect(plan).toMatchObject({ toRecycleBin: true, items: [{ kind: 'config' }] });
    await deleter.delete(vm, null, [plan.items[0]!.id]);
    expect(trashed).toEqual([vm]);
  });
});

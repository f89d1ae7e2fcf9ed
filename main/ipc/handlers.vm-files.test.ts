// IPC handlers that make, delete and copy VM files and disks: vm.create, vm.delete, vm.clone (copies and differencing disks), disks.delete and disks.createDifferencing.
import { existsSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { MINIMAL, useHandlersRig } from '../../test/support/handlers-rig.js';
import { waitFor } from '../../test/support/wait.js';

const rig = useHandlersRig();
const { call, value, vmFile, events } = rig;

describe('new VMs', () => {
  it('vm.create makes the VM in the background, opens it in the library, and it starts', async () => {
    const { operationId } = await value<{ operationId: string }>('vm.create', { folder: path.join(rig.dir, 'vms'), name: 'Fresh', preset: 'windows11', disk: 'new', diskSizeBytes: 64 * 1024 * 1024 });
    await waitFor(() => events.some((e) => e.name === 'operations.progress' && (e.payload as { operationId: string; done: boolean }).operationId === operationId && (e.payload as { done: boolean }).done), 10_000, 'the creation');
    const done = events.find((e) => e.name === 'operations.progress' && (e.payload as { done: boolean }).done)!.payload as { kind: string; result?: { path: string }; error?: unknown };
    expect(done).toMatchObject({ kind: 'vm.create', result: { path: path.join(rig.dir, 'vms', 'Fresh', 'Fresh.7b') } });
    const file = done.result!.path;
    expect((await value<{ path: string }[]>('library.list')).map((vm) => vm.path)).toContain(file);
    await value('vm.start', { path: file });
    expect(await value<{ state: string }>('vm.get', { path: file })).toMatchObject({ state: 'Running' });
  });

  it('vm.create refuses system folders and reports the host facts the wizard caps by', async () => {
    expect(await call('vm.create', { folder: '/proc', name: 'x', preset: 'other', disk: 'none' })).toMatchObject({ ok: false, error: { code: 'InvalidPath' } });
    expect(await call('vm.create', { folder: rig.dir, name: 'x', preset: 'other', disk: 'none', isoPath: path.join(rig.dir, 'a.txt') })).toMatchObject({ ok: false, error: { code: 'InvalidPath' } });
    expect(await value('app.hostFacts')).toMatchObject({ build: 26100, tpmUnavailable: null, logicalProcessors: expect.any(Number) as number });
  });
});

describe('deleting a VM', () => {
  it('plans from the file main reads, refuses while running, deletes exactly what is ticked, and forgets the VM', async () => {
    const file = await vmFile('del.7b', MINIMAL.replace('"GuestType":"Linux"', '"GuestType":"Linux","ScsiDevices":[{"Type":"VirtualDisk","Path":"del.vhdx"}]'));
    await writeFile(path.join(rig.dir, 'del.vhdx'), 'disk');
    await value('library.open', { path: file });
    await value('vm.start', { path: file });
    expect(await call('vm.deletePlan', { path: file })).toMatchObject({ ok: false, error: { code: 'VmRunning' } });
    await value('vm.powerOff', { path: file });
    const plan = await value<{ items: { id: string; path: string; kind: string; tickedByDefault: boolean }[] }>('vm.deletePlan', { path: file });
    // The start named the guest and runtime state files; they are the VM's too.
    expect(plan.items.map((i) => [path.basename(i.path), i.kind])).toEqual([
      ['del.7b', 'config'],
      ['del.vhdx', 'disk'],
      ...plan.items.filter((i) => i.kind === 'state').map((i) => [path.basename(i.path), 'state']),
    ]);
    expect(plan.items.filter((i) => i.kind === 'state').length).toBeGreaterThan(0);
    const disk = plan.items.find((i) => i.path.endsWith('.vhdx'))!;
    await value('vm.delete', { path: file, items: plan.items.filter((i) => i !== disk).map((i) => i.id) });
    expect(existsSync(file)).toBe(false);
    expect(existsSync(disk.path)).toBe(true);
    expect(await value('library.list')).toEqual([]);
  });
});

describe('cloning a VM', () => {
  it('vm.clone copies a stopped VM into a new folder, opens it, and both start', async () => {
    const file = await vmFile('orig.7b', MINIMAL.replace('"Name":"Vm"', '"Name":"Orig"'));
    await value('library.open', { path: file });
    const { operationId } = await value<{ operationId: string }>('vm.clone', { path: file, name: 'Copy', folder: path.join(rig.dir, 'clones'), disks: 'copy', macs: 'dynamic' });
    await waitFor(() => events.some((e) => e.name === 'operations.progress' && (e.payload as { operationId: string; done: boolean }).operationId === operationId && (e.payload as { done: boolean }).done), 10_000, 'the clone');
    const clone = path.join(rig.dir, 'clones', 'Copy', 'Copy.7b');
    await value('vm.start', { path: file });
    await value('vm.start', { path: clone });
    expect((await value<{ state: string }[]>('library.list')).map((vm) => vm.state)).toEqual(['Running', 'Running']);
    expect(await call('vm.clone', { path: file, name: 'Again', folder: rig.dir, disks: 'copy', macs: 'dynamic' })).toMatchObject({ ok: false, error: { code: 'VmRunning' } });
  });
});

describe('differencing disks', () => {
  const doneReport = (operationId: string) =>
    events.find((e) => e.name === 'operations.progress' && (e.payload as { operationId: string; done: boolean }).operationId === operationId && (e.payload as { done: boolean }).done)?.payload as
      | { error?: { code: string }; result?: { path: string } }
      | undefined;
  const finished = async (operationId: string) => {
    await waitFor(() => doneReport(operationId) !== undefined, 10_000, 'the operation');
    return doneReport(operationId)!;
  };

  it('vm.clone with differencing disks makes children of the original’s disks, and both VMs start', async () => {
    const base = path.join(rig.dir, 'orig.vhdx');
    expect(await finished((await value<{ operationId: string }>('disks.create', { path: base, sizeBytes: 64 * 1024 * 1024, fixed: false })).operationId)).toMatchObject({ result: { path: base } });
    const file = await vmFile('orig.7b', MINIMAL.replace('"Name":"Vm"', '"Name":"Orig"').replace('"GuestType":"Linux"', '"GuestType":"Linux","ScsiDevices":[{"Type":"VirtualDisk","Path":"orig.vhdx"}]'));
    await value('library.open', { path: file });
    const { operationId } = await value<{ operationId: string }>('vm.clone', { path: file, name: 'Diff', folder: path.join(rig.dir, 'clones'), disks: 'differencing', macs: 'dynamic' });
    expect(await finished(operationId)).not.toHaveProperty('error');
    const clone = path.join(rig.dir, 'clones', 'Diff', 'Diff.7b');
    const child = path.join(rig.dir, 'clones', 'Diff', 'orig.vhdx');
    expect(await value('disks.info', { path: child })).toMatchObject({ type: 'differencing', virtualSize: 64 * 1024 * 1024, parents: [{ path: base, missing: false }] });
    await value('vm.start', { path: file });
    await value('vm.start', { path: clone });
    expect((await value<{ state: string }[]>('library.list')).map((vm) => vm.state)).toEqual(['Running', 'Running']);
    // The original runs with the parent attached: it is not compacted, resized, or made a parent now.
    expect(await call('disks.compact', { path: base })).toMatchObject({ ok: false, error: { code: 'DiskInUse', message: expect.stringContaining('Orig') as string } });
    expect(await call('disks.resize', { path: base, sizeBytes: 128 * 1024 * 1024 })).toMatchObject({ ok: false, error: { code: 'DiskInUse' } });
    expect(await call('disks.createDifferencing', { path: path.join(rig.dir, 'more.vhdx'), parentPath: base })).toMatchObject({ ok: false, error: { code: 'DiskInUse' } });
  });

  it('disks.delete removes a disk no library VM names, and refuses one that a VM still names', async () => {
    const kept = path.join(rig.dir, 'kept.vhdx');
    const loose = path.join(rig.dir, 'loose.vhdx');
    await writeFile(kept, 'disk');
    await writeFile(loose, 'disk');
    const file = await vmFile('named.7b', MINIMAL.replace('"GuestType":"Linux"', '"GuestType":"Linux","ScsiDevices":[{"Type":"VirtualDisk","Path":"kept.vhdx"}]'));
    await value('library.open', { path: file });
    expect(await call('disks.delete', { path: kept })).toMatchObject({ ok: false, error: { code: 'DiskInUse', message: expect.stringContaining('Vm') as string } });
    expect(existsSync(kept)).toBe(true);
    expect(await value('disks.delete', { path: loose })).toEqual({ recycled: false });
    expect(existsSync(loose)).toBe(false);
    expect(await call('disks.delete', { path: loose })).toMatchObject({ ok: false, error: { code: 'FileNotFound' } });
  });

  it('disks.createDifferencing reports the new disk in its done report; a failed one names nothing', async () => {
    const base = path.join(rig.dir, 'base.vhdx');
    await finished((await value<{ operationId: string }>('disks.create', { path: base, sizeBytes: 64 * 1024 * 1024, fixed: false })).operationId);
    const child = path.join(rig.dir, 'child.vhdx');
    expect(await finished((await value<{ operationId: string }>('disks.createDifferencing', { path: child, parentPath: base })).operationId)).toMatchObject({ result: { path: child } });
    const failed = await finished((await value<{ operationId: string }>('disks.createDifferencing', { path: path.join(rig.dir, 'orphan.vhdx'), parentPath: path.join(rig.dir, 'none.vhdx') })).operationId);
    expect(failed).toMatchObject({ error: { code: 'ERROR_FILE_NOT_FOUND' } });
    expect(failed).not.toHaveProperty('result');
    expect(await call('disks.createDifferencing', { path: path.join(rig.dir, 'x.vhdx'), parentPath: path.join(rig.dir, 'a.txt') })).toMatchObject({ ok: false, error: { code: 'BadRequest', path: '/parentPath' } });
  });
});

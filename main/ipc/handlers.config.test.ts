// IPC handlers of the configuration editor: config.load/save/validate/create, stamps and consent, and the editor's warnings about this host and about differencing disks.
import { existsSync } from 'node:fs';
import { readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { MINIMAL, useHandlersRig } from '../../test/support/handlers-rig.js';
import { waitFor } from '../../test/support/wait.js';

const rig = useHandlersRig();
const { call, value, vmFile, events } = rig;

describe('config calls', () => {
  it('only files opened in Hako can be loaded or saved, and saving without a stamp never overwrites', async () => {
    const file = await vmFile();
    expect(await call('config.load', { path: file })).toMatchObject({ ok: false, error: { code: 'VmUnknown' } });
    await value('library.open', { path: file });
    const loaded = await value<{ file: unknown }>('config.load', { path: file });
    expect(await call('config.save', { path: file, file: loaded.file, expected: null, force: true })).toMatchObject({ ok: false, error: { code: 'Conflict' } });
    const elsewhere = path.join(rig.dir, 'elsewhere.7b');
    expect(await call('config.save', { path: elsewhere, file: loaded.file, expected: null, force: true })).toMatchObject({ ok: false, error: { code: 'VmUnknown' } });
  });

  it('network and device paths cannot come from the renderer', async () => {
    for (const p of ['\\\\server\\share\\vm.7b', '//server/share/vm.7b', '\\\\?\\C:\\vm.7b']) {
      expect(await call('library.open', { path: p })).toMatchObject({ ok: false, error: { code: 'PathNotLocal' } });
    }
    expect(await call('disks.create', { path: '//server/share/d.vhdx', sizeBytes: 1 << 26, fixed: false })).toMatchObject({ ok: false, error: { code: 'PathNotLocal' } });
  });

  it('load → edit → save writes the canonical file and returns the new stamp', async () => {
    const file = await vmFile();
    await value('library.open', { path: file });
    const loaded = await value<{ file: { config: { MemorySize: number } }; stamp: unknown }>('config.load', { path: file });
    loaded.file.config.MemorySize = 1024;
    await value('config.save', { path: file, file: loaded.file, expected: loaded.stamp, force: false });
    const text = await readFile(file, 'utf8');
    expect(text.startsWith('\uFEFF{\n  "NanaBox": {')).toBe(true);
    expect(text).toContain('"MemorySize": 1024');
  });

  it('refuses to overwrite a file that changed on disk since it was loaded (Conflict), even with consent', async () => {
    const file = await vmFile();
    await value('library.open', { path: file });
    const loaded = await value<{ file: unknown; stamp: unknown }>('config.load', { path: file });
    await writeFile(file, '\uFEFF' + MINIMAL.replace('"Name":"Vm"', '"Name":"Edited"'));
    expect(await call('config.save', { path: file, file: loaded.file, expected: loaded.stamp, force: false })).toMatchObject({
      ok: false,
      error: { code: 'Conflict' },
    });
    expect(await call('config.save', { path: file, file: loaded.file, expected: loaded.stamp, force: true })).toMatchObject({ ok: false, error: { code: 'Conflict' } });
    expect(await readFile(file, 'utf8')).toContain('Edited');
    // Overwriting deliberately: save against the stamp of what is on disk now.
    const current = await value<{ stamp: unknown }>('config.load', { path: file });
    expect(await call('config.save', { path: file, file: loaded.file, expected: current.stamp, force: false })).toMatchObject({ ok: true });
    expect(await readFile(file, 'utf8')).not.toContain('Edited');
  });

  it('needs consent before replacing values NanaBox would ignore', async () => {
    const file = await vmFile('lossy.7b', MINIMAL.replace('"GuestType":"Linux"', '"GuestType":"linux"'));
    await value('library.open', { path: file });
    const loaded = await value<{ file: unknown; stamp: unknown; findings: { lossy: boolean }[] }>('config.load', { path: file });
    expect(loaded.findings.some((f) => f.lossy)).toBe(true);
    const refused = await call('config.save', { path: file, file: loaded.file, expected: loaded.stamp, force: false });
    expect(refused).toMatchObject({ ok: false, error: { code: 'ConsentRequired', params: { count: 1 } } });
    expect(await call('config.save', { path: file, file: loaded.file, expected: loaded.stamp, force: true })).toMatchObject({ ok: true });
  });

  it('validate returns the text and what NanaBox would make of it', async () => {
    const file = await vmFile();
    await value('library.open', { path: file });
    const loaded = await value<{ file: { config: { Gpu: { AssignmentMode: string } } } }>('config.load', { path: file });
    loaded.file.config.Gpu.AssignmentMode = 'List';
    const result = await value<{ text: string; findings: { code: string }[] }>('config.validate', { file: loaded.file });
    expect(result.text).toContain('"AssignmentMode": "List"');
    expect(result.findings.map((f) => f.code)).toContain('gpu.list-empty');
  });

  it('create writes a new VM file like NanaBox’s Quick Start and never overwrites one', async () => {
    const file = path.join(rig.dir, 'New.7b');
    expect(await value('config.create', { path: file, name: 'New' })).toMatchObject({ id: 'New', state: 'Stopped' });
    expect(await call('config.create', { path: file, name: 'Other' })).toMatchObject({ ok: false, error: { code: 'Conflict' } });
  });
});

describe('the editor’s warnings about this host', () => {
  it('config.load names missing files, unreadable disks, shared disks and more than the host has', async () => {
    await writeFile(path.join(rig.dir, 'not-a-disk.vhdx'), 'text');
    const shared = path.join(rig.dir, 'shared.vhdx');
    await value('disks.create', { path: shared, sizeBytes: 64 * 1024 * 1024, fixed: false });
    await waitFor(() => existsSync(shared), 5_000, 'the disk');
    const devices = (disks: string[]) => `"ScsiDevices":[${disks.map((d) => `{"Type":"VirtualDisk","Path":${JSON.stringify(d)}}`).join(',')}]`;
    const other = await vmFile('other.7b', MINIMAL.replace('"Name":"Vm"', `"Name":"Other",${devices(['shared.vhdx'])}`));
    await value('library.open', { path: other });
    const file = await vmFile('vm.7b', MINIMAL.replace('"ProcessorCount":1', `"ProcessorCount":4096,${devices(['missing.vhdx', 'not-a-disk.vhdx', 'shared.vhdx'])}`));
    await value('library.open', { path: file });
    const loaded = await value<{ findings: { code: string; path: string }[] }>('config.load', { path: file });
    expect(loaded.findings.filter((f) => f.code.startsWith('host.') || ['path.missing', 'disk.unreadable', 'disk.shared'].includes(f.code)).map((f) => [f.code, f.path])).toEqual([
      ['host.processors', '/NanaBox/ProcessorCount'],
      ['path.missing', '/NanaBox/ScsiDevices/0/Path'],
      ['disk.unreadable', '/NanaBox/ScsiDevices/1/Path'],
      ['disk.shared', '/NanaBox/ScsiDevices/2/Path'],
    ]);
  });
});

describe('the editor’s warnings about differencing disks', () => {
  it('config.load says a differencing disk whose parent is missing cannot be used, naming the parent', async () => {
    const base = path.join(rig.dir, 'base.vhdx');
    const child = path.join(rig.dir, 'child.vhdx');
    // Each operation's own end, and that it succeeded (a failure says why here, not as a missing finding).
    const finished = async (operationId: string, what: string) => {
      type Progress = { operationId: string; done: boolean; error?: { message: string } };
      const end = () => events.map((e) => e.payload as Progress).find((p) => p.operationId === operationId && p.done);
      await waitFor(() => end() !== undefined, 20_000, what);
      expect(end()?.error?.message, what).toBeUndefined();
    };
    await finished((await value<{ operationId: string }>('disks.create', { path: base, sizeBytes: 64 * 1024 * 1024, fixed: false })).operationId, 'the parent made');
    await finished((await value<{ operationId: string }>('disks.createDifferencing', { path: child, parentPath: base })).operationId, 'the child made');
    expect(existsSync(child)).toBe(true);
    const file = await vmFile('diff.7b', MINIMAL.replace('"GuestType":"Linux"', '"GuestType":"Linux","ScsiDevices":[{"Type":"VirtualDisk","Path":"child.vhdx"}]'));
    await value('library.open', { path: file });
    const before = await value<{ findings: { code: string }[] }>('config.load', { path: file });
    expect(before.findings.map((f) => f.code)).not.toContain('disk.unreadable');
    await rm(base);
    const after = await value<{ findings: { code: string; path: string; params: { reason?: string } }[] }>('config.load', { path: file });
    expect(after.findings.find((f) => f.code === 'disk.unreadable')).toMatchObject({ path: '/NanaBox/ScsiDevices/0/Path', params: { reason: `its parent disk ${base} is missing` } });
  });
});

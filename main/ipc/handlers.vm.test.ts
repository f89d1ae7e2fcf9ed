// IPC handlers for the library and a VM's life: open, start, stop, restart of Hako, bad input, unknown VMs, the DVD drive and live figures, files refused for a missing BOM, and the event log.
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { createAppServices } from '../app-services.js';
import { JsonStore } from '../files/json-store.js';
import { MINIMAL, useHandlersRig } from '../../test/support/handlers-rig.js';
import { waitFor } from '../../test/support/wait.js';

const rig = useHandlersRig();
const { call, value, vmFile, events } = rig;

describe('library and vm calls', () => {
  it('opens a file, starts and stops the VM, and reports every change as an event', async () => {
    const file = await vmFile();
    const opened = await value<{ state: string; id: string }>('library.open', { path: file });
    expect(opened).toMatchObject({ state: 'Stopped', id: 'Vm' });
    await value('vm.start', { path: file });
    expect(await value<{ state: string }>('vm.get', { path: file })).toMatchObject({ state: 'Running' });
    await value('vm.powerOff', { path: file });
    const states = events.filter((e) => e.name === 'vm.changed').map((e) => (e.payload as { state: string }).state);
    expect(states).toEqual(expect.arrayContaining(['Starting', 'Running', 'Stopping', 'Stopped']));
    expect(await value('library.recent')).toEqual([file]);
  });

  it('the library survives a restart of the app, and a missing file is a clear error', async () => {
    const file = await vmFile();
    await value('library.open', { path: file });
    await rig.app.dispose();
    rig.app = await createAppServices({ dataDir: path.join(rig.dir, 'data') });
    expect((await value<{ path: string }[]>('library.list')).map((vm) => vm.path)).toEqual([file]);
    const missing = await call('library.open', { path: path.join(rig.dir, 'nope.7b') });
    expect(missing).toMatchObject({ ok: false, error: { code: 'FileNotFound' } });
  });

  it('library.open writes library.json once; library.list sends summaries, not configurations', async () => {
    const file = await vmFile();
    const saves = vi.spyOn(JsonStore.prototype, 'save');
    await value('library.open', { path: file });
    expect(saves.mock.contexts.filter((store) => (store as JsonStore<unknown>).filePath.endsWith('library.json'))).toHaveLength(1);
    saves.mockRestore();
    const [listed] = await value<Record<string, unknown>[]>('library.list');
    expect(listed).toMatchObject({ path: file, name: 'Vm', guest: 'Linux', processors: 1, memoryMb: 512, state: 'Stopped', loading: false, lastStartedAt: null });
    expect(listed).not.toHaveProperty('config');
    await value('vm.start', { path: file });
    const [running] = await value<{ lastStartedAt: number | null }[]>('library.list');
    expect(running!.lastStartedAt).toEqual(expect.any(Number));
    // It is the library's, per user: a restart still knows it.
    await value('vm.powerOff', { path: file });
    await rig.app.dispose();
    rig.app = await createAppServices({ dataDir: path.join(rig.dir, 'data') });
    expect((await value<{ lastStartedAt: number | null }[]>('library.list'))[0]!.lastStartedAt).toBe(running!.lastStartedAt);
  });

  it('input outside the contract is a BadRequest naming the field', async () => {
    expect(await call('vm.start', { path: 'not-a-vm.txt' })).toMatchObject({ ok: false, error: { code: 'BadRequest', path: '/path' } });
    expect(await call('vm.start', { path: '/x.7b', extra: 1 })).toMatchObject({ ok: false, error: { code: 'BadRequest' } });
    expect(await call('no.such.call')).toMatchObject({ ok: false, error: { code: 'BadRequest' } });
  });

  it('actions on a VM Hako does not know fail with VmUnknown', async () => {
    expect(await call('vm.start', { path: path.join(rig.dir, 'other.7b') })).toMatchObject({ ok: false, error: { code: 'VmUnknown' } });
  });
});

describe('a running VM’s DVD drive and live figures', () => {
  it('vm.setMedia inserts and ejects an image (guarded as an .iso), and vm.statistics reads the figures', async () => {
    const iso = path.join(rig.dir, 'setup.iso');
    await writeFile(iso, 'image');
    const file = await vmFile('media.7b', MINIMAL.replace('"GuestType":"Linux"', '"GuestType":"Linux","ScsiDevices":[{"Type":"VirtualImage"}]'));
    await value('library.open', { path: file });
    await value('vm.start', { path: file });
    expect(await value('vm.setMedia', { path: file, lun: 0, image: iso })).toEqual({ appliedNow: true });
    expect(await call('vm.setMedia', { path: file, lun: 0, image: path.join(rig.dir, 'notes.txt') })).toMatchObject({ ok: false, error: { code: 'InvalidPath' } });
    expect(await call('vm.setMedia', { path: file, lun: 64, image: null })).toMatchObject({ ok: false, error: { code: 'BadRequest', path: '/lun' } });
    expect(await value('vm.setMedia', { path: file, lun: 0, image: null })).toEqual({ appliedNow: true });
    const figures = await value<{ uptimeMs: number; cpuPercent: number; memoryAssignedMb: number }>('vm.statistics', { path: file });
    expect(figures).toMatchObject({ memoryAssignedMb: 512 });
    expect(figures.cpuPercent).toBeGreaterThanOrEqual(0);
    await value('vm.powerOff', { path: file });
    expect(await call('vm.statistics', { path: file })).toMatchObject({ ok: false, error: { code: 'VmNotRunning' } });
  });
});

describe('refused files', () => {
  it('a file without its BOM cannot be started, says why, and the safe fix adds only the BOM', async () => {
    const file = path.join(rig.dir, 'nobom.7b');
    await writeFile(file, MINIMAL);
    const opened = await value<{ actions: string[]; lastError: { code: string } | null }>('library.open', { path: file });
    expect(opened.actions).not.toContain('start');
    expect(opened.lastError).toMatchObject({ code: 'ConfigRefused' });
    await value('config.addBom', { path: file });
    expect(await readFile(file, 'utf8')).toBe('\uFEFF' + MINIMAL);
    await waitFor(() => events.some((e) => e.name === 'vm.changed' && (e.payload as { actions: string[] }).actions.includes('start')), 5_000, 'the VM to be startable');
    await value('vm.start', { path: file });
  });
});

describe('the event log', () => {
  it('records every action in plain words and survives a restart of Hako', async () => {
    const file = await vmFile();
    await value('library.open', { path: file });
    for (const action of ['vm.start', 'vm.pause', 'vm.resume', 'vm.powerOff']) await value(action, { path: file });
    await rig.app.dispose();
    rig.app = await createAppServices({ dataDir: path.join(rig.dir, 'data') });
    const messages = (await value<{ message: string }[]>('vm.events', { path: file })).map((e) => e.message);
    expect(messages).toEqual(expect.arrayContaining(['Started', 'Paused', 'Resumed', 'Powered off']));
  });

  it('each change reaches listeners once', async () => {
    const file = await vmFile();
    await value('library.open', { path: file });
    events.length = 0;
    await value('vm.start', { path: file });
    await value('vm.pause', { path: file });
    const states = events.filter((e) => e.name === 'vm.changed').map((e) => JSON.stringify(e.payload));
    expect(new Set(states).size).toBe(states.length);
  });
});

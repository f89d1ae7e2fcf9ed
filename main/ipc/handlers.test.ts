// The contract's handlers over the real services, native bindings and stand-ins, through the dispatcher.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { type Envelope } from '../../app/ipc/contract.js';
import { createAppServices, type AppServices } from '../app-services.js';
import { JsonStore } from '../files/json-store.js';
import { setNativeCallTimeout } from '../native/index.js';
import { standInControls } from '../../test/support/native/stand-in-controls.js';
import { ensureStandIns } from '../../test/support/native/stand-ins.js';
import { waitFor } from '../../test/support/wait.js';

let dir: string;
let app: AppServices;
const events: { name: string; payload: unknown }[] = [];

beforeAll(() => ensureStandIns(), 180_000);

beforeEach(async () => {
  standInControls().hcs.reset();
  standInControls().hcn.reset();
  dir = await mkdtemp(path.join(tmpdir(), 'hako-handlers-'));
  app = await createAppServices({ dataDir: path.join(dir, 'data') });
  events.length = 0;
  app.events.subscribe((name, payload) => events.push({ name, payload }));
});

afterEach(async () => {
  for (const vm of app.vms.list()) if (vm.actions.includes('powerOff')) await app.vms.powerOff(vm.path).catch(() => undefined);
  await app.dispose();
  await rm(dir, { recursive: true, force: true });
});

async function call<T = unknown>(name: string, input?: unknown): Promise<Envelope<T>> {
  return (await app.dispatch(name, input)) as Envelope<T>;
}
async function value<T = unknown>(name: string, input?: unknown): Promise<T> {
  const envelope = await call<T>(name, input);
  if (!envelope.ok) throw new Error(`${name}: ${envelope.error.code}: ${envelope.error.message}`);
  return envelope.value;
}

const MINIMAL = '{"NanaBox":{"Type":"VirtualMachine","Version":1,"Name":"Vm","ProcessorCount":1,"MemorySize":512,"ComPorts":{"UefiConsole":"Disabled"},"Gpu":{"AssignmentMode":"Disabled"},"GuestType":"Linux"}}';
async function vmFile(name = 'vm.7b', text = MINIMAL): Promise<string> {
  const file = path.join(dir, name);
  await writeFile(file, '\uFEFF' + text);
  return file;
}

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
    await app.dispose();
    app = await createAppServices({ dataDir: path.join(dir, 'data') });
    expect((await value<{ path: string }[]>('library.list')).map((vm) => vm.path)).toEqual([file]);
    const missing = await call('library.open', { path: path.join(dir, 'nope.7b') });
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
    await app.dispose();
    app = await createAppServices({ dataDir: path.join(dir, 'data') });
    expect((await value<{ lastStartedAt: number | null }[]>('library.list'))[0]!.lastStartedAt).toBe(running!.lastStartedAt);
  });

  it('input outside the contract is a BadRequest naming the field', async () => {
    expect(await call('vm.start', { path: 'not-a-vm.txt' })).toMatchObject({ ok: false, error: { code: 'BadRequest', path: '/path' } });
    expect(await call('vm.start', { path: '/x.7b', extra: 1 })).toMatchObject({ ok: false, error: { code: 'BadRequest' } });
    expect(await call('no.such.call')).toMatchObject({ ok: false, error: { code: 'BadRequest' } });
  });

  it('actions on a VM Hako does not know fail with VmUnknown', async () => {
    expect(await call('vm.start', { path: path.join(dir, 'other.7b') })).toMatchObject({ ok: false, error: { code: 'VmUnknown' } });
  });
});

describe('config calls', () => {
  it('only files opened in Hako can be loaded or saved, and saving without a stamp never overwrites', async () => {
    const file = await vmFile();
    expect(await call('config.load', { path: file })).toMatchObject({ ok: false, error: { code: 'VmUnknown' } });
    await value('library.open', { path: file });
    const loaded = await value<{ file: unknown }>('config.load', { path: file });
    expect(await call('config.save', { path: file, file: loaded.file, expected: null, force: true })).toMatchObject({ ok: false, error: { code: 'Conflict' } });
    const elsewhere = path.join(dir, 'elsewhere.7b');
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
    const file = path.join(dir, 'New.7b');
    expect(await value('config.create', { path: file, name: 'New' })).toMatchObject({ id: 'New', state: 'Stopped' });
    expect(await call('config.create', { path: file, name: 'Other' })).toMatchObject({ ok: false, error: { code: 'Conflict' } });
  });
});

describe('other areas', () => {
  it('remembers the session mode per VM', async () => {
    const file = await vmFile();
    await value('library.open', { path: file });
    expect(await value('session.getMode', { path: file })).toBe('basic');
    await value('session.setMode', { path: file, mode: 'enhanced' });
    expect(await value('session.getMode', { path: file })).toBe('enhanced');
  });

  it('console tickets need a running VM and a console endpoint; the browser host keeps no credentials', async () => {
    const file = await vmFile();
    await value('library.open', { path: file });
    expect(await call('session.consoleTicket', { path: file, mode: 'basic' })).toMatchObject({ ok: false, error: { code: 'NotSupported' } });
    app.screen.setEndpoint('ws://127.0.0.1:9/console');
    expect(await call('session.consoleTicket', { path: file, mode: 'basic' })).toMatchObject({ ok: false, error: { code: 'VmNotRunning' } });
    await value('vm.start', { path: file });
    const ticket = await value<{ ticketId: string; proxyUrl: string }>('session.consoleTicket', { path: file, mode: 'basic' });
    expect(ticket.proxyUrl).toBe('ws://127.0.0.1:9/console');
    expect(await value('session.consoleResult', { ticketId: ticket.ticketId })).toEqual({ state: 'waiting' });
    expect(await value('session.consoleResult', { ticketId: '0000000000000000' })).toBeNull();
    expect(await call('session.consoleTicket', { path: path.join(dir, 'other.7b'), mode: 'basic' })).toMatchObject({ ok: false, error: { code: 'VmUnknown' } });

    expect(await value('session.credentials', { path: file })).toEqual({ canRemember: false, remembered: null });
    expect(await call('session.rememberCredentials', { path: file, credentials: { username: 'a', domain: '', password: 'b' } })).toMatchObject({ ok: false, error: { code: 'CredentialsUnavailable' } });
    expect(await call('session.rememberCredentials', { path: file, credentials: { username: '', domain: '', password: 'b' } })).toMatchObject({ ok: false, error: { code: 'BadRequest' } });
  });

  it('diagnostics describe the stand-in host', async () => {
    expect(await value('diagnostics.get')).toMatchObject({ hcsReachable: true, standIn: true, build: 26100, optionalExports: { crash: true } });
  });

  it('diagnostics say where each library came from, and name a stalled call while it stalls (with an event)', async () => {
    const diagnostics = await value<{ nativeLibraries: { name: string; state: string; path: string }[]; stalledCalls: unknown[]; installWarning: unknown; safeDllSearch: unknown }>('diagnostics.get');
    expect(diagnostics.nativeLibraries.map((l) => `${l.name}:${l.state}`)).toEqual(expect.arrayContaining(['computecore.dll:loaded', 'computenetwork.dll:loaded', 'virtdisk.dll:loaded']));
    expect(diagnostics).toMatchObject({ stalledCalls: [], installWarning: null, safeDllSearch: null });
    setNativeCallTimeout(100);
    try {
      standInControls().hcn.stall('HcnEnumerateNetworks', 700);
      const listing = value('networks.list');
      await waitFor(() => events.some((e) => e.name === 'native.stalled' && (e.payload as { calls: unknown[] }).calls.length > 0), 3000, 'a native.stalled event');
      const during = await value<{ stalledCalls: { api: string; operation: string; running: boolean }[] }>('diagnostics.get');
      expect(during.stalledCalls).toEqual([expect.objectContaining({ api: 'HCN', operation: 'HcnEnumerateNetworks', running: true })]);
      await listing;
      await waitFor(() => (events.filter((e) => e.name === 'native.stalled').at(-1)?.payload as { calls: unknown[] }).calls.length === 0, 3000, 'the all-clear');
      expect((await value<{ stalledCalls: unknown[] }>('diagnostics.get')).stalledCalls).toEqual([]);
    } finally {
      setNativeCallTimeout(0);
    }
  });

  it('a disk is created in the background with progress events and a final done event', async () => {
    const disk = path.join(dir, 'disk.vhdx');
    const { operationId } = await value<{ operationId: string }>('disks.create', { path: disk, sizeBytes: 64 * 1024 * 1024, fixed: false });
    await waitFor(() => events.some((e) => e.name === 'operations.progress' && (e.payload as { done: boolean }).done), 10_000, 'disk done');
    const done = events.find((e) => e.name === 'operations.progress' && (e.payload as { done: boolean }).done)!.payload;
    expect(done).toMatchObject({ operationId, done: true });
    expect(done).not.toHaveProperty('error');
    expect(await value('disks.info', { path: disk })).toMatchObject({ format: 'vhdx', virtualSize: 64 * 1024 * 1024 });
  });

  it('preferences persist and announce themselves', async () => {
    expect(await value('app.setPreferences', { theme: 'dark' })).toMatchObject({ theme: 'dark' });
    expect(events.some((e) => e.name === 'app.preferencesChanged')).toBe(true);
    expect(await call('app.setPreferences', { theme: 'neon' })).toMatchObject({ ok: false, error: { code: 'BadRequest' } });
  });

  it('shell-only calls say they are not available in the browser host', async () => {
    expect(await call('library.openDialog')).toMatchObject({ ok: false, error: { code: 'NotSupported' } });
    // The wizard keeps the typed path when Browse has no dialog behind it.
    expect(await call('app.pickPath', { kind: 'iso' })).toMatchObject({ ok: false, error: { code: 'NotSupported', message: expect.stringContaining('enter the path') as string } });
    expect(await call('app.pickPath', { kind: 'exe' })).toMatchObject({ ok: false, error: { code: 'BadRequest', path: '/kind' } });
  });

  it('Browse answers with what the shell’s dialog chose, or null when the user cancelled', async () => {
    await app.dispose();
    const asked: string[] = [];
    app = await createAppServices({
      dataDir: path.join(dir, 'data'),
      shell: {
        transport: 'electron',
        pickPath: async (kind) => {
          asked.push(kind);
          return kind === 'folder' ? null : path.join(dir, 'win11.iso');
        },
      },
    });
    expect(await value('app.pickPath', { kind: 'iso' })).toBe(path.join(dir, 'win11.iso'));
    expect(await value('app.pickPath', { kind: 'folder' })).toBeNull();
    expect(asked).toEqual(['iso', 'folder']);
  });
});

describe('files that are not files', () => {
  it('a library VM replaced by a FIFO: load and save answer at once, and the host keeps serving', async () => {
    const file = await vmFile();
    await value('library.open', { path: file });
    const loaded = await value<{ file: unknown; stamp: unknown }>('config.load', { path: file });
    await rm(file);
    execFileSync('mkfifo', [file]);
    const started = Date.now();
    expect(await call('config.load', { path: file })).toMatchObject({ ok: false, error: { code: 'NotAFile' } });
    for (let i = 0; i < 4; i++) {
      expect(await call('config.save', { path: file, file: loaded.file, expected: loaded.stamp, force: true })).toMatchObject({ ok: false, error: { code: 'NotAFile' } });
    }
    expect(Date.now() - started).toBeLessThan(2_000);
    expect(await call('app.version')).toMatchObject({ ok: true });
  });

  it('session.setMode cannot plant a path in the library', async () => {
    expect(await call('session.setMode', { path: path.join(dir, 'fifo.7b'), mode: 'basic' })).toMatchObject({ ok: false, error: { code: 'VmUnknown' } });
    expect(await call('session.setMode', { path: '\\\\server\\share\\x.7b', mode: 'basic' })).toMatchObject({ ok: false, error: { code: 'PathNotLocal' } });
    expect(await value('library.list')).toEqual([]);
    expect(await readFile(path.join(dir, 'data', 'library.json'), 'utf8').catch(() => 'none')).not.toContain('fifo');
  });
});

describe('new VMs', () => {
  it('vm.create makes the VM in the background, opens it in the library, and it starts', async () => {
    const { operationId } = await value<{ operationId: string }>('vm.create', { folder: path.join(dir, 'vms'), name: 'Fresh', preset: 'windows11', disk: 'new', diskSizeBytes: 64 * 1024 * 1024 });
    await waitFor(() => events.some((e) => e.name === 'operations.progress' && (e.payload as { operationId: string; done: boolean }).operationId === operationId && (e.payload as { done: boolean }).done), 10_000, 'the creation');
    const done = events.find((e) => e.name === 'operations.progress' && (e.payload as { done: boolean }).done)!.payload as { kind: string; result?: { path: string }; error?: unknown };
    expect(done).toMatchObject({ kind: 'vm.create', result: { path: path.join(dir, 'vms', 'Fresh', 'Fresh.7b') } });
    const file = done.result!.path;
    expect((await value<{ path: string }[]>('library.list')).map((vm) => vm.path)).toContain(file);
    await value('vm.start', { path: file });
    expect(await value<{ state: string }>('vm.get', { path: file })).toMatchObject({ state: 'Running' });
  });

  it('vm.create refuses system folders and reports the host facts the wizard caps by', async () => {
    expect(await call('vm.create', { folder: '/proc', name: 'x', preset: 'other', disk: 'none' })).toMatchObject({ ok: false, error: { code: 'InvalidPath' } });
    expect(await call('vm.create', { folder: dir, name: 'x', preset: 'other', disk: 'none', isoPath: path.join(dir, 'a.txt') })).toMatchObject({ ok: false, error: { code: 'InvalidPath' } });
    expect(await value('app.hostFacts')).toMatchObject({ build: 26100, tpmUnavailable: null, logicalProcessors: expect.any(Number) as number });
  });
});

describe('deleting a VM', () => {
  it('plans from the file main reads, refuses while running, deletes exactly what is ticked, and forgets the VM', async () => {
    const file = await vmFile('del.7b', MINIMAL.replace('"GuestType":"Linux"', '"GuestType":"Linux","ScsiDevices":[{"Type":"VirtualDisk","Path":"del.vhdx"}]'));
    await writeFile(path.join(dir, 'del.vhdx'), 'disk');
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
    const { operationId } = await value<{ operationId: string }>('vm.clone', { path: file, name: 'Copy', folder: path.join(dir, 'clones'), disks: 'copy', macs: 'dynamic' });
    await waitFor(() => events.some((e) => e.name === 'operations.progress' && (e.payload as { operationId: string; done: boolean }).operationId === operationId && (e.payload as { done: boolean }).done), 10_000, 'the clone');
    const clone = path.join(dir, 'clones', 'Copy', 'Copy.7b');
    await value('vm.start', { path: file });
    await value('vm.start', { path: clone });
    expect((await value<{ state: string }[]>('library.list')).map((vm) => vm.state)).toEqual(['Running', 'Running']);
    expect(await call('vm.clone', { path: file, name: 'Again', folder: dir, disks: 'copy', macs: 'dynamic' })).toMatchObject({ ok: false, error: { code: 'VmRunning' } });
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
    const base = path.join(dir, 'orig.vhdx');
    expect(await finished((await value<{ operationId: string }>('disks.create', { path: base, sizeBytes: 64 * 1024 * 1024, fixed: false })).operationId)).toMatchObject({ result: { path: base } });
    const file = await vmFile('orig.7b', MINIMAL.replace('"Name":"Vm"', '"Name":"Orig"').replace('"GuestType":"Linux"', '"GuestType":"Linux","ScsiDevices":[{"Type":"VirtualDisk","Path":"orig.vhdx"}]'));
    await value('library.open', { path: file });
    const { operationId } = await value<{ operationId: string }>('vm.clone', { path: file, name: 'Diff', folder: path.join(dir, 'clones'), disks: 'differencing', macs: 'dynamic' });
    expect(await finished(operationId)).not.toHaveProperty('error');
    const clone = path.join(dir, 'clones', 'Diff', 'Diff.7b');
    const child = path.join(dir, 'clones', 'Diff', 'orig.vhdx');
    expect(await value('disks.info', { path: child })).toMatchObject({ type: 'differencing', virtualSize: 64 * 1024 * 1024, parents: [{ path: base, missing: false }] });
    await value('vm.start', { path: file });
    await value('vm.start', { path: clone });
    expect((await value<{ state: string }[]>('library.list')).map((vm) => vm.state)).toEqual(['Running', 'Running']);
    // The original runs with the parent attached: it is not compacted, resized, or made a parent now.
    expect(await call('disks.compact', { path: base })).toMatchObject({ ok: false, error: { code: 'DiskInUse', message: expect.stringContaining('Orig') as string } });
    expect(await call('disks.resize', { path: base, sizeBytes: 128 * 1024 * 1024 })).toMatchObject({ ok: false, error: { code: 'DiskInUse' } });
    expect(await call('disks.createDifferencing', { path: path.join(dir, 'more.vhdx'), parentPath: base })).toMatchObject({ ok: false, error: { code: 'DiskInUse' } });
  });

  it('disks.delete removes a disk no library VM names, and refuses one that a VM still names', async () => {
    const kept = path.join(dir, 'kept.vhdx');
    const loose = path.join(dir, 'loose.vhdx');
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
    const base = path.join(dir, 'base.vhdx');
    await finished((await value<{ operationId: string }>('disks.create', { path: base, sizeBytes: 64 * 1024 * 1024, fixed: false })).operationId);
    const child = path.join(dir, 'child.vhdx');
    expect(await finished((await value<{ operationId: string }>('disks.createDifferencing', { path: child, parentPath: base })).operationId)).toMatchObject({ result: { path: child } });
    const failed = await finished((await value<{ operationId: string }>('disks.createDifferencing', { path: path.join(dir, 'orphan.vhdx'), parentPath: path.join(dir, 'none.vhdx') })).operationId);
    expect(failed).toMatchObject({ error: { code: 'ERROR_FILE_NOT_FOUND' } });
    expect(failed).not.toHaveProperty('result');
    expect(await call('disks.createDifferencing', { path: path.join(dir, 'x.vhdx'), parentPath: path.join(dir, 'a.txt') })).toMatchObject({ ok: false, error: { code: 'BadRequest', path: '/parentPath' } });
  });
});

describe('a running VM’s DVD drive and live figures', () => {
  it('vm.setMedia inserts and ejects an image (guarded as an .iso), and vm.statistics reads the figures', async () => {
    const iso = path.join(dir, 'setup.iso');
    await writeFile(iso, 'image');
    const file = await vmFile('media.7b', MINIMAL.replace('"GuestType":"Linux"', '"GuestType":"Linux","ScsiDevices":[{"Type":"VirtualImage"}]'));
    await value('library.open', { path: file });
    await value('vm.start', { path: file });
    expect(await value('vm.setMedia', { path: file, lun: 0, image: iso })).toEqual({ appliedNow: true });
    expect(await call('vm.setMedia', { path: file, lun: 0, image: path.join(dir, 'notes.txt') })).toMatchObject({ ok: false, error: { code: 'InvalidPath' } });
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
    const file = path.join(dir, 'nobom.7b');
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

describe('the editor’s warnings about this host', () => {
  it('config.load names missing files, unreadable disks, shared disks and more than the host has', async () => {
    await writeFile(path.join(dir, 'not-a-disk.vhdx'), 'text');
    const shared = path.join(dir, 'shared.vhdx');
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
    const base = path.join(dir, 'base.vhdx');
    const child = path.join(dir, 'child.vhdx');
    await value('disks.create', { path: base, sizeBytes: 64 * 1024 * 1024, fixed: false });
    await waitFor(() => existsSync(base), 5_000, 'the parent');
    await waitFor(() => events.some((e) => e.name === 'operations.progress' && (e.payload as { done: boolean }).done), 10_000, 'the parent made');
    const { operationId } = await value<{ operationId: string }>('disks.createDifferencing', { path: child, parentPath: base });
    await waitFor(() => events.some((e) => e.name === 'operations.progress' && (e.payload as { operationId: string; done: boolean }).operationId === operationId && (e.payload as { done: boolean }).done), 10_000, 'the child');
    const file = await vmFile('diff.7b', MINIMAL.replace('"GuestType":"Linux"', '"GuestType":"Linux","ScsiDevices":[{"Type":"VirtualDisk","Path":"child.vhdx"}]'));
    await value('library.open', { path: file });
    const before = await value<{ findings: { code: string }[] }>('config.load', { path: file });
    expect(before.findings.map((f) => f.code)).not.toContain('disk.unreadable');
    await rm(base);
    const after = await value<{ findings: { code: string; path: string; params: { reason?: string } }[] }>('config.load', { path: file });
    expect(after.findings.find((f) => f.code === 'disk.unreadable')).toMatchObject({ path: '/NanaBox/ScsiDevices/0/Path', params: { reason: `its parent disk ${base} is missing` } });
  });
});

describe('the event log', () => {
  it('records every action in plain words and survives a restart of Hako', async () => {
    const file = await vmFile();
    await value('library.open', { path: file });
    for (const action of ['vm.start', 'vm.pause', 'vm.resume', 'vm.powerOff']) await value(action, { path: file });
    await app.dispose();
    app = await createAppServices({ dataDir: path.join(dir, 'data') });
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

describe('virtual switches', () => {
  it('lists switches with subnets and users, suggests a free subnet, and deletes only unused ones', async () => {
    const suggested = await value<{ prefix: string; gateway: string }>('networks.suggestSubnet');
    const { id } = await value<{ id: string }>('networks.create', { name: 'Lab net', subnet: suggested.prefix });
    const next = await value<{ prefix: string }>('networks.suggestSubnet');
    expect(next.prefix).not.toBe(suggested.prefix);
    const file = await vmFile('net.7b', MINIMAL.replace('"GuestType":"Linux"', `"GuestType":"Linux","NetworkAdapters":[{"Connected":true,"SuggestedSwitchId":"${id}"}]`));
    await value('library.open', { path: file });
    await value('vm.start', { path: file });
    const listed = (await value<{ id: string; subnets: { prefix: string }[]; usedBy: string[] }[]>('networks.list')).find((n) => n.id === id)!;
    expect(listed).toMatchObject({ subnets: [{ prefix: suggested.prefix }], usedBy: ['Vm'] });
    expect(await call('networks.delete', { id })).toMatchObject({ ok: false, error: { code: 'SwitchInUse', message: expect.stringContaining('Vm') as string } });
    await value('vm.powerOff', { path: file });
    await value('networks.delete', { id });
    expect((await value<{ id: string }[]>('networks.list')).some((n) => n.id === id)).toBe(false);
  });
});

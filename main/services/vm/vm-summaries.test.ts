// The library's view of VmService: records listed before their files are read (start-up), summaries
// instead of whole snapshots, when each VM last started, and actions that wait for the start-up.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { loadNativeHost, type NativeHost } from '../../native/index.js';
import { memoryRegistry } from '../../../test/support/registry.js';
import { standInControls } from '../../../test/support/native/stand-in-controls.js';
import { ensureStandIns } from '../../../test/support/native/stand-ins.js';
import { waitFor } from '../../../test/support/wait.js';
import { ConfigService, type VmFiles } from '../config-service.js';
import { type VmSnapshot } from './vm-record.js';
import { VmService } from './vm-service.js';

let native: NativeHost;
let dir: string;
const services: VmService[] = [];

beforeAll(() => {
  ensureStandIns();
  native = loadNativeHost();
});

beforeEach(async () => {
  standInControls().hcs.reset();
  dir = await mkdtemp(path.join(tmpdir(), 'hako-summaries-'));
});

afterEach(async () => {
  for (const service of services.splice(0)) {
    for (const vm of service.list()) if (vm.actions.includes('powerOff')) await service.powerOff(vm.path).catch(() => undefined);
    await service.dispose();
  }
  await waitFor(() => standInControls().hcs.openHandleCount() === 0, 5000, 'all HCS handles closed');
  await rm(dir, { recursive: true, force: true });
});

function newService(files: VmFiles = new ConfigService(), registry = memoryRegistry()): VmService {
  const service = new VmService({
    hcs: native.hcs,
    network: { deleteEndpoint: async () => undefined, connectAdapter: async () => ({ endpointId: '', macAddress: '' }) },
    host: native.host,
    registry,
    files,
  });
  services.push(service);
  return service;
}

async function vmFile(name: string, extra: Record<string, unknown> = {}): Promise<string> {
  const file = path.join(dir, `${name}.7b`);
  const config = { Type: 'VirtualMachine', Version: 1, Name: name, GuestType: 'Linux', ProcessorCount: 2, MemorySize: 1024, ...extra };
  await writeFile(file, '\uFEFF' + JSON.stringify({ NanaBox: config }));
  return file;
}

/** ConfigService whose reads wait until `release()` (a slow share). */
function gatedFiles(): VmFiles & { release(): void; reads: string[] } {
  const inner = new ConfigService();
  let open!: () => void;
  const gate = new Promise<void>((resolve) => (open = resolve));
  const reads: string[] = [];
  return Object.assign(Object.create(inner) as VmFiles, {
    reads,
    release: () => open(),
    load: async (file: string) => {
      reads.push(file);
      await gate;
      return inner.load(file);
    },
  });
}

describe('summaries', () => {
  it('say what a list shows and nothing of the configuration', async () => {
    const vms = newService();
    // A SecureBoot of the wrong type is a warning (NanaBox reads its default); an unknown key only an info.
    const file = await vmFile('Alpha', { GuestType: 'Windows', ProcessorCount: 4, MemorySize: 4096, SecureBoot: 'maybe', Extra: 1 });
    await vms.open(file);
    const [summary] = vms.summaries();
    expect(summary).toEqual({
      path: file,
      id: 'Alpha',
      name: 'Alpha',
      guest: 'Windows',
      state: 'Stopped',
      actions: ['start'],
      processors: 4,
      memoryMb: 4096,
      problems: { errors: 0, warnings: 1 },
      lastError: null,
      outlivesHako: false,
      lastStartedAt: null,
      loading: false,
    });
    expect(summary).not.toHaveProperty('config');
    expect(JSON.stringify(summary).length).toBeLessThan(600);
  });

  it('name an unreadable file by its file name, with its error and no guest or size', async () => {
    const vms = newService();
    const file = path.join(dir, 'Broken.7b');
    await writeFile(file, '{ not json');
    await vms.open(file);
    expect(vms.summaries()[0]).toMatchObject({ name: 'Broken', guest: null, processors: null, memoryMb: null, actions: [], lastError: { code: expect.any(String) } });
  });

  it('a start records when it happened, in the record, its events and the registry', async () => {
    const registry = memoryRegistry();
    const vms = newService(new ConfigService(), registry);
    const file = await vmFile('Bravo');
    await vms.open(file);
    const changes: VmSnapshot[] = [];
    vms.onChange((snapshot) => changes.push(snapshot));
    const before = Date.now();
    await vms.start(file);
    const startedAt = vms.summaries()[0]!.lastStartedAt!;
    expect(startedAt).toBeGreaterThanOrEqual(before);
    expect(registry.startedAt.get(file)).toBe(startedAt);
    expect(changes.find((c) => c.state === 'Running')?.lastStartedAt).toBe(startedAt);
  });
});

describe('start-up: listed first, read afterwards', () => {
  it('expect() lists every file at once, marked loading; load() reads each once and announces it', async () => {
    const files = gatedFiles();
    const vms = newService(files);
    const a = await vmFile('Charlie');
    const b = await vmFile('Delta');
    vms.expect([
      { path: a, lastStartedAt: 1_700_000_000_000 },
      { path: b, lastStartedAt: null },
    ]);
    expect(vms.summaries().map((s) => [s.name, s.loading, s.lastStartedAt, s.actions])).toEqual([
      ['Charlie', true, 1_700_000_000_000, []],
      ['Delta', true, null, []],
    ]);
    const changes: VmSnapshot[] = [];
    vms.onChange((snapshot) => changes.push(snapshot));
    const reading = Promise.all([vms.load(a), vms.load(a), vms.load(b)]);
    files.release();
    await reading;
    expect(files.reads.filter((f) => f === a)).toHaveLength(1);
    expect(vms.summaries().map((s) => [s.loading, s.actions])).toEqual([
      [false, ['start']],
      [false, ['start']],
    ]);
    expect(changes.map((c) => [path.basename(c.path), c.loading]).sort()).toEqual([
      ['Charlie.7b', false],
      ['Delta.7b', false],
    ]);
  });

  it('a file forgotten before its read is not brought back by it', async () => {
    const vms = newService();
    const a = await vmFile('Echo');
    vms.expect([{ path: a, lastStartedAt: null }]);
    vms.forget(a);
    await vms.load(a);
    expect(vms.summaries()).toEqual([]);
  });

  it('actions wait until the start-up is done, then run', async () => {
    const vms = newService();
    const a = await vmFile('Foxtrot');
    vms.expect([{ path: a, lastStartedAt: null }]);
    let settle!: () => void;
    vms.holdActionsUntil(new Promise<void>((resolve) => (settle = resolve)));
    let started = false;
    const start = vms.start(a).then(() => (started = true));
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(started).toBe(false);
    await vms.load(a);
    settle();
    await start;
    expect(vms.get(a).state).toBe('Running');
  });

  it('a failed start-up still lets actions run', async () => {
    const vms = newService();
    const a = await vmFile('Golf');
    await vms.open(a);
    vms.holdActionsUntil(Promise.reject(new Error('the host went away')));
    await vms.start(a);
    expect(vms.get(a).state).toBe('Running');
  });
});

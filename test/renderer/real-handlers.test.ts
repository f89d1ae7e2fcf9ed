// The renderer's store and settings editor against the real handlers: the services Hako runs (main/app-
// services.ts) on the C stand-ins, reached through the contract's dispatcher as a HakoApi. No fake of the
// main side exists to drift from it; whatever main answers, the renderer is tested against.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { CHANNEL_PREFIX, channelName } from '../../app/ipc/channels.js';
import { createHakoApi } from '../../app/ipc/client.js';
import type { Envelope, HakoApi } from '../../app/ipc/contract.js';
import { createAppServices, type AppServices } from '../../main/app-services.js';
import { createEditorStore } from '../../renderer/src/features/vm/settings/editor/editor-store.js';
import { createHakoStore } from '../../renderer/src/store/index.js';
import { standInControls } from '../support/native/stand-in-controls.js';
import { ensureStandIns } from '../support/native/stand-ins.js';

let dir: string;
let app: AppServices;

beforeAll(() => ensureStandIns(), 180_000);

beforeEach(async () => {
  standInControls().hcs.reset();
  standInControls().hcn.reset();
  dir = await mkdtemp(path.join(tmpdir(), 'hako-renderer-'));
  app = await createAppServices({ dataDir: path.join(dir, 'data') });
});

afterEach(async () => {
  for (const vm of app.vms.list()) if (vm.actions.includes('powerOff')) await app.vms.powerOff(vm.path).catch(() => undefined);
  await app.dispose();
  await rm(dir, { recursive: true, force: true });
});

/** The services as the renderer sees them: every value copied across, as IPC and the WebSocket do. */
function apiOver(services: AppServices): HakoApi {
  return createHakoApi({
    invoke: async (channel, input) => structuredClone((await services.dispatch(channel.slice(CHANNEL_PREFIX.length), structuredClone(input))) as Envelope<unknown>),
    subscribe: (channel, listener) =>
      services.events.subscribe((name, payload) => {
        if (channelName(name) === channel) listener(structuredClone(payload));
      }),
  });
}

/** A VM NanaBox reads differently from how it is written: "windows" is no guest type, a floppy no SCSI device. */
const LAB = JSON.stringify({
  NanaBox: {
    Type: 'VirtualMachine',
    Version: 1,
    GuestType: 'windows',
    Name: 'Lab',
    ProcessorCount: 2,
    MemorySize: 2048,
    ComPorts: { UefiConsole: 'Disabled' },
    Gpu: { AssignmentMode: 'Disabled' },
    ScsiDevices: [{ Type: 'Floppy', Path: 'boot.img' }],
  },
});

describe('the renderer against the real handlers', () => {
  it('drives the store and the editor through a start and a consented save', async () => {
    const file = path.join(dir, 'Lab.7b');
    await writeFile(file, '\uFEFF' + LAB);
    const api = apiOver(app);
    const store = createHakoStore(api, { setTimeout: () => undefined });
    await store.getState().init();
    expect(store.getState().connection).toBe('ready');

    expect(await store.getState().openPath(file)).toMatchObject({ ok: true });
    expect(store.getState().view).toEqual({ kind: 'vm', path: file });
    expect(await store.getState().act(file, 'start')).toMatchObject({ status: 'done' });
    expect(store.getState().library.get(file)?.state).toBe('Running');
    const unwatch = store.getState().watchVm(file);

    const editor = createEditorStore(api, file, { debounceMs: 0 });
    await editor.getState().load();
    editor.getState().update((c) => void (c.MemorySize = 4096));
    expect(await editor.getState().save()).toBe(false);
    expect(editor.getState().consent?.map((f) => f.path)).toEqual(['/NanaBox/GuestType', '/NanaBox/ScsiDevices/0']);
    expect(await editor.getState().confirmConsent()).toBe(true);
    await store.getState().refreshVm(file);
    expect(store.getState().details[file]?.pendingRestart).toContain('/NanaBox/MemorySize');
    unwatch();
    store.getState().dispose();
  });

  it('turns a save over a file changed on disk into the conflict question, even after consent', async () => {
    const file = path.join(dir, 'Lab.7b');
    await writeFile(file, '\uFEFF' + LAB);
    const api = apiOver(app);
    await api.invoke('library.open', { path: file });
    const editor = createEditorStore(api, file, { debounceMs: 0 });
    await editor.getState().load();
    editor.getState().update((c) => void (c.ProcessorCount = 4));
    await editor.getState().save();
    expect(editor.getState().consent).not.toBeNull();
    await writeFile(file, '\uFEFF' + LAB.replace('"ProcessorCount":2', '"ProcessorCount":3'));
    expect(await editor.getState().confirmConsent()).toBe(false);
    expect(editor.getState().conflict).toBe(true);
    await editor.getState().reloadFromDisk();
    expect(editor.getState().draft?.config.ProcessorCount).toBe(3);
  });
});

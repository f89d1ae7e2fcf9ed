import { describe, expect, it } from 'vitest';
import { createHakoStore, selectVmList } from '../../renderer/src/store.js';
import { PREFERENCES, VERSION, apiError, createStubApi, flush, snapshot } from './stub-api.js';

const A = '/vms/a/a.7b';
const B = '/vms/b/b.7b';

function ready(extra: Parameters<typeof createStubApi>[0] = {}) {
  return createStubApi({
    'app.ready': () => undefined,
    'library.list': () => [snapshot(A), snapshot(B)],
    'app.getPreferences': () => PREFERENCES,
    'app.version': () => VERSION,
    'vm.get': (input) => snapshot((input as { path: string }).path),
    ...extra,
  });
}

describe('renderer store: start-up', () => {
  it('subscribes to every event before it says ready, then loads the library', async () => {
    const api = ready();
    const store = createHakoStore(api);
    await store.getState().init();
    const readyAt = api.log.indexOf('app.ready');
    for (const event of ['vm.changed', 'app.showVm', 'operations.progress']) {
      expect(api.log.indexOf(`on:${event}`)).toBeGreaterThanOrEqual(0);
      expect(api.log.indexOf(`on:${event}`)).toBeLessThan(readyAt);
    }
    expect(api.log.indexOf('library.list')).toBeGreaterThan(readyAt);
    const state = store.getState();
    expect(state.connection).toBe('ready');
    expect(selectVmList(state).map((s) => s.path)).toEqual([A, B]);
    expect(state.preferences).toEqual(PREFERENCES);
    expect(state.app?.transport).toBe('browser-host');
  });

  it('keeps a snapshot that arrived by event while the list was in flight', async () => {
    let release!: () => void;
    const api = ready({
      'library.list': () => new Promise((resolve) => (release = () => resolve([snapshot(A, { state: 'Stopped' })]))),
    });
    const store = createHakoStore(api);
    const init = store.getState().init();
    await flush();
    api.emit('vm.changed', snapshot(A, { state: 'Running', actions: ['powerOff'] }));
    release();
    await init;
    expect(store.getState().vms[A]?.state).toBe('Running');
  });

  it('reports a failed start-up instead of hanging', async () => {
    const api = ready({ 'app.ready': () => Promise.reject(apiError({ code: 'Disconnected', message: 'Hako cannot be reached.' })) });
    const store = createHakoStore(api);
    await store.getState().init();
    expect(store.getState().connection).toBe('failed');
    expect(store.getState().connectionError).toMatchObject({ code: 'Disconnected' });
  });

  it('reads the library again after the link comes back', async () => {
    const api = ready();
    const store = createHakoStore(api);
    await store.getState().init();
    api.handlers['library.list'] = () => [snapshot(B, { state: 'Running' })];
    store.getState().setLink('connecting');
    store.getState().setLink('open');
    await flush();
    expect(store.getState().order).toEqual([B]);
    expect(store.getState().vms[B]?.state).toBe('Running');
  });

  it('unsubscribes on dispose', async () => {
    const api = ready();
    const store = createHakoStore(api);
    await store.getState().init();
    expect(api.listenerCount('vm.changed')).toBe(1);
    store.getState().dispose();
    expect(api.listenerCount('vm.changed')).toBe(0);
  });
});

describe('renderer store: events', () => {
  it('adds VMs it learns of by vm.changed and bumps their revision', async () => {
    const api = ready();
    const store = createHakoStore(api);
    await store.getState().init();
    const C = '/vms/c/c.7b';
    api.emit('vm.changed', snapshot(C, { state: 'Running' }));
    api.emit('vm.changed', snapshot(C, { state: 'Paused' }));
    expect(store.getState().order).toEqual([A, B, C]);
    expect(store.getState().vms[C]?.state).toBe('Paused');
    expect(store.getState().revision[C]).toBe(2);
  });

  it('shows the VM main asks for, fetching it when it is not in the list yet', async () => {
    const C = '/vms/c/c.7b';
    const api = ready();
    const store = createHakoStore(api);
    await store.getState().init();
    api.emit('app.showVm', { path: C });
    await flush();
    await flush();
    expect(store.getState().view).toEqual({ kind: 'vm', path: C });
    expect(store.getState().vms[C]).toBeDefined();
  });

  it('follows preference changes from another window or the tray', async () => {
    const api = ready();
    const store = createHakoStore(api);
    await store.getState().init();
    api.emit('app.preferencesChanged', { ...PREFERENCES, theme: 'dark' });
    expect(store.getState().preferences?.theme).toBe('dark');
  });

  it('turns a finished disk operation into a notification, also when it finishes before it is labelled', async () => {
    const api = ready();
    const store = createHakoStore(api, { setTimeout: () => undefined });
    await store.getState().init();
    const id = '6f1c7a2e-1111-4222-8333-944455556666';
    store.getState().trackDisk(id, 'Creating a.vhdx');
    api.emit('operations.progress', { kind: 'disk.create', operationId: id, completed: 5, total: 10, done: false });
    expect(store.getState().disks[id]).toMatchObject({ label: 'Creating a.vhdx', completed: 5, total: 10 });
    api.emit('operations.progress', { kind: 'disk.create', operationId: id, completed: 0, total: 1, done: true, error: { code: 'DiskFull', message: 'no space', advice: 'free some' } });
    expect(store.getState().disks[id]).toBeUndefined();
    expect(store.getState().toasts.at(-1)).toMatchObject({ tone: 'error', title: 'Creating a.vhdx failed', error: { code: 'DiskFull', advice: 'free some' } });

    const fast = '6f1c7a2e-2222-4222-8333-944455556666';
    api.emit('operations.progress', { kind: 'disk.create', operationId: fast, completed: 1, total: 1, done: true });
    store.getState().trackDisk(fast, 'Creating b.vhdx');
    expect(store.getState().disks[fast]).toBeUndefined();
  });
});

describe('renderer store: actions', () => {
  it('runs a VM action, marks the VM busy meanwhile and refreshes it after', async () => {
    let finish!: () => void;
    const api = ready({ 'vm.start': () => new Promise<void>((resolve) => (finish = resolve)) });
    const store = createHakoStore(api);
    await store.getState().init();
    const run = store.getState().act(A, 'start');
    expect(store.getState().busy[A]).toBe('start');
    // A second action on the same VM waits for nothing: it is refused while one runs.
    expect(await store.getState().act(A, 'pause')).toBe(false);
    finish();
    expect(await run).toBe(true);
    expect(store.getState().busy[A]).toBeUndefined();
    expect(api.calls.filter((c) => c.name === 'vm.start')).toEqual([{ name: 'vm.start', input: { path: A } }]);
    expect(api.calls.at(-1)).toEqual({ name: 'vm.get', input: { path: A } });
  });

  it('lets power off through while another action runs', async () => {
    const api = ready({ 'vm.shutdown': () => new Promise(() => undefined), 'vm.powerOff': () => undefined });
    const store = createHakoStore(api);
    await store.getState().init();
    void store.getState().act(A, 'shutdown');
    expect(await store.getState().act(A, 'powerOff')).toBe(true);
  });

  it('shows a failed action as an error toast with code, HRESULT and advice', async () => {
    const api = ready({
      'vm.start': () => Promise.reject(apiError({ code: 'HCS_E_ACCESS_DENIED', message: 'Access is denied.', hresult: 0x80070005, advice: 'Run Hako as administrator.' })),
    });
    const store = createHakoStore(api);
    await store.getState().init();
    expect(await store.getState().act(A, 'start')).toBe(false);
    expect(store.getState().toasts).toEqual([
      expect.objectContaining({
        tone: 'error',
        title: 'Start failed for a',
        error: { code: 'HCS_E_ACCESS_DENIED', message: 'Access is denied.', hresult: '0x80070005', advice: 'Run Hako as administrator.' },
      }),
    ]);
  });

  it('says so when the guest did not shut down in time', async () => {
    const api = ready({ 'vm.shutdown': () => ({ stopped: false, reason: 'timeout' }) });
    const store = createHakoStore(api, { setTimeout: () => undefined });
    await store.getState().init();
    await store.getState().act(A, 'shutdown');
    expect(store.getState().toasts.at(-1)).toMatchObject({ tone: 'info', title: 'a is still running' });
  });

  it('summarises a reload: applied, waiting for a restart, failed', async () => {
    const api = ready({
      'vm.reload': () => [
        { path: '/NanaBox/MemorySize', outcome: 'applied' },
        { path: '/NanaBox/ProcessorCount', outcome: 'needs-restart' },
        { path: '/NanaBox/ComPorts', outcome: 'failed', error: { code: 'X', message: 'pipe busy' } },
      ],
    });
    const store = createHakoStore(api, { setTimeout: () => undefined });
    await store.getState().init();
    await store.getState().act(A, 'reload');
    expect(store.getState().toasts.at(-1)).toMatchObject({ tone: 'error', message: '1 applied, 1 wait for a restart, 1 failed: pipe busy' });
  });

  it('opens a VM by path and shows it', async () => {
    const C = '/vms/c/c.7b';
    const api = ready({ 'library.open': (input) => snapshot((input as { path: string }).path) });
    const store = createHakoStore(api);
    await store.getState().init();
    expect(await store.getState().openPath(C)).toBe(true);
    expect(store.getState().view).toEqual({ kind: 'vm', path: C });
    expect(store.getState().order).toContain(C);
  });

  it('tells the UI to ask for a path when the shell has no file dialog', async () => {
    const api = ready({ 'library.openDialog': () => Promise.reject(apiError({ code: 'NotSupported', message: 'no dialog' })) });
    const store = createHakoStore(api);
    await store.getState().init();
    expect(await store.getState().openDialog()).toBe('unsupported');
    expect(store.getState().toasts).toEqual([]);
  });

  it('forgets a VM and leaves its page', async () => {
    const api = ready({ 'library.forget': () => undefined });
    const store = createHakoStore(api);
    await store.getState().init();
    store.getState().select({ kind: 'vm', path: A });
    await store.getState().forget(A);
    expect(store.getState().order).toEqual([B]);
    expect(store.getState().view).toEqual({ kind: 'home' });
  });

  it('applies a preference at once and rolls it back when main refuses it', async () => {
    const api = ready({ 'app.setPreferences': () => Promise.reject(apiError({ code: 'BadRequest', message: 'no' })) });
    const store = createHakoStore(api);
    await store.getState().init();
    await store.getState().setPreferences({ theme: 'dark' });
    expect(store.getState().preferences?.theme).toBe('system');
    expect(store.getState().toasts.at(-1)).toMatchObject({ tone: 'error', title: 'Could not save the preferences' });
  });

  it('dismisses success toasts by itself and keeps errors', async () => {
    const timers: (() => void)[] = [];
    const store = createHakoStore(ready(), { setTimeout: (run) => timers.push(run) });
    store.getState().toast({ tone: 'success', title: 'ok' });
    store.getState().toast({ tone: 'error', title: 'bad' });
    expect(timers).toHaveLength(1);
    timers[0]!();
    expect(store.getState().toasts.map((t) => t.title)).toEqual(['bad']);
  });
});

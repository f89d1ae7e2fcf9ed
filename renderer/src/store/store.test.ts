import { describe, expect, it } from 'vitest';
import { PREFERENCES, VERSION, apiError, createStubApi, flush, snapshot, summary } from '../../../test/support/renderer/stub-api.js';
import { createHakoStore } from './index.js';

const A = '/vms/a/a.7b';
const B = '/vms/b/b.7b';

function ready(extra: Parameters<typeof createStubApi>[0] = {}) {
  return createStubApi({
    'app.ready': () => undefined,
    'library.list': () => [summary(A), summary(B)],
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
    expect(state.order).toEqual([A, B]);
    expect(state.visible).toEqual([A, B]);
    expect(state.preferences).toEqual(PREFERENCES);
    expect(state.app?.transport).toBe('browser-host');
  });

  it('keeps a snapshot that arrived by event while the list was in flight', async () => {
    let release!: () => void;
    const api = ready({
      'library.list': () => new Promise((resolve) => (release = () => resolve([summary(A, { state: 'Stopped' })]))),
    });
    const store = createHakoStore(api);
    const init = store.getState().init();
    await flush();
    api.emit('vm.changed', snapshot(A, { state: 'Running', actions: ['powerOff'] }));
    release();
    await init;
    expect(store.getState().library.get(A)?.state).toBe('Running');
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
    api.handlers['library.list'] = () => [summary(B, { state: 'Running' })];
    store.getState().setLink('connecting');
    store.getState().setLink('open');
    await flush();
    expect(store.getState().order).toEqual([B]);
    expect(store.getState().library.get(A)).toBeUndefined();
    expect(store.getState().library.get(B)?.state).toBe('Running');
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
  it('adds VMs it learns of by vm.changed; a VM whose page is open keeps its whole snapshot and counts its changes', async () => {
    const api = ready();
    const store = createHakoStore(api);
    await store.getState().init();
    const C = '/vms/c/c.7b';
    api.emit('vm.changed', snapshot(C, { state: 'Running' }));
    expect(store.getState().order).toEqual([A, B, C]);
    expect(store.getState().details[C]).toBeUndefined();
    const unwatch = store.getState().watchVm(C);
    await flush();
    expect(store.getState().details[C]).toMatchObject({ path: C, config: null });
    api.emit('vm.changed', snapshot(C, { state: 'Paused' }));
    expect(store.getState().library.get(C)?.state).toBe('Paused');
    expect(store.getState().details[C]?.state).toBe('Paused');
    expect(store.getState().revision[C]).toBe(2);
    unwatch();
    expect(store.getState().details[C]).toBeUndefined();
    expect(store.getState().revision[C]).toBeUndefined();
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
    expect(store.getState().library.get(C)).toBeDefined();
  });

  it('says so when the VM main asks for cannot be read, and stays where it is', async () => {
    const C = '/vms/c/c.7b';
    const api = ready({
      'vm.get': () => Promise.reject(apiError({ code: 'VmUnknown', message: 'not in the library' })),
      'library.open': () => Promise.reject(apiError({ code: 'FileNotFound', message: 'gone' })),
    });
    const store = createHakoStore(api);
    await store.getState().init();
    api.emit('app.showVm', { path: C });
    await flush();
    await flush();
    expect(store.getState().view).toEqual({ kind: 'home' });
    expect(store.getState().toasts).toEqual([expect.objectContaining({ kind: 'vm-unavailable', path: C, error: expect.objectContaining({ code: 'FileNotFound' }) })]);
  });

  it('follows preference changes from another window or the tray', async () => {
    const api = ready();
    const store = createHakoStore(api);
    await store.getState().init();
    api.emit('app.preferencesChanged', { ...PREFERENCES, theme: 'dark' });
    expect(store.getState().preferences?.theme).toBe('dark');
  });

  it('turns a finished background operation into a notification, also when it finishes before it is labelled', async () => {
    const api = ready();
    const store = createHakoStore(api, { setTimeout: () => undefined });
    await store.getState().init();
    const id = '6f1c7a2e-1111-4222-8333-944455556666';
    store.getState().trackOperation(id, 'disk.create', 'Creating a.vhdx');
    api.emit('operations.progress', { kind: 'disk.create', operationId: id, completed: 5, total: 10, done: false });
    expect(store.getState().background[id]).toMatchObject({ label: 'Creating a.vhdx', completed: 5, total: 10 });
    api.emit('operations.progress', { kind: 'disk.create', operationId: id, completed: 0, total: 1, done: true, error: { code: 'DiskFull', message: 'no space', advice: 'free some' } });
    expect(store.getState().background[id]).toBeUndefined();
    expect(store.getState().toasts.at(-1)).toMatchObject({ kind: 'operation-finished', tone: 'error', operation: 'disk.create', label: 'Creating a.vhdx', error: { code: 'DiskFull', advice: 'free some' } });

    const fast = '6f1c7a2e-2222-4222-8333-944455556666';
    api.emit('operations.progress', { kind: 'disk.create', operationId: fast, completed: 1, total: 1, done: true });
    store.getState().trackOperation(fast, 'disk.create', 'Creating b.vhdx');
    expect(store.getState().background[fast]).toBeUndefined();
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
    expect(await store.getState().act(A, 'pause')).toEqual({ status: 'busy' });
    finish();
    expect(await run).toEqual({ status: 'done', result: undefined });
    expect(store.getState().busy[A]).toBeUndefined();
    expect(api.calls.filter((c) => c.name === 'vm.start')).toEqual([{ name: 'vm.start', input: { path: A } }]);
    expect(api.calls.at(-1)).toEqual({ name: 'vm.get', input: { path: A } });
  });

  it('lets power off through while another action runs', async () => {
    const api = ready({ 'vm.shutdown': () => new Promise(() => undefined), 'vm.powerOff': () => undefined });
    const store = createHakoStore(api);
    await store.getState().init();
    void store.getState().act(A, 'shutdown');
    expect(await store.getState().act(A, 'powerOff')).toMatchObject({ status: 'done' });
  });

  it('answers a failed action with the failure as the UI shows it, and words nothing itself', async () => {
    const api = ready({
      'vm.start': () => Promise.reject(apiError({ code: 'HCS_E_ACCESS_DENIED', message: 'Access is denied.', hresult: 0x80070005, advice: 'Run Hako as administrator.' })),
    });
    const store = createHakoStore(api);
    await store.getState().init();
    expect(await store.getState().act(A, 'start')).toEqual({
      status: 'failed',
      error: { code: 'HCS_E_ACCESS_DENIED', message: 'Access is denied.', hresult: '0x80070005', advice: 'Run Hako as administrator.' },
    });
    expect(store.getState().toasts).toEqual([]);
  });

  it('answers what the action reported (a shutdown that timed out, what a reload applied)', async () => {
    const api = ready({ 'vm.shutdown': () => ({ stopped: false, reason: 'timeout' }), 'vm.reload': () => [{ path: '/NanaBox/MemorySize', setting: 'Memory', outcome: 'applied' }] });
    const store = createHakoStore(api, { setTimeout: () => undefined });
    await store.getState().init();
    expect(await store.getState().act(A, 'shutdown')).toEqual({ status: 'done', result: { stopped: false, reason: 'timeout' } });
    expect(await store.getState().act(A, 'reload')).toEqual({ status: 'done', result: [{ path: '/NanaBox/MemorySize', setting: 'Memory', outcome: 'applied' }] });
    // The VM's page keeps what the apply said about each setting.
    expect(store.getState().lastReload[A]).toEqual([{ path: '/NanaBox/MemorySize', setting: 'Memory', outcome: 'applied' }]);
  });

  it('opens a VM by path and shows it', async () => {
    const C = '/vms/c/c.7b';
    const api = ready({ 'library.open': (input) => snapshot((input as { path: string }).path) });
    const store = createHakoStore(api);
    await store.getState().init();
    expect(await store.getState().openPath(C)).toMatchObject({ ok: true, value: { path: C } });
    expect(store.getState().view).toEqual({ kind: 'vm', path: C });
    expect(store.getState().order).toContain(C);
  });

  it('tells the UI when the shell has no file dialog, so it can ask for a path', async () => {
    const api = ready({ 'library.openDialog': () => Promise.reject(apiError({ code: 'NotSupported', message: 'no dialog' })) });
    const store = createHakoStore(api);
    await store.getState().init();
    expect(await store.getState().openDialog()).toMatchObject({ ok: false, error: { code: 'NotSupported' } });
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
    const change = store.getState().setPreferences({ theme: 'dark' });
    expect(store.getState().preferences?.theme).toBe('dark');
    expect(await change).toMatchObject({ ok: false, error: { code: 'BadRequest' } });
    expect(store.getState().preferences?.theme).toBe('system');
  });

  it('dismisses success toasts by itself and keeps errors', async () => {
    const timers: (() => void)[] = [];
    const store = createHakoStore(ready(), { setTimeout: (run) => timers.push(run) });
    store.getState().notify({ kind: 'message', tone: 'success', title: 'ok' });
    store.getState().notify({ kind: 'message', tone: 'error', title: 'bad' });
    expect(timers).toHaveLength(1);
    timers[0]!();
    expect(store.getState().toasts).toEqual([expect.objectContaining({ title: 'bad' })]);
  });
});

import fc from 'fast-check';
import { describe, expect, it, vi } from 'vitest';
import type { VmSummaryDto } from '../../../app/ipc/contract.js';
import { VM_STATES, type VmState } from '../../../app/vm/state.js';
import { PREFERENCES, VERSION, apiError, createStubApi, flush, snapshot, summary } from '../../../test/support/renderer/stub-api.js';
import { createHakoStore, type HakoStore } from './index.js';
import { KeyedStore } from './keyed-store.js';
import { compareVms, computeVisible, DEFAULT_QUERY, LIBRARY_SORTS, matchesQuery, STATE_FILTERS, updateVisible, type LibraryQuery } from './library-view.js';

const path = (i: number) => `/vms/lab${i}/Lab ${i}.7b`;

function vm(i: number, overrides: Partial<VmSummaryDto> = {}): VmSummaryDto {
  return { ...summary(path(i), { config: null }), name: `Lab ${i}`, guest: i % 2 === 0 ? 'Windows' : 'Linux', processors: 2, memoryMb: 1024, ...overrides };
}

async function storeWith(list: readonly VmSummaryDto[], handlers: Parameters<typeof createStubApi>[0] = {}): Promise<{ store: HakoStore; api: ReturnType<typeof createStubApi> }> {
  const api = createStubApi({
    'app.ready': () => undefined,
    'library.list': () => list,
    'app.getPreferences': () => PREFERENCES,
    'app.version': () => VERSION,
    ...handlers,
  });
  const store = createHakoStore(api, { setTimeout: () => undefined });
  await store.getState().init();
  return { store, api };
}

describe('the library in the store', () => {
  it('a change to one VM replaces that VM only: the other summaries, the order and the shown list stay the same objects', async () => {
    const { store, api } = await storeWith(Array.from({ length: 100 }, (_, i) => vm(i)));
    const before = store.getState();
    const others = [...before.order.map((p) => before.library.get(p))];
    const listener = vi.fn();
    const unsubscribe = before.library.subscribeKey(path(7), listener);
    const otherListener = vi.fn();
    before.library.subscribeKey(path(8), otherListener);

    api.emit('vm.changed', snapshot(path(7), { state: 'Running', actions: ['powerOff'], config: null }));
    const after = store.getState();
    expect(after.library.get(path(7))?.state).toBe('Running');
    expect(listener).toHaveBeenCalledTimes(1);
    expect(otherListener).not.toHaveBeenCalled();
    expect(after.order).toBe(before.order);
    // Sorted by name, a state change cannot move the VM: the shown list is the very same array.
    expect(after.visible).toBe(before.visible);
    after.order.forEach((p, i) => {
      if (p !== path(7)) expect(after.library.get(p)).toBe(others[i]);
    });
    expect(after.liveCount).toBe(1);
    unsubscribe();
  });

  it('an event that says nothing new changes nothing', async () => {
    const { store } = await storeWith([vm(1)]);
    const first = store.getState().library.get(path(1))!;
    store.getState().upsertSummary({ ...first });
    expect(store.getState().library.get(path(1))).toBe(first);
  });

  it('searches name, guest and path; filters by state; sorts by name (numbers as numbers), state and last start', async () => {
    const list = [
      vm(10, { name: 'Build 10', state: 'Running', lastStartedAt: 300 }),
      vm(2, { name: 'Build 2', state: 'Stopped', lastStartedAt: null }),
      vm(3, { name: 'Web', guest: 'Windows', state: 'Paused', lastStartedAt: 500 }),
      vm(4, { name: 'Db', guest: null, state: 'Error', lastStartedAt: 100 }),
      vm(5, { name: 'Files', state: 'Stopped', lastError: { code: 'NotAFile', message: 'no' }, processors: null, memoryMb: null }),
    ];
    const { store } = await storeWith(list);
    const names = () => store.getState().visible.map((p) => store.getState().library.get(p)!.name);
    expect(names()).toEqual(['Build 2', 'Build 10', 'Db', 'Files', 'Web']);
    store.getState().setQuery({ text: '  BUILD ' });
    expect(names()).toEqual(['Build 2', 'Build 10']);
    store.getState().setQuery({ text: 'windows' });
    expect(names()).toEqual(['Build 2', 'Build 10', 'Web']);
    store.getState().setQuery({ text: '/lab3/' });
    expect(names()).toEqual(['Web']);
    store.getState().setQuery({ text: '' });
    store.getState().setQuery({ state: 'running' });
    expect(names()).toEqual(['Build 10']);
    store.getState().setQuery({ state: 'attention' });
    expect(names()).toEqual(['Db', 'Files']);
    store.getState().setQuery({ state: 'all', sort: 'state' });
    expect(names()).toEqual(['Build 10', 'Web', 'Db', 'Build 2', 'Files']);
    store.getState().setQuery({ sort: 'lastStarted' });
    expect(names()).toEqual(['Web', 'Build 10', 'Db', 'Build 2', 'Files']);
  });

  it('moves one VM when a change moves it, and shows or hides it when it starts or stops matching', async () => {
    const { store, api } = await storeWith([vm(1), vm(2), vm(3)]);
    store.getState().setQuery({ sort: 'state', state: 'all' });
    api.emit('vm.changed', snapshot(path(3), { state: 'Running', actions: ['powerOff'], config: { ...snapshot(path(3)).config!, Name: 'Lab 3' } as never }));
    expect(store.getState().visible[0]).toBe(path(3));
    store.getState().setQuery({ state: 'running' });
    expect(store.getState().visible).toEqual([path(3)]);
    api.emit('vm.changed', snapshot(path(3), { state: 'Stopped', actions: ['start'] }));
    expect(store.getState().visible).toEqual([]);
  });

  it('keeps the shown list as a full sort would, whatever the changes (property)', () => {
    const state = fc.constantFrom<VmState>(...VM_STATES);
    const summaryArb = fc.record({ i: fc.integer({ min: 0, max: 11 }), name: fc.constantFrom('a', 'B', 'a2', 'a10', 'Web'), state, started: fc.option(fc.integer({ min: 0, max: 5 })) });
    fc.assert(
      fc.property(
        fc.array(summaryArb, { maxLength: 30 }),
        fc.constantFrom(...LIBRARY_SORTS),
        fc.constantFrom(...STATE_FILTERS),
        fc.constantFrom('', 'a', 'web', 'lab1'),
        (changes, sort, filter, text) => {
          const query: LibraryQuery = { sort, state: filter, text };
          const table = new KeyedStore<VmSummaryDto>();
          const order: string[] = [];
          let visible: readonly string[] = [];
          for (const change of changes) {
            const p = path(change.i);
            const before = table.get(p);
            const after = vm(change.i, { name: change.name, state: change.state, lastStartedAt: change.started });
            table.set(p, after);
            if (!order.includes(p)) order.push(p);
            visible = updateVisible(visible, p, before, after, (k) => table.get(k), query);
          }
          expect(visible).toEqual(computeVisible(order, (k) => table.get(k), query));
        },
      ),
    );
  });

  it('reuses its last sort only while no VM, summary or sort has changed since (property)', () => {
    const state = fc.constantFrom<VmState>(...VM_STATES);
    const step = fc.oneof(
      fc.record({ i: fc.integer({ min: 0, max: 11 }), name: fc.constantFrom('a', 'B', 'a2', 'a10', 'Web'), state, started: fc.option(fc.integer({ min: 0, max: 5 })) }),
      fc.record({ sort: fc.constantFrom(...LIBRARY_SORTS), text: fc.constantFrom('', 'a', 'web', 'lab1') }),
    );
    fc.assert(
      fc.property(fc.array(step, { maxLength: 40 }), (steps) => {
        const table = new KeyedStore<VmSummaryDto>();
        // One array, grown in place, as the same `order` is handed in again and again.
        const order: string[] = [];
        let query: LibraryQuery = DEFAULT_QUERY;
        for (const change of steps) {
          if ('sort' in change) query = { ...query, sort: change.sort, text: change.text };
          else {
            const p = path(change.i);
            table.set(p, vm(change.i, { name: change.name, state: change.state, lastStartedAt: change.started }));
            if (!order.includes(p)) order.push(p);
          }
          const fromScratch = order
            .map((p) => table.get(p)!)
            .filter((summary) => matchesQuery(summary, query))
            .sort((a, b) => compareVms(a, b, query.sort))
            .map((summary) => summary.path);
          expect(computeVisible(order, (k) => table.get(k), query)).toEqual(fromScratch);
        }
      }),
    );
  });

  it('lists a VM that arrives by event while the list is in flight, and forgets what main no longer lists after a reconnection', async () => {
    const { store, api } = await storeWith([vm(1), vm(2)]);
    api.emit('vm.changed', snapshot(path(9), { state: 'Running' }));
    expect(store.getState().order).toEqual([path(1), path(2), path(9)]);
    api.handlers['library.list'] = () => [vm(2)];
    store.getState().setLink('connecting');
    store.getState().setLink('open');
    await flush();
    expect(store.getState().order).toEqual([path(2)]);
    expect(store.getState().visible).toEqual([path(2)]);
    expect(store.getState().library.get(path(1))).toBeUndefined();
  });

  it('counts a name change or a new VM for the folder hints, not a state change', async () => {
    const { store, api } = await storeWith([vm(1)]);
    const version = store.getState().namesVersion;
    api.emit('vm.changed', snapshot(path(1), { state: 'Running' }));
    expect(store.getState().namesVersion).toBe(version);
    api.emit('vm.changed', snapshot(path(2)));
    expect(store.getState().namesVersion).toBe(version + 1);
    api.emit('vm.changed', snapshot(path(2), { config: { ...snapshot(path(2)).config!, Name: 'Renamed' } as never }));
    expect(store.getState().library.get(path(2))?.name).toBe('Renamed');
    expect(store.getState().namesVersion).toBe(version + 2);
  });
});

describe('bulk actions', () => {
  it('acts on each selected VM through its own action and keeps a result per VM', async () => {
    const list = [vm(1), vm(2, { state: 'Running', actions: ['powerOff', 'shutdown'] }), vm(3), vm(4)];
    const { store, api } = await storeWith(list, {
      'vm.start': (input) => {
        if ((input as { path: string }).path === path(3)) throw apiError({ code: 'StartBlocked', message: 'no processors' });
        return undefined;
      },
      'vm.get': (input) => snapshot((input as { path: string }).path),
    });
    for (const i of [1, 2, 3]) store.getState().setSelected(path(i), true);
    await store.getState().runBulk('start');
    const bulk = store.getState().bulk!;
    expect(bulk.finished).toBe(true);
    expect(bulk.paths).toEqual([path(1), path(2), path(3)]);
    expect(bulk.results).toEqual({
      [path(1)]: { status: 'done' },
      [path(2)]: { status: 'skipped', state: 'Running' },
      [path(3)]: { status: 'failed', error: expect.objectContaining({ code: 'StartBlocked' }) },
    });
    // Each through its own call; nothing for the VM the action made no sense for.
    expect(api.calls.filter((c) => c.name === 'vm.start').map((c) => c.input)).toEqual([{ path: path(1) }, { path: path(3) }]);
  });

  it('runs a few VMs at a time, and says which shutdowns the guests did not finish', async () => {
    const list = Array.from({ length: 10 }, (_, i) => vm(i, { state: 'Running', actions: ['shutdown', 'powerOff'] }));
    let running = 0;
    let most = 0;
    const { store } = await storeWith(list, {
      'vm.shutdown': async (input) => {
        running++;
        most = Math.max(most, running);
        await flush();
        running--;
        return (input as { path: string }).path === path(4) ? { stopped: false, reason: 'timeout' } : { stopped: true };
      },
      'vm.get': (input) => snapshot((input as { path: string }).path),
    });
    store.getState().selectAll(list.map((v) => v.path));
    await store.getState().runBulk('shutdown');
    expect(most).toBeGreaterThan(1);
    expect(most).toBeLessThanOrEqual(4);
    expect(store.getState().bulk!.results[path(4)]).toEqual({ status: 'timeout' });
    expect(Object.values(store.getState().bulk!.results).filter((r) => r.status === 'done')).toHaveLength(9);
  });
});

/**
 * The VMs Hako knows. Lists show summaries (app/vm/summary.ts): main lists them (`library.list`) and the
 * store derives each VM's from the snapshot a `vm.changed` event carries. Summaries live in a KeyedStore
 * (`library`), so a change to one VM notifies only the rows that show it and copies nothing else; `order`
 * (library order) and `visible` (what the query shows, in its order) are new arrays only when what they
 * hold changes.
 *
 * A VM's page needs the whole snapshot (configuration, findings, pending restarts): while a page shows a
 * VM (`watchVm`), its snapshot is in `details`, loaded with `vm.get` and kept fresh by the events, and
 * `revision` counts its changes so views that read more (the event log) know when to read again.
 */
import type { HakoApi, VmSnapshotDto, VmSummaryDto } from '../../../app/ipc/contract.js';
import { hasErrorCode } from '../../../app/errors/codes.js';
import { sameSummary, summarize } from '../../../app/vm/summary.js';
import { isLive } from '../../../app/vm/state.js';
import { KeyedStore } from './keyed-store.js';
import { computeVisible, DEFAULT_QUERY, updateVisible, type LibraryQuery } from './library-view.js';
import type { NavigationSlice, View } from './navigation.js';
import type { NotificationsSlice } from './notifications.js';
import { attempt, type Outcome } from './outcome.js';
import type { SliceContext } from './slice.js';

export interface LibrarySlice {
  /** Every VM's summary by path; subscribe per VM (useVmSummary). The object itself never changes. */
  readonly library: KeyedStore<VmSummaryDto>;
  /** Library order: main's list, then VMs opened since. */
  readonly order: readonly string[];
  readonly query: LibraryQuery;
  /** The paths the query shows, in its order. */
  readonly visible: readonly string[];
  /** How many VMs have a compute system now. */
  readonly liveCount: number;
  /** Counts changes to the set of VMs or to a name (what tells same-named VMs apart depends on them). */
  readonly namesVersion: number;
  /** Whole snapshots of the VMs whose page is open. */
  readonly details: Readonly<Record<string, VmSnapshotDto>>;
  readonly revision: Readonly<Record<string, number>>;
  /** A snapshot from main (event or answer): updates the VM's summary, and its page's snapshot. */
  adopt(snapshot: VmSnapshotDto): void;
  upsertSummary(summary: VmSummaryDto): void;
  /** Main's list at start-up; VMs in `newer` changed by event meanwhile and keep what the event said. */
  mergeListed(list: readonly VmSummaryDto[], newer: ReadonlySet<string>): void;
  /** Main's list after a reconnection: what it no longer lists is gone. */
  replaceListed(list: readonly VmSummaryDto[]): void;
  setQuery(patch: Partial<LibraryQuery>): void;
  /** A page shows the VM: keeps its whole snapshot in `details` until the returned function is called. */
  watchVm(path: string): () => void;
  /** Opens a `.7b` by path and shows its page. */
  openPath(path: string): Promise<Outcome<VmSnapshotDto>>;
  /** The system's open dialog (Electron); null when the user cancelled. Fails with NotSupported where there is none. */
  openDialog(): Promise<Outcome<VmSnapshotDto | null>>;
  forget(path: string): Promise<Outcome<void>>;
  /** Main no longer lists the VM (it was deleted): drop it here, and leave its page. */
  removed(path: string): void;
  refreshVm(path: string): Promise<void>;
  /** Main asks to show a VM (tray, second launch): read it first if the library does not hold it yet. */
  showVm(path: string): Promise<void>;
}

type Deps = NavigationSlice & NotificationsSlice;

export function createLibrarySlice({ set, get }: SliceContext<LibrarySlice, Deps>, api: HakoApi): LibrarySlice {
  const library = new KeyedStore<VmSummaryDto>();
  const lookup = (path: string) => library.get(path);
  /** Pages watching each VM. */
  const watchers = new Map<string, number>();

  const countLive = () => {
    let live = 0;
    for (const vm of library.values()) if (isLive(vm.state)) live++;
    return live;
  };

  /** Everything from scratch, after main's list. */
  const rebuild = (order: readonly string[]) =>
    set((state) => ({ order, visible: computeVisible(order, lookup, state.query, state.visible), liveCount: countLive(), namesVersion: state.namesVersion + 1 }));

  const remove = (path: string) => {
    const before = library.get(path);
    if (before === undefined) return;
    library.delete(path);
    set((state) => {
      const details = { ...state.details };
      delete details[path];
      return {
        order: state.order.filter((p) => p !== path),
        visible: updateVisible(state.visible, path, before, undefined, lookup, state.query),
        liveCount: isLive(before.state) ? state.liveCount - 1 : state.liveCount,
        namesVersion: state.namesVersion + 1,
        details,
      };
    });
  };

  const showOpened = (snapshot: VmSnapshotDto) => {
    get().adopt(snapshot);
    // Its page opens next: it has the snapshot already, and need not ask for it again.
    set((state) => ({ details: { ...state.details, [snapshot.path]: snapshot } }));
    get().select({ kind: 'vm', path: snapshot.path });
    get().setVmTab('overview');
  };

  return {
    library,
    order: [],
    query: DEFAULT_QUERY,
    visible: [],
    liveCount: 0,
    namesVersion: 0,
    details: {},
    revision: {},

    adopt(snapshot) {
      get().upsertSummary(summarize(snapshot));
      if (!watchers.has(snapshot.path)) return;
      set((state) => ({
        details: { ...state.details, [snapshot.path]: snapshot },
        revision: { ...state.revision, [snapshot.path]: (state.revision[snapshot.path] ?? 0) + 1 },
      }));
    },

    upsertSummary(summary) {
      const { path } = summary;
      const before = library.get(path);
      if (before !== undefined && sameSummary(before, summary)) return;
      library.set(path, summary);
      const state = get();
      const order = before === undefined ? [...state.order, path] : state.order;
      const visible = updateVisible(state.visible, path, before, summary, lookup, state.query);
      const liveCount = state.liveCount + (isLive(summary.state) ? 1 : 0) - (before !== undefined && isLive(before.state) ? 1 : 0);
      const namesVersion = before === undefined || before.name !== summary.name ? state.namesVersion + 1 : state.namesVersion;
      if (order !== state.order || visible !== state.visible || liveCount !== state.liveCount || namesVersion !== state.namesVersion) set({ order, visible, liveCount, namesVersion });
    },

    mergeListed(list, newer) {
      for (const summary of list) if (!newer.has(summary.path) || !library.has(summary.path)) library.set(summary.path, summary);
      const listed = new Set(list.map((s) => s.path));
      rebuild([...listed, ...get().order.filter((p) => !listed.has(p))]);
    },

    replaceListed(list) {
      const listed = new Set(list.map((s) => s.path));
      for (const path of get().order) if (!listed.has(path)) library.delete(path);
      for (const summary of list) {
        const before = library.get(summary.path);
        if (before === undefined || !sameSummary(before, summary)) library.set(summary.path, summary);
      }
      const order = get().order.filter((p) => listed.has(p));
      rebuild([...order, ...[...listed].filter((p) => !order.includes(p))]);
    },

    setQuery(patch) {
      set((state) => {
        const query = { ...state.query, ...patch };
        return { query, visible: computeVisible(state.order, lookup, query, state.visible) };
      });
    },

    watchVm(path) {
      watchers.set(path, (watchers.get(path) ?? 0) + 1);
      if (get().details[path] === undefined) void get().refreshVm(path);
      return () => {
        const left = (watchers.get(path) ?? 1) - 1;
        if (left > 0) {
          watchers.set(path, left);
          return;
        }
        watchers.delete(path);
        set((state) => {
          const details = { ...state.details };
          const revision = { ...state.revision };
          delete details[path];
          delete revision[path];
          return { details, revision };
        });
      };
    },

    async openPath(path) {
      const outcome = await attempt(() => api.invoke('library.open', { path }));
      if (outcome.ok) showOpened(outcome.value);
      return outcome;
    },

    async openDialog() {
      const outcome = await attempt(() => api.invoke('library.openDialog'));
      if (outcome.ok && outcome.value !== null) showOpened(outcome.value);
      return outcome;
    },

    async forget(path) {
      const outcome = await attempt(() => api.invoke('library.forget', { path }));
      if (outcome.ok) get().removed(path);
      return outcome;
    },

    removed(path) {
      const showing = get().view;
      remove(path);
      const home: View = { kind: 'home' };
      if (showing.kind === 'vm' && showing.path === path) get().select(home);
    },

    async refreshVm(path) {
      try {
        get().adopt(await api.invoke('vm.get', { path }));
      } catch {
        // The VM may have been forgotten meanwhile; the event stream keeps the list right.
      }
    },

    async showVm(path) {
      if (!library.has(path)) {
        const outcome = await attempt(() =>
          api.invoke('vm.get', { path }).catch((error: unknown) => {
            if (hasErrorCode(error, 'VmUnknown')) return api.invoke('library.open', { path });
            throw error;
          }),
        );
        if (!outcome.ok) {
          get().notify({ kind: 'vm-unavailable', tone: 'error', path, error: outcome.error });
          return;
        }
        get().adopt(outcome.value);
        path = outcome.value.path;
      }
      get().select({ kind: 'vm', path });
    },
  };
}

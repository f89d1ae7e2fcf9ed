/**
 * The VMs Hako knows, by `.7b` path, in library order (the order main listed them, then newly opened
 * ones). Snapshots come from main's answers and its `vm.changed` events; `revision` counts the changes
 * per VM so views that read more than the snapshot (the event log) know when to read again.
 */
import type { HakoApi, VmSnapshotDto } from '../../../app/ipc/contract.js';
import { hasErrorCode } from '../../../app/errors/codes.js';
import type { NavigationSlice, View } from './navigation.js';
import type { NotificationsSlice } from './notifications.js';
import { attempt, type Outcome } from './outcome.js';
import type { SliceContext } from './slice.js';

export interface LibrarySlice {
  readonly vms: Readonly<Record<string, VmSnapshotDto>>;
  readonly order: readonly string[];
  readonly revision: Readonly<Record<string, number>>;
  upsert(snapshot: VmSnapshotDto): void;
  /** Main's list at start-up; snapshots in `newer` arrived by event meanwhile and are kept. */
  mergeListed(list: readonly VmSnapshotDto[], newer: ReadonlySet<string>): void;
  /** Main's list after a reconnection: what it no longer lists is gone. */
  replaceListed(list: readonly VmSnapshotDto[]): void;
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

/** The VMs in library order. */
export function selectVmList(state: Pick<LibrarySlice, 'order' | 'vms'>): VmSnapshotDto[] {
  return state.order.map((path) => state.vms[path]).filter((s): s is VmSnapshotDto => s !== undefined);
}

export function createLibrarySlice({ set, get }: SliceContext<LibrarySlice, Deps>, api: HakoApi): LibrarySlice {
  const showOpened = (snapshot: VmSnapshotDto) => {
    get().upsert(snapshot);
    get().select({ kind: 'vm', path: snapshot.path });
    get().setVmTab('overview');
  };

  return {
    vms: {},
    order: [],
    revision: {},

    upsert(snapshot) {
      set((state) => ({
        vms: { ...state.vms, [snapshot.path]: snapshot },
        order: state.order.includes(snapshot.path) ? state.order : [...state.order, snapshot.path],
        revision: { ...state.revision, [snapshot.path]: (state.revision[snapshot.path] ?? 0) + 1 },
      }));
    },

    mergeListed(list, newer) {
      set((state) => {
        const vms = { ...state.vms };
        for (const snapshot of list) if (!newer.has(snapshot.path)) vms[snapshot.path] = snapshot;
        const listed = new Set(list.map((s) => s.path));
        return { vms, order: [...listed, ...state.order.filter((p) => !listed.has(p))] };
      });
    },

    replaceListed(list) {
      set((state) => {
        const listed = new Set(list.map((s) => s.path));
        return {
          vms: Object.fromEntries(list.map((snapshot) => [snapshot.path, snapshot])),
          order: [...state.order.filter((p) => listed.has(p)), ...[...listed].filter((p) => !state.order.includes(p))],
        };
      });
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
      set((state) => {
        const vms = { ...state.vms };
        delete vms[path];
        return { vms, order: state.order.filter((p) => p !== path) };
      });
      const home: View = { kind: 'home' };
      if (showing.kind === 'vm' && showing.path === path) get().select(home);
    },

    async refreshVm(path) {
      try {
        get().upsert(await api.invoke('vm.get', { path }));
      } catch {
        // The VM may have been forgotten meanwhile; the event stream keeps the list right.
      }
    },

    async showVm(path) {
      if (get().vms[path] === undefined) {
        const outcome = await attempt(() => api.invoke('vm.get', { path }).catch((error: unknown) => {
          if (hasErrorCode(error, 'VmUnknown')) return api.invoke('library.open', { path });
          throw error;
        }));
        if (!outcome.ok) {
          get().notify({ kind: 'vm-unavailable', tone: 'error', path, error: outcome.error });
          return;
        }
        get().upsert(outcome.value);
        path = outcome.value.path;
      }
      get().select({ kind: 'vm', path });
    },
  };
}


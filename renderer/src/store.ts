/**
 * The renderer's one store: the VM library, what is selected, the preferences, toasts and disk
 * operations. Every main → renderer event enters the UI here, and every call goes through `call`, so
 * a failure always ends as a toast with its code and advice.
 *
 * Plain zustand (vanilla) with the HakoApi injected, so the logic runs in unit tests without a DOM.
 */
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { EventPayload, HakoApi, Preferences, VmSnapshotDto } from '../../app/ipc/contract.js';
import type { VmAction } from '../../app/vm/state.js';
import { describeError, fromInfo, type ShownError } from './logic/errors.js';
import { ACTION_LABELS, vmTitle } from './logic/vm.js';

export type View = { readonly kind: 'home' } | { readonly kind: 'vm'; readonly path: string } | { readonly kind: 'diagnostics' } | { readonly kind: 'preferences' };

export type VmTab = 'overview' | 'settings' | 'events';

export interface Toast {
  readonly id: number;
  readonly tone: 'error' | 'success' | 'info';
  readonly title: string;
  readonly message?: string;
  readonly error?: ShownError;
}

export interface DiskOperation {
  readonly operationId: string;
  readonly label: string;
  readonly completed: number;
  readonly total: number;
  readonly done: boolean;
  readonly error?: ShownError;
}

export interface AppInfo {
  readonly version: string;
  readonly platform: string;
  readonly transport: 'electron' | 'browser-host';
}

export type Connection = 'connecting' | 'ready' | 'failed';

export interface HakoState {
  /** The API itself, for components with stores of their own (the settings editor). */
  readonly api: HakoApi;
  readonly connection: Connection;
  readonly connectionError: ShownError | null;
  /** The transport's link (the browser host's WebSocket reconnects by itself). */
  readonly link: 'connecting' | 'open' | 'closed';
  /** By `.7b` path. */
  readonly vms: Readonly<Record<string, VmSnapshotDto>>;
  /** Library order: the order main listed them, then newly opened ones. */
  readonly order: readonly string[];
  readonly view: View;
  readonly vmTab: VmTab;
  readonly preferences: Preferences | null;
  readonly app: AppInfo | null;
  readonly toasts: readonly Toast[];
  readonly disks: Readonly<Record<string, DiskOperation>>;
  /** The action in flight per VM path. */
  readonly busy: Readonly<Record<string, VmAction>>;
  /** Bumped whenever a VM's events may have changed (the Events tab refetches). */
  readonly revision: Readonly<Record<string, number>>;
}

export interface HakoActions {
  /** Subscribes to main's events, says ready, then loads the library, preferences and version. */
  init(): Promise<void>;
  dispose(): void;
  /** The link changed; after a reconnection the library is read again (events may have been missed). */
  setLink(link: HakoState['link']): void;
  select(view: View): void;
  setVmTab(tab: VmTab): void;
  /** Opens a `.7b` by path; true when it worked. */
  openPath(path: string): Promise<boolean>;
  /** The system's open dialog (Electron). Resolves false when the shell has none, so the UI can ask for a path. */
  openDialog(): Promise<'opened' | 'cancelled' | 'unsupported'>;
  forget(path: string): Promise<void>;
  act(path: string, action: VmAction): Promise<boolean>;
  refreshVm(path: string): Promise<void>;
  setPreferences(patch: Partial<Preferences>): Promise<void>;
  trackDisk(operationId: string, label: string): void;
  toast(toast: Omit<Toast, 'id'>): number;
  dismissToast(id: number): void;
  /** Runs a call; on failure shows a toast titled `title` and resolves undefined. */
  call<T>(title: string, run: (api: HakoApi) => Promise<T>): Promise<T | undefined>;
}

export type HakoStore = StoreApi<HakoState & HakoActions>;

export interface StoreOptions {
  /** How long success and info toasts stay (errors stay until dismissed). */
  readonly toastMs?: number;
  readonly setTimeout?: (run: () => void, ms: number) => unknown;
}

export function createHakoStore(api: HakoApi, options: StoreOptions = {}): HakoStore {
  const toastMs = options.toastMs ?? 6000;
  const schedule = options.setTimeout ?? ((run: () => void, ms: number) => globalThis.setTimeout(run, ms));
  const unsubscribers: (() => void)[] = [];
  let nextToast = 1;
  /** Paths that changed by event while the library list was in flight: the event is at least as new. */
  let eventedDuringList: Set<string> | null = null;
  /** Operations that finished before the caller could label them (fast operations). */
  const finishedDisks = new Set<string>();

  return createStore<HakoState & HakoActions>()((set, get) => {
    const upsert = (snapshot: VmSnapshotDto) =>
      set((state) => ({
        vms: { ...state.vms, [snapshot.path]: snapshot },
        order: state.order.includes(snapshot.path) ? state.order : [...state.order, snapshot.path],
        revision: { ...state.revision, [snapshot.path]: (state.revision[snapshot.path] ?? 0) + 1 },
      }));

    const showVm = async (path: string) => {
      if (get().vms[path] === undefined) {
        const snapshot = await get().call('Could not show the VM', (a) => a.invoke('vm.get', { path }).catch(() => a.invoke('library.open', { path })));
        if (snapshot === undefined) return;
        upsert(snapshot);
        path = snapshot.path;
      }
      set({ view: { kind: 'vm', path } });
    };

    const onDiskProgress = (event: EventPayload<'operations.progress'>) => {
      const label = get().disks[event.operationId]?.label ?? 'Disk operation';
      if (event.done) {
        finishedDisks.add(event.operationId);
        // A finished operation becomes a notification of its outcome.
        set((state) => {
          const disks = { ...state.disks };
          delete disks[event.operationId];
          return { disks };
        });
        if (event.error) get().toast({ tone: 'error', title: `${label} failed`, error: fromInfo(event.error) });
        else get().toast({ tone: 'success', title: `${label}: done` });
        return;
      }
      set((state) => ({
        disks: { ...state.disks, [event.operationId]: { operationId: event.operationId, label, completed: event.completed, total: event.total, done: false } },
      }));
    };

    return {
      api,
      connection: 'connecting',
      connectionError: null,
      link: 'open',
      vms: {},
      order: [],
      view: { kind: 'home' },
      vmTab: 'overview',
      preferences: null,
      app: null,
      toasts: [],
      disks: {},
      busy: {},
      revision: {},

      async init() {
        unsubscribers.push(
          api.on('vm.changed', (snapshot) => {
            eventedDuringList?.add(snapshot.path);
            upsert(snapshot);
          }),
          api.on('app.showVm', ({ path }) => void showVm(path)),
          api.on('operations.progress', onDiskProgress),
          api.on('app.preferencesChanged', (preferences) => set({ preferences })),
        );
        try {
          await api.invoke('app.ready');
          eventedDuringList = new Set();
          const [list, preferences, app] = await Promise.all([api.invoke('library.list'), api.invoke('app.getPreferences'), api.invoke('app.version')]);
          const evented = eventedDuringList;
          eventedDuringList = null;
          set((state) => {
            const vms = { ...state.vms };
            for (const snapshot of list) if (!evented.has(snapshot.path)) vms[snapshot.path] = snapshot;
            const order = [...list.map((s) => s.path), ...state.order.filter((p) => !list.some((s) => s.path === p))];
            return { vms, order, preferences, app, connection: 'ready' };
          });
        } catch (error) {
          eventedDuringList = null;
          set({ connection: 'failed', connectionError: describeError(error) });
        }
      },

      dispose() {
        for (const unsubscribe of unsubscribers.splice(0)) unsubscribe();
      },

      setLink(link) {
        const was = get().link;
        set({ link });
        if (link === 'open' && was !== 'open' && get().connection === 'ready') {
          void api.invoke('library.list').then(
            (list) =>
              set((state) => ({
                vms: Object.fromEntries(list.map((snapshot) => [snapshot.path, snapshot])),
                order: [...state.order.filter((p) => list.some((s) => s.path === p)), ...list.map((s) => s.path).filter((p) => !state.order.includes(p))],
              })),
            () => undefined,
          );
        }
      },

      select(view) {
        set({ view });
      },

      setVmTab(vmTab) {
        set({ vmTab });
      },

      async openPath(path) {
        const snapshot = await get().call('Could not open the VM', (a) => a.invoke('library.open', { path }));
        if (snapshot === undefined) return false;
        upsert(snapshot);
        set({ view: { kind: 'vm', path: snapshot.path }, vmTab: 'overview' });
        return true;
      },

      async openDialog() {
        try {
          const snapshot = await api.invoke('library.openDialog');
          if (snapshot === null) return 'cancelled';
          upsert(snapshot);
          set({ view: { kind: 'vm', path: snapshot.path }, vmTab: 'overview' });
          return 'opened';
        } catch (error) {
          if ((error as { code?: unknown }).code === 'NotSupported') return 'unsupported';
          get().toast({ tone: 'error', title: 'Could not open the VM', error: describeError(error) });
          return 'cancelled';
        }
      },

      async forget(path) {
        const ok = await get().call('Could not remove the VM from the library', (a) => a.invoke('library.forget', { path }).then(() => true));
        if (!ok) return;
        set((state) => {
          const vms = { ...state.vms };
          delete vms[path];
          const view: View = state.view.kind === 'vm' && state.view.path === path ? { kind: 'home' } : state.view;
          return { vms, order: state.order.filter((p) => p !== path), view };
        });
      },

      async act(path, action) {
        if (get().busy[path] !== undefined && action !== 'powerOff') return false;
        set((state) => ({ busy: { ...state.busy, [path]: action } }));
        const snapshot = get().vms[path];
        const name = snapshot ? vmTitle(snapshot) : path;
        try {
          const result = await api.invoke(`vm.${action}`, { path });
          if (action === 'shutdown' && result && typeof result === 'object' && 'stopped' in result && !result.stopped) {
            get().toast({
              tone: 'info',
              title: `${name} is still running`,
              message: 'The guest did not shut down in time. Give it longer, or power it off.',
            });
          }
          if (action === 'reload' && Array.isArray(result)) {
            const failed = result.filter((o) => o.outcome === 'failed');
            const waiting = result.filter((o) => o.outcome === 'needs-restart');
            get().toast({
              tone: failed.length > 0 ? 'error' : 'success',
              title: failed.length > 0 ? 'Some settings could not be applied' : 'Settings applied',
              message: [
                `${result.length - failed.length - waiting.length} applied`,
                waiting.length > 0 ? `${waiting.length} wait for a restart` : '',
                failed.length > 0 ? `${failed.length} failed: ${failed.map((f) => f.error?.message ?? f.path).join('; ')}` : '',
              ]
                .filter(Boolean)
                .join(', '),
            });
          }
          return true;
        } catch (error) {
          get().toast({ tone: 'error', title: `${ACTION_LABELS[action]} failed for ${name}`, error: describeError(error) });
          return false;
        } finally {
          set((state) => {
            const busy = { ...state.busy };
            if (busy[path] === action) delete busy[path];
            return { busy };
          });
          await get().refreshVm(path);
        }
      },

      async refreshVm(path) {
        try {
          upsert(await api.invoke('vm.get', { path }));
        } catch {
          // The VM may have been forgotten meanwhile; the event stream keeps the list right.
        }
      },

      async setPreferences(patch) {
        const previous = get().preferences;
        if (previous) set({ preferences: { ...previous, ...patch } });
        const updated = await get().call('Could not save the preferences', (a) => a.invoke('app.setPreferences', patch));
        set({ preferences: updated ?? previous });
      },

      trackDisk(operationId, label) {
        if (finishedDisks.has(operationId)) return;
        set((state) => ({
          disks: { ...state.disks, [operationId]: { ...(state.disks[operationId] ?? { operationId, completed: 0, total: 1, done: false }), label } },
        }));
      },

      toast(toast) {
        const id = nextToast++;
        set((state) => ({ toasts: [...state.toasts, { ...toast, id }].slice(-5) }));
        if (toast.tone !== 'error') schedule(() => get().dismissToast(id), toastMs);
        return id;
      },

      dismissToast(id) {
        set((state) => ({ toasts: state.toasts.filter((t) => t.id !== id) }));
      },

      async call(title, run) {
        try {
          return await run(api);
        } catch (error) {
          get().toast({ tone: 'error', title, error: describeError(error) });
          return undefined;
        }
      },
    };
  });
}

/** The VMs in library order. */
export function selectVmList(state: HakoState): VmSnapshotDto[] {
  return state.order.map((path) => state.vms[path]).filter((s): s is VmSnapshotDto => s !== undefined);
}

/**
 * The session with main: subscribe to its events, say ready, read the library, preferences and version;
 * follow the transport's link, and read the library again after a reconnection (events may have been
 * missed meanwhile).
 */
import type { HakoApi } from '../../../app/ipc/contract.js';
import { describeError, type ShownError } from '../errors/shown-error.js';
import type { LibrarySlice } from './library.js';
import type { NavigationSlice } from './navigation.js';
import type { OperationsSlice } from './operations.js';
import type { PreferencesSlice } from './preferences.js';
import type { SliceContext } from './slice.js';

export interface AppInfo {
  readonly version: string;
  readonly platform: string;
  readonly transport: 'electron' | 'browser-host';
  /** The system's preferred languages (Electron); empty in the browser host, whose page has the browser's. */
  readonly languages: readonly string[];
}

export type Connection = 'connecting' | 'ready' | 'failed';
export type Link = 'connecting' | 'open' | 'closed';

export interface ConnectionSlice {
  readonly connection: Connection;
  readonly connectionError: ShownError | null;
  /** The transport's link (the browser host's WebSocket reconnects by itself). */
  readonly link: Link;
  readonly app: AppInfo | null;
  /** Subscribes to main's events, says ready, then loads the library, preferences and version. */
  init(): Promise<void>;
  dispose(): void;
  setLink(link: Link): void;
}

type Deps = LibrarySlice & NavigationSlice & OperationsSlice & PreferencesSlice;

export function createConnectionSlice({ set, get }: SliceContext<ConnectionSlice, Deps>, api: HakoApi): ConnectionSlice {
  const unsubscribers: (() => void)[] = [];
  /** Paths that changed by event while the library list was in flight: the event is at least as new. */
  let eventedDuringList: Set<string> | null = null;

  return {
    connection: 'connecting',
    connectionError: null,
    link: 'open',
    app: null,

    async init() {
      unsubscribers.push(
        api.on('vm.changed', (snapshot) => {
          eventedDuringList?.add(snapshot.path);
          get().upsert(snapshot);
        }),
        api.on('app.showVm', ({ path }) => void get().showVm(path)),
        api.on('operations.progress', (event) => get().operationProgress(event)),
        api.on('app.preferencesChanged', (preferences) => get().adoptPreferences(preferences)),
        api.on('app.confirmLeave', () => get().confirmQuit()),
      );
      try {
        await api.invoke('app.ready');
        const evented = (eventedDuringList = new Set());
        const [list, preferences, app] = await Promise.all([api.invoke('library.list'), api.invoke('app.getPreferences'), api.invoke('app.version')]);
        eventedDuringList = null;
        get().mergeListed(list, evented);
        get().adoptPreferences(preferences);
        set({ app, connection: 'ready' });
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
        api.invoke('library.list').then(
          (list) => get().replaceListed(list),
          () => undefined,
        );
      }
    },
  };
}

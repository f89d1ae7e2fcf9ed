/**
 * The renderer's state, one slice per concern: the connection to main, the library, navigation,
 * notifications, operations on VMs and disks, the selection (bulk actions), and the preferences. Plain zustand (vanilla) with the
 * HakoApi injected, so it runs in unit tests without a DOM. The API itself is not state: components
 * reach it through the ApiProvider (api/context.tsx).
 */
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { HakoApi } from '../../../app/ipc/contract.js';
import { createConnectionSlice, type ConnectionSlice } from './connection.js';
import { createLibrarySlice, type LibrarySlice } from './library.js';
import { createNavigationSlice, type NavigationSlice } from './navigation.js';
import { createNotificationsSlice, type NotificationOptions, type NotificationsSlice } from './notifications.js';
import { createOperationsSlice, type OperationsSlice } from './operations.js';
import { createPreferencesSlice, type PreferencesSlice } from './preferences.js';
import { createSelectionSlice, type SelectionSlice } from './selection.js';

export type HakoState = ConnectionSlice & LibrarySlice & NavigationSlice & NotificationsSlice & OperationsSlice & PreferencesSlice & SelectionSlice;
export type HakoStore = StoreApi<HakoState>;
export type StoreOptions = NotificationOptions;

export function createHakoStore(api: HakoApi, options: StoreOptions = {}): HakoStore {
  return createStore<HakoState>()((set, get) => {
    const context = { set, get };
    return {
      ...createNavigationSlice(context, api),
      ...createNotificationsSlice(context, options),
      ...createPreferencesSlice(context, api),
      ...createLibrarySlice(context, api),
      ...createOperationsSlice(context, api),
      ...createSelectionSlice(context),
      ...createConnectionSlice(context, api),
    };
  });
}

export { DEFAULT_QUERY, LIBRARY_SORTS, STATE_FILTERS, isFiltering, type LibraryQuery, type LibrarySort, type StateFilter } from './library-view.js';
export { BULK_ACTIONS, type BulkAction, type BulkResult, type BulkRun } from './selection.js';
export { sameView, type LeaveAnswer, type LeaveGuard, type LeaveTarget, type View, type VmTab } from './navigation.js';
export type { Notice, Toast, Tone } from './notifications.js';
export type { ActionOutcome, ActionResult, BackgroundOperation } from './operations.js';
export type { AppInfo, Link } from './connection.js';
export type { Outcome } from './outcome.js';

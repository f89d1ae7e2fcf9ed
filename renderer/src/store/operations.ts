/**
 * What runs on VMs and disks: one action at a time per VM (power off may cut in), and disk operations
 * with their progress. A finished disk operation becomes a notification.
 */
import type { CallOutput, EventPayload, HakoApi } from '../../../app/ipc/contract.js';
import type { VmAction } from '../../../app/vm/state.js';
import { fromInfo, type ShownError } from '../errors/shown-error.js';
import type { LibrarySlice } from './library.js';
import type { NotificationsSlice } from './notifications.js';
import { attempt } from './outcome.js';
import type { SliceContext } from './slice.js';

/** What an action answers: `vm.shutdown` says whether the guest stopped, `vm.reload` what it applied. */
export type ActionResult<A extends VmAction> = CallOutput<`vm.${A}`>;

export type ActionOutcome<A extends VmAction = VmAction> =
  | { readonly status: 'done'; readonly result: ActionResult<A> }
  | { readonly status: 'failed'; readonly error: ShownError }
  /** Another action on the VM was in flight, so this one did not run. */
  | { readonly status: 'busy' };

export interface DiskOperation {
  readonly operationId: string;
  /** What the feature that started it calls it; null until it says (progress may come first). */
  readonly label: string | null;
  readonly completed: number;
  readonly total: number;
}

export interface OperationsSlice {
  /** The action in flight per VM path. */
  readonly busy: Readonly<Record<string, VmAction>>;
  readonly disks: Readonly<Record<string, DiskOperation>>;
  act<A extends VmAction>(path: string, action: A): Promise<ActionOutcome<A>>;
  trackDisk(operationId: string, label: string): void;
  diskProgress(event: EventPayload<'disks.progress'>): void;
}

type Deps = LibrarySlice & NotificationsSlice;

export function createOperationsSlice({ set, get }: SliceContext<OperationsSlice, Deps>, api: HakoApi): OperationsSlice {
  /** Operations that finished before the feature that started them could label them (fast ones). */
  const finished = new Set<string>();

  return {
    busy: {},
    disks: {},

    async act(path, action) {
      if (get().busy[path] !== undefined && action !== 'powerOff') return { status: 'busy' };
      set((state) => ({ busy: { ...state.busy, [path]: action } }));
      const outcome = await attempt(() => api.invoke(`vm.${action}` as `vm.${VmAction}`, { path }));
      set((state) => {
        const busy = { ...state.busy };
        if (busy[path] === action) delete busy[path];
        return { busy };
      });
      await get().refreshVm(path);
      return outcome.ok ? { status: 'done', result: outcome.value as ActionResult<typeof action> } : { status: 'failed', error: outcome.error };
    },

    trackDisk(operationId, label) {
      if (finished.has(operationId)) return;
      set((state) => ({
        disks: { ...state.disks, [operationId]: { ...(state.disks[operationId] ?? { operationId, completed: 0, total: 1 }), label } },
      }));
    },

    diskProgress(event) {
      if (!event.done) {
        set((state) => ({
          disks: {
            ...state.disks,
            [event.operationId]: { operationId: event.operationId, label: state.disks[event.operationId]?.label ?? null, completed: event.completed, total: event.total },
          },
        }));
        return;
      }
      finished.add(event.operationId);
      const label = get().disks[event.operationId]?.label ?? null;
      set((state) => {
        const disks = { ...state.disks };
        delete disks[event.operationId];
        return { disks };
      });
      get().notify(
        event.error
          ? { kind: 'disk-finished', tone: 'error', label, error: fromInfo(event.error) }
          : { kind: 'disk-finished', tone: 'success', label },
      );
    },
  };
}

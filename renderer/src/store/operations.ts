/**
 * What runs on VMs and in the background: one action at a time per VM (power off may cut in), and
 * background operations (disks, new and cloned VMs) with their progress. A finished background
 * operation becomes a notification.
 */
import type { CallOutput, EventPayload, HakoApi } from '../../../app/ipc/contract.js';
import type { OperationKind } from '../../../app/operations.js';
import type { SessionMode } from '../../../app/session/mode.js';
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

export interface BackgroundOperation {
  readonly operationId: string;
  readonly kind: OperationKind;
  /** What the feature that started it calls it; null until it says (progress may come first). */
  readonly label: string | null;
  readonly completed: number;
  readonly total: number;
}

export interface OperationsSlice {
  /** The action in flight per VM path. */
  readonly busy: Readonly<Record<string, VmAction>>;
  /** Background operations in progress, by id. */
  readonly background: Readonly<Record<string, BackgroundOperation>>;
  /**
   * The remote desktop windows this window opened, by VM path (main does not report them; one closed
   * by hand stays listed until Disconnect or the VM stops).
   */
  readonly sessions: Readonly<Record<string, SessionMode>>;
  setSession(path: string, mode: SessionMode | null): void;
  act<A extends VmAction>(path: string, action: A): Promise<ActionOutcome<A>>;
  /** Names an operation the feature started, for its progress and its outcome. */
  trackOperation(operationId: string, kind: OperationKind, label: string): void;
  operationProgress(event: EventPayload<'operations.progress'>): void;
}

type Deps = LibrarySlice & NotificationsSlice;

export function createOperationsSlice({ set, get }: SliceContext<OperationsSlice, Deps>, api: HakoApi): OperationsSlice {
  /** Operations that finished before the feature that started them could name them (fast ones). */
  const finished = new Set<string>();

  return {
    busy: {},
    background: {},
    sessions: {},

    setSession(path, mode) {
      set((state) => {
        const sessions = { ...state.sessions };
        if (mode === null) delete sessions[path];
        else sessions[path] = mode;
        return { sessions };
      });
    },

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

    trackOperation(operationId, kind, label) {
      if (finished.has(operationId)) return;
      set((state) => ({
        background: { ...state.background, [operationId]: { ...(state.background[operationId] ?? { operationId, kind, completed: 0, total: 1 }), label } },
      }));
    },

    operationProgress(event) {
      const { operationId, kind } = event;
      if (!event.done) {
        set((state) => ({
          background: {
            ...state.background,
            [operationId]: { operationId, kind, label: state.background[operationId]?.label ?? null, completed: event.completed, total: event.total },
          },
        }));
        return;
      }
      finished.add(operationId);
      const label = get().background[operationId]?.label ?? null;
      set((state) => {
        const background = { ...state.background };
        delete background[operationId];
        return { background };
      });
      get().notify(
        event.error
          ? { kind: 'operation-finished', tone: 'error', operation: kind, label, error: fromInfo(event.error) }
          : { kind: 'operation-finished', tone: 'success', operation: kind, label },
      );
    },
  };
}

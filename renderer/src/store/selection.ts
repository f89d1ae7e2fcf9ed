/**
 * Many VMs at once: which are selected in the library, and a bulk action over them. Each VM's action
 * goes the way a single one does (the operations slice's `act`: `vm.<action>` → that VM's queue in
 * main), a few VMs at a time, and each VM gets its own result: done, failed (why), skipped (the action
 * makes no sense in its state), busy (another action on it was under way).
 */
import type { VmAction, VmState } from '../../../app/vm/state.js';
import type { ShownError } from '../errors/shown-error.js';
import type { LibrarySlice } from './library.js';
import type { OperationsSlice } from './operations.js';
import type { SliceContext } from './slice.js';

export const BULK_ACTIONS = ['start', 'shutdown', 'save', 'powerOff'] as const satisfies readonly VmAction[];
export type BulkAction = (typeof BULK_ACTIONS)[number];

export type BulkResult =
  | { readonly status: 'running' }
  | { readonly status: 'done' }
  /** A shutdown the guest did not finish in time: the VM still runs. */
  | { readonly status: 'timeout' }
  | { readonly status: 'failed'; readonly error: ShownError }
  /** Not allowed in this state: nothing was asked of main. */
  | { readonly status: 'skipped'; readonly state: VmState }
  | { readonly status: 'busy' };

export interface BulkRun {
  readonly id: number;
  readonly action: BulkAction;
  /** In library order. */
  readonly paths: readonly string[];
  readonly results: Readonly<Record<string, BulkResult>>;
  readonly finished: boolean;
}

export interface SelectionSlice {
  readonly selected: ReadonlySet<string>;
  readonly bulk: BulkRun | null;
  setSelected(path: string, selected: boolean): void;
  /** Selects these too (e.g. every VM shown). */
  selectAll(paths: readonly string[]): void;
  clearSelection(): void;
  /** Runs the action on every selected VM; resolves when each has its result. */
  runBulk(action: BulkAction): Promise<void>;
  dismissBulk(): void;
}

/** VMs acted on at once: each VM's own queue keeps its actions in order; this bounds the load. */
const AT_ONCE = 4;

type Deps = LibrarySlice & OperationsSlice;

export function createSelectionSlice({ set, get }: SliceContext<SelectionSlice, Deps>): SelectionSlice {
  let nextRun = 1;

  const record = (id: number, path: string, result: BulkResult) =>
    set((state) => (state.bulk?.id === id ? { bulk: { ...state.bulk, results: { ...state.bulk.results, [path]: result } } } : {}));

  return {
    selected: new Set(),
    bulk: null,

    setSelected(path, selected) {
      if (get().selected.has(path) === selected) return;
      set((state) => {
        const next = new Set(state.selected);
        if (selected) next.add(path);
        else next.delete(path);
        return { selected: next };
      });
    },

    selectAll(paths) {
      set((state) => ({ selected: new Set([...state.selected, ...paths]) }));
    },

    clearSelection() {
      if (get().selected.size > 0) set({ selected: new Set() });
    },

    async runBulk(action) {
      const { library, order, selected } = get();
      const paths = order.filter((path) => selected.has(path) && library.has(path));
      const id = nextRun++;
      const results: Record<string, BulkResult> = {};
      const todo: string[] = [];
      for (const path of paths) {
        const vm = library.get(path)!;
        if (!vm.actions.includes(action)) results[path] = { status: 'skipped', state: vm.state };
        else {
          results[path] = { status: 'running' };
          todo.push(path);
        }
      }
      set({ bulk: { id, action, paths, results, finished: false } });
      let next = 0;
      const worker = async () => {
        while (next < todo.length) {
          const path = todo[next++]!;
          const outcome = await get().act(path, action);
          if (outcome.status === 'failed') record(id, path, { status: 'failed', error: outcome.error });
          else if (outcome.status === 'busy') record(id, path, { status: 'busy' });
          else if (action === 'shutdown' && (outcome.result as { stopped?: boolean } | undefined)?.stopped === false) record(id, path, { status: 'timeout' });
          else record(id, path, { status: 'done' });
        }
      };
      await Promise.all(Array.from({ length: Math.min(AT_ONCE, todo.length) }, worker));
      set((state) => (state.bulk?.id === id ? { bulk: { ...state.bulk, finished: true } } : {}));
    },

    dismissBulk() {
      set({ bulk: null });
    },
  };
}

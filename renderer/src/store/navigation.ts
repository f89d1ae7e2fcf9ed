/**
 * Which page the window shows, and which tab of a VM's page; and the unsaved-edit guard. While the
 * settings editor has unsaved edits it registers a {@link LeaveGuard}: any way out of it (another tab,
 * VM or page, main asking before Hako quits) first becomes a question, `leaving`, which the editor's
 * view puts to the user as Save / Discard / Cancel and answers with `answerLeave`.
 */
import type { HakoApi } from '../../../app/ipc/contract.js';
import type { SliceContext } from './slice.js';

export type View =
  | { readonly kind: 'home' }
  | { readonly kind: 'vm'; readonly path: string }
  | { readonly kind: 'diagnostics' }
  | { readonly kind: 'networks' }
  | { readonly kind: 'preferences' }
  /** The New VM wizard. */
  | { readonly kind: 'newVm' };

export type VmTab = 'overview' | 'screen' | 'settings' | 'events' | 'console';

/** What an editor with unsaved edits offers the question. */
export interface LeaveGuard {
  hasUnsavedEdits(): boolean;
  /** Resolves true when the edits were written (false: a problem, a consent or conflict question). */
  save(): Promise<boolean>;
  discard(): void;
}

/** Where the user was going when the question came up. */
export type LeaveTarget = { readonly kind: 'navigate'; readonly view: View; readonly tab: VmTab } | { readonly kind: 'quit' };
export type LeaveAnswer = 'save' | 'discard' | 'cancel';

export interface NavigationSlice {
  readonly view: View;
  readonly vmTab: VmTab;
  /** A way out of unsaved edits, waiting for the user's answer; null when nothing is asked. */
  readonly leaving: LeaveTarget | null;
  select(view: View): void;
  setVmTab(tab: VmTab): void;
  /** The editor's guard while it is shown; returns the function that removes it. */
  setLeaveGuard(guard: LeaveGuard): () => void;
  /** Whether the shown editor has unsaved edits. */
  hasUnsavedEdits(): boolean;
  /** Main asks before Hako quits (Electron): the answer goes back by `app.leaveAnswer`. */
  confirmQuit(): void;
  answerLeave(answer: LeaveAnswer): Promise<void>;
}

export function sameView(a: View, b: View): boolean {
  return a.kind === b.kind && (a.kind !== 'vm' || (b.kind === 'vm' && a.path === b.path));
}

export function createNavigationSlice({ set, get }: SliceContext<NavigationSlice>, api: HakoApi): NavigationSlice {
  let guard: LeaveGuard | null = null;
  const dirty = () => guard !== null && guard.hasUnsavedEdits();

  /** Goes to `view`/`tab` (what is not given stays), or asks first when that leaves unsaved settings. */
  const go = (to: { readonly view?: View; readonly tab?: VmTab }) => {
    const { leaving } = get();
    if (leaving !== null) {
      // A second step of the same move (open a VM, then its Overview) joins the question.
      if (leaving.kind === 'navigate') set({ leaving: { kind: 'navigate', view: to.view ?? leaving.view, tab: to.tab ?? leaving.tab } });
      return;
    }
    const view = to.view ?? get().view;
    const tab = to.tab ?? get().vmTab;
    const stays = sameView(view, get().view) && tab === get().vmTab;
    if (!stays && dirty()) {
      set({ leaving: { kind: 'navigate', view, tab } });
      return;
    }
    set({ view, vmTab: tab });
  };

  const answerQuit = (proceed: boolean) => api.invoke('app.leaveAnswer', { proceed }).catch(() => undefined);

  return {
    view: { kind: 'home' },
    vmTab: 'overview',
    leaving: null,
    select: (view) => go({ view }),
    setVmTab: (tab) => go({ tab }),

    setLeaveGuard(next) {
      guard = next;
      return () => {
        if (guard === next) guard = null;
      };
    },

    hasUnsavedEdits: dirty,

    confirmQuit() {
      if (!dirty()) {
        void answerQuit(true);
        return;
      }
      set({ leaving: { kind: 'quit' } });
    },

    async answerLeave(answer) {
      const target = get().leaving;
      if (target === null) return;
      let proceed = answer !== 'cancel';
      if (answer === 'save' && guard !== null) proceed = await guard.save();
      else if (answer === 'discard') guard?.discard();
      set({ leaving: null });
      if (target.kind === 'quit') void answerQuit(proceed);
      else if (proceed) set({ view: target.view, vmTab: target.tab });
    },
  };
}

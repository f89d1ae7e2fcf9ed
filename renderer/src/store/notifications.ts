/**
 * Notifications: what the features raised (worded by them) and what main reported by event (typed
 * here, worded by the notifications feature). Errors stay until dismissed; the rest fade.
 */
import type { OperationKind } from '../../../app/operations.js';
import type { ShownError } from '../errors/shown-error.js';
import type { SliceContext } from './slice.js';

export type Tone = 'error' | 'success' | 'info';

export type Notice =
  /** Worded by the feature that raised it. */
  | { readonly kind: 'message'; readonly tone: Tone; readonly title: string; readonly message?: string; readonly error?: ShownError }
  /** A background operation ended; `label` is what the feature that started it called it, if it did. */
  | { readonly kind: 'operation-finished'; readonly tone: Tone; readonly operation: OperationKind; readonly label: string | null; readonly error?: ShownError }
  /** Main asked to show a VM that could not be read. */
  | { readonly kind: 'vm-unavailable'; readonly tone: 'error'; readonly path: string; readonly error: ShownError };

export type Toast = Notice & { readonly id: number };

export interface NotificationsSlice {
  readonly toasts: readonly Toast[];
  /** What the screen reader is told last (a live region reads it); `id` makes a repeat a change. */
  readonly announcement: { readonly id: number; readonly text: string } | null;
  /** Shows a notification; returns its id. */
  notify(notice: Notice): number;
  dismissToast(id: number): void;
  dismissAllToasts(): void;
  /** Says something to screen reader users only (a state change, an operation under way). */
  announce(text: string): void;
  /** A VM's last error the user dismissed, by VM path (its JSON, so a new error shows again). */
  readonly dismissedErrors: Readonly<Record<string, string>>;
  dismissVmError(path: string, error: unknown): void;
}

export interface NotificationOptions {
  /** How long success and info notifications stay (errors stay until dismissed). */
  readonly toastMs?: number;
  readonly setTimeout?: (run: () => void, ms: number) => unknown;
}

/** More than this and the oldest go: a burst of failures must not bury the window. */
const MAX_TOASTS = 5;

export function createNotificationsSlice({ set, get }: SliceContext<NotificationsSlice>, options: NotificationOptions = {}): NotificationsSlice {
  const toastMs = options.toastMs ?? 6000;
  const schedule = options.setTimeout ?? ((run: () => void, ms: number) => globalThis.setTimeout(run, ms));
  let nextId = 1;
  return {
    toasts: [],
    announcement: null,
    dismissedErrors: {},
    notify(notice) {
      const id = nextId++;
      set((state) => ({ toasts: [...state.toasts, { ...notice, id }].slice(-MAX_TOASTS) }));
      if (notice.tone !== 'error') schedule(() => get().dismissToast(id), toastMs);
      return id;
    },
    dismissToast(id) {
      set((state) => ({ toasts: state.toasts.filter((t) => t.id !== id) }));
    },
    dismissAllToasts() {
      set({ toasts: [] });
    },
    announce(text) {
      set({ announcement: { id: nextId++, text } });
    },
    dismissVmError(path, error) {
      set((state) => ({ dismissedErrors: { ...state.dismissedErrors, [path]: JSON.stringify(error) } }));
    },
  };
}

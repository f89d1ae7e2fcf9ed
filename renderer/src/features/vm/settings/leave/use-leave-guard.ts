/**
 * Keeps unsaved settings edits from being lost silently while the editor is shown:
 * - leaving it in the window (another tab, VM or page) asks first, through the store's leave guard;
 * - the browser host's tab closing or reloading asks through `beforeunload` (the browser's own question);
 * - Hako quitting (Electron) asks through main, which learns of the edits from `app.setUnsavedEdits`.
 * (Ctrl+S saves: the save bar's shortcut.)
 */
import { useEffect } from 'react';
import { useApi } from '../../../../api/context.js';
import { useHakoStore } from '../../../../store/context.js';
import type { EditorStore } from '../editor/editor-store.js';

export function useLeaveGuard(editor: EditorStore, vmName: string): void {
  const store = useHakoStore();
  const api = useApi();

  useEffect(
    () =>
      store.getState().setLeaveGuard({
        hasUnsavedEdits: () => editor.getState().dirty,
        save: () => editor.getState().save(),
        discard: () => editor.getState().discard(),
      }),
    [store, editor],
  );

  useEffect(() => {
    const report = (dirty: boolean) => void api.invoke('app.setUnsavedEdits', { names: dirty ? [vmName] : [] }).catch(() => undefined);
    let reported = editor.getState().dirty;
    if (reported) report(true);
    const stop = editor.subscribe((state) => {
      if (state.dirty === reported) return;
      reported = state.dirty;
      report(reported);
    });
    return () => {
      stop();
      if (reported) report(false);
    };
  }, [api, editor, vmName]);

  useEffect(() => {
    const beforeUnload = (event: BeforeUnloadEvent) => {
      if (!editor.getState().dirty) return;
      event.preventDefault();
      // Older engines ask only when returnValue is set.
      event.returnValue = '';
    };
    window.addEventListener('beforeunload', beforeUnload);
    return () => window.removeEventListener('beforeunload', beforeUnload);
  }, [editor]);
}

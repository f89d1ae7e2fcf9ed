/** Opening and forgetting VMs for the views, with the failures worded for the user. */
import { useCallback } from 'react';
import { hasErrorCode } from '../../../../app/errors/codes.js';
import { useT } from '../../i18n/context.js';
import { useHakoStore } from '../../store/context.js';

/** Opens a `.7b` by path and shows it; resolves false (after telling the user why) when it failed. */
export function useOpenPath(): (path: string) => Promise<boolean> {
  const store = useHakoStore();
  const { t } = useT();
  return useCallback(
    async (path) => {
      const outcome = await store.getState().openPath(path);
      if (!outcome.ok) store.getState().notify({ kind: 'message', tone: 'error', title: t('library.openFailed'), error: outcome.error });
      return outcome.ok;
    },
    [store, t],
  );
}

/**
 * The system's open dialog where the shell has one (Electron). Resolves 'ask-path' where it has none
 * (the browser host), so the view can ask for a path instead.
 */
export function useOpenDialog(): () => Promise<'done' | 'ask-path'> {
  const store = useHakoStore();
  const { t } = useT();
  return useCallback(async () => {
    if (store.getState().app?.transport !== 'electron') return 'ask-path';
    const outcome = await store.getState().openDialog();
    if (outcome.ok) return 'done';
    if (hasErrorCode(outcome.error, 'NotSupported')) return 'ask-path';
    store.getState().notify({ kind: 'message', tone: 'error', title: t('library.openFailed'), error: outcome.error });
    return 'done';
  }, [store, t]);
}

export function useForgetVm(): (path: string) => Promise<boolean> {
  const store = useHakoStore();
  const { t } = useT();
  return useCallback(
    async (path) => {
      const outcome = await store.getState().forget(path);
      if (!outcome.ok) store.getState().notify({ kind: 'message', tone: 'error', title: t('library.forgetFailed'), error: outcome.error });
      return outcome.ok;
    },
    [store, t],
  );
}

/**
 * Runs VM actions for the views (header, library cards, overview) and tells the user how they went:
 * the start is announced to screen readers at once ("Starting Lab…"), the outcome as a notification
 * where it needs words.
 */
import { useCallback } from 'react';
import type { VmAction } from '../../../../../app/vm/state.js';
import { useT } from '../../../i18n/context.js';
import { useHakoStore } from '../../../store/context.js';
import { vmTitle } from '../vm-title.js';
import { actionNotice } from './action-notices.js';

/** Resolves true when the action ran and succeeded. */
export type RunVmAction = (path: string, action: VmAction) => Promise<boolean>;

export function useRunVmAction(): RunVmAction {
  const store = useHakoStore();
  const tr = useT();
  return useCallback(
    async (path, action) => {
      const before = store.getState().vms[path];
      const name = before ? vmTitle(before) : path;
      if (store.getState().busy[path] === undefined || action === 'powerOff') store.getState().announce(tr.t(`vm.running.${action}`, { name }));
      const outcome = await store.getState().act(path, action);
      // The VM as it is now (act re-reads it): it may not have been in the store before.
      const after = store.getState().vms[path];
      const notice = actionNotice(tr, after ? vmTitle(after) : name, action, outcome, after?.config);
      if (notice) store.getState().notify(notice);
      return outcome.status === 'done';
    },
    [store, tr],
  );
}

/** Runs VM actions for the views (header, library cards, overview) and tells the user how they went. */
import { useCallback } from 'react';
import type { VmAction } from '../../../../../app/vm/state.js';
import { useHakoStore } from '../../../store/context.js';
import { actionNotice } from './action-notices.js';

/** Resolves true when the action ran and succeeded. */
export type RunVmAction = (path: string, action: VmAction) => Promise<boolean>;

export function useRunVmAction(): RunVmAction {
  const store = useHakoStore();
  return useCallback(
    async (path, action) => {
      const outcome = await store.getState().act(path, action);
      const notice = actionNotice(store.getState().library.get(path)?.name ?? path, action, outcome);
      if (notice) store.getState().notify(notice);
      return outcome.status === 'done';
    },
    [store],
  );
}

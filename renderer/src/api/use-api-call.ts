/**
 * Runs a call for a feature: the outcome for the feature to act on, and a failure also as an error
 * notification titled by the feature (so no failure goes unseen).
 */
import { useCallback } from 'react';
import type { HakoApi } from '../../../app/ipc/contract.js';
import { useHako } from '../store/context.js';
import { attempt, type Outcome } from '../store/outcome.js';
import { useApi } from './context.js';

export type ApiCall = <T>(failureTitle: string, run: (api: HakoApi) => Promise<T>) => Promise<Outcome<T>>;

export function useApiCall(): ApiCall {
  const api = useApi();
  const notify = useHako((s) => s.notify);
  return useCallback(
    async <T,>(failureTitle: string, run: (api: HakoApi) => Promise<T>): Promise<Outcome<T>> => {
      const outcome = await attempt(() => run(api));
      if (!outcome.ok) notify({ kind: 'message', tone: 'error', title: failureTitle, error: outcome.error });
      return outcome;
    },
    [api, notify],
  );
}

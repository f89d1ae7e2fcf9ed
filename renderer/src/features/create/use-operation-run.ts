/**
 * Runs one background operation (creating or cloning a VM) for a view that shows its progress itself:
 * starts it, follows its `operations.progress` reports, cancels it, and ends in what it made, a cancel
 * or a failure. It listens from the moment the view mounts, because a fast operation can report that it
 * is done before the call that started it has answered. The store names the operation too, so its
 * progress and outcome also show as a notification when the user moves on.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { EventPayload, HakoApi } from '../../../../app/ipc/contract.js';
import type { OperationKind } from '../../../../app/operations.js';
import { useApi } from '../../api/context.js';
import { fromInfo, type ShownError } from '../../errors/shown-error.js';
import { useHako } from '../../store/context.js';
import { attempt } from '../../store/outcome.js';

export type RunState =
  | { readonly status: 'idle' }
  | { readonly status: 'starting' }
  | { readonly status: 'running'; readonly operationId: string; readonly completed: number; readonly total: number; readonly cancelling: boolean }
  | { readonly status: 'done'; readonly path: string }
  | { readonly status: 'cancelled' }
  | { readonly status: 'failed'; readonly error: ShownError };

type Progress = EventPayload<'operations.progress'>;

export interface OperationRun {
  readonly state: RunState;
  start(kind: OperationKind, label: string, begin: (api: HakoApi) => Promise<{ operationId: string }>): Promise<void>;
  cancel(): void;
  /** Back to idle (after a cancel or a failure, to try again). */
  reset(): void;
}

function stateOf(event: Progress): RunState {
  if (!event.done) return { status: 'running', operationId: event.operationId, completed: event.completed, total: Math.max(event.total, 1), cancelling: false };
  if (event.error) return event.error.code === 'Cancelled' ? { status: 'cancelled' } : { status: 'failed', error: fromInfo(event.error) };
  return event.result ? { status: 'done', path: event.result.path } : { status: 'failed', error: { code: 'Unexpected', message: 'The operation ended without saying what it made.' } };
}

export function useOperationRun(): OperationRun {
  const api = useApi();
  const trackOperation = useHako((s) => s.trackOperation);
  const [state, setState] = useState<RunState>({ status: 'idle' });
  const current = useRef<string | null>(null);
  /** The last report of each operation seen since mounting, for one that reports before its id is known. */
  const seen = useRef(new Map<string, Progress>());

  useEffect(
    () =>
      api.on('operations.progress', (event) => {
        seen.current.set(event.operationId, event);
        if (event.operationId !== current.current) return;
        setState((previous) => {
          const next = stateOf(event);
          // A cancel asked for stays said until the operation ends.
          return next.status === 'running' && previous.status === 'running' && previous.cancelling ? { ...next, cancelling: true } : next;
        });
      }),
    [api],
  );

  const start = useCallback<OperationRun['start']>(
    async (kind, label, begin) => {
      setState({ status: 'starting' });
      const outcome = await attempt(() => begin(api));
      if (!outcome.ok) {
        setState({ status: 'failed', error: outcome.error });
        return;
      }
      const { operationId } = outcome.value;
      current.current = operationId;
      trackOperation(operationId, kind, label);
      const early = seen.current.get(operationId);
      setState(early ? stateOf(early) : { status: 'running', operationId, completed: 0, total: 1, cancelling: false });
    },
    [api, trackOperation],
  );

  const cancel = useCallback(() => {
    if (state.status !== 'running' || state.cancelling) return;
    setState({ ...state, cancelling: true });
    void attempt(() => api.invoke('operations.cancel', { operationId: state.operationId }));
  }, [api, state]);

  const reset = useCallback(() => {
    current.current = null;
    setState({ status: 'idle' });
  }, []);

  return { state, start, cancel, reset };
}

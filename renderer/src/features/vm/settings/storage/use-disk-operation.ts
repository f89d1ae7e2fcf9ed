/**
 * Runs one background disk operation (create, resize, compact) for a dialog: starts it, names it for
 * the notification strip, shows its progress, cancels it, and resolves when it is done, so a dialog
 * acts only on success (a failed create attaches nothing). Its end is also a notification (the store's).
 */
import { useCallback, useState } from 'react';
import type { EventPayload, HakoApi } from '../../../../../../app/ipc/contract.js';
import type { OperationKind } from '../../../../../../app/operations.js';
import { useApi } from '../../../../api/context.js';
import { describeError, fromInfo, type ShownError } from '../../../../errors/shown-error.js';
import { useHako } from '../../../../store/context.js';

export type OperationEnd = { readonly ok: true; readonly path: string | null } | { readonly ok: false; readonly cancelled: boolean; readonly error: ShownError };

type Progress = EventPayload<'operations.progress'>;

const endOf = (event: Progress): OperationEnd =>
  event.error ? { ok: false, cancelled: event.error.code === 'Cancelled', error: fromInfo(event.error) } : { ok: true, path: event.result?.path ?? null };

/** Starts an operation and resolves with its end; listens first, since a fast one may end before its id arrives. */
export function runOperation(api: HakoApi, start: (api: HakoApi) => Promise<{ operationId: string }>, onStarted: (operationId: string) => void): Promise<OperationEnd> {
  return new Promise((resolve) => {
    let id: string | null = null;
    const ended = new Map<string, Progress>();
    const off = api.on('operations.progress', (event) => {
      if (!event.done) return;
      if (id === null) ended.set(event.operationId, event);
      else if (event.operationId === id) {
        off();
        resolve(endOf(event));
      }
    });
    start(api).then(
      ({ operationId }) => {
        id = operationId;
        onStarted(operationId);
        const early = ended.get(operationId);
        if (early !== undefined) {
          off();
          resolve(endOf(early));
        }
      },
      (error: unknown) => {
        off();
        resolve({ ok: false, cancelled: false, error: describeError(error) });
      },
    );
  });
}

export interface DiskOperation {
  /** The operation under way, with its progress (null when none runs). */
  readonly running: { readonly completed: number; readonly total: number } | null;
  run(kind: OperationKind, label: string, start: (api: HakoApi) => Promise<{ operationId: string }>): Promise<OperationEnd>;
  cancel(): void;
}

export function useDiskOperation(): DiskOperation {
  const api = useApi();
  const track = useHako((s) => s.trackOperation);
  const [operationId, setOperationId] = useState<string | null>(null);
  const [starting, setStarting] = useState(false);
  const progress = useHako((s) => (operationId === null ? undefined : s.background[operationId]));

  const run = useCallback<DiskOperation['run']>(
    async (kind, label, start) => {
      setStarting(true);
      const end = await runOperation(api, start, (id) => {
        setOperationId(id);
        track(id, kind, label);
      });
      setStarting(false);
      setOperationId(null);
      return end;
    },
    [api, track],
  );

  const cancel = useCallback(() => {
    if (operationId !== null) void api.invoke('operations.cancel', { operationId }).catch(() => undefined);
  }, [api, operationId]);

  const running = starting || operationId !== null ? { completed: progress?.completed ?? 0, total: Math.max(progress?.total ?? 1, 1) } : null;
  return { running, run, cancel };
}

/**
 * Reads something from main for a view: the value (null until the first answer), whether a read is in
 * flight, and `reload`. It reads again when `key` changes; a failed read keeps the last value and
 * becomes an error notification titled `failureTitle`. An answer that arrives after the view moved on
 * (another key, unmounted) is dropped.
 */
import { useCallback, useEffect, useEffectEvent, useState } from 'react';
import type { HakoApi } from '../../../app/ipc/contract.js';
import { useApiCall } from './use-api-call.js';

export interface Query<T> {
  readonly data: T | null;
  readonly loading: boolean;
  reload(): void;
}

export function useApiQuery<T>(failureTitle: string, read: (api: HakoApi) => Promise<T>, key: string): Query<T> {
  const call = useApiCall();
  const [data, setData] = useState<T | null>(null);
  const [loading, setLoading] = useState(true);
  const [reloads, setReloads] = useState(0);
  // The latest `read` closure, without reading again on every render: `key` says when to.
  const readLatest = useEffectEvent(read);

  useEffect(() => {
    let current = true;
    setLoading(true);
    void call(failureTitle, readLatest).then((outcome) => {
      if (!current) return;
      if (outcome.ok) setData(outcome.value);
      setLoading(false);
    });
    return () => {
      current = false;
    };
  }, [call, failureTitle, key, reloads]);

  const reload = useCallback(() => setReloads((n) => n + 1), []);
  return { data, loading, reload };
}

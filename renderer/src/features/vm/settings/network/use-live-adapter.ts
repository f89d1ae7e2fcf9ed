/**
 * The Connected toggle of a running VM's adapter, applied at once (vm.setAdapterConnected) when the
 * adapter has no unsaved edits: main changes the VM and the file, and the editor takes the change as
 * written. Otherwise the toggle edits the draft like any field.
 */
import { useCallback, useState } from 'react';
import type { NetworkAdapter } from '../../../../../../app/config/model.js';
import { sameAdapter } from './adapters.js';
import { useApiCall } from '../../../../api/use-api-call.js';
import { fromInfo } from '../../../../errors/shown-error.js';
import { useT } from '../../../../i18n/context.js';
import { useHako, useVmSummary } from '../../../../store/context.js';
import { useEditorState } from '../editor/hooks.js';

export interface LiveToggle {
  /** The VM runs and the adapter in the draft is the one in the file. */
  readonly live: boolean;
  readonly busy: boolean;
  set(connected: boolean): Promise<void>;
}

export function useLiveAdapter(index: number): LiveToggle {
  const path = useEditorState((s) => s.path);
  const adoptWritten = useEditorState((s) => s.adoptWritten);
  const unchanged = useEditorState((s) => sameAdapter(s.original?.config.NetworkAdapters[index], s.draft?.config.NetworkAdapters[index]));
  const running = useVmSummary(path)?.actions.includes('reload') ?? false;
  const notify = useHako((s) => s.notify);
  const { t } = useT();
  const call = useApiCall();
  const [busy, setBusy] = useState(false);

  const set = useCallback(
    async (connected: boolean) => {
      setBusy(true);
      const verb = connected ? 'connect' : 'disconnect';
      const outcome = await call(t(`settings.network.live.${verb}Failed`, { n: index + 1 }), (api) => api.invoke('vm.setAdapterConnected', { path, index, connected }));
      setBusy(false);
      if (!outcome.ok) return;
      if (outcome.value.outcome === 'failed') {
        notify({ kind: 'message', tone: 'error', title: t(`settings.network.live.${verb}Failed`, { n: index + 1 }), ...(outcome.value.error ? { error: fromInfo(outcome.value.error) } : {}) });
        return;
      }
      await adoptWritten((config) => void ((config.NetworkAdapters[index] as NetworkAdapter).Connected = connected));
    },
    [adoptWritten, call, index, notify, path, t],
  );
  return { live: running && unchanged, busy, set };
}

/**
 * A running VM's live figures for its Overview: read every two seconds while the card is mounted (the
 * Overview of that VM is the page shown), the document is visible and main is there; a hidden window,
 * another tab, VM or page reads nothing. The last two minutes are kept for the charts.
 */
import { useEffect, useState, useSyncExternalStore } from 'react';
import { hasErrorCode } from '../../../../../../app/errors/codes.js';
import { useApi } from '../../../../api/context.js';
import { describeError, type ShownError } from '../../../../errors/shown-error.js';
import { useHako } from '../../../../store/context.js';
import { FiguresPoller, type FiguresSample } from './figures-poller.js';

export const FIGURES_INTERVAL_MS = 2_000;
/** Two minutes of readings. */
export const FIGURES_HISTORY = 60;

function subscribeVisibility(onChange: () => void): () => void {
  document.addEventListener('visibilitychange', onChange);
  return () => document.removeEventListener('visibilitychange', onChange);
}

/** Whether the page can be seen: false while the tab is in the background or the window is hidden or minimised. */
export function useDocumentVisible(): boolean {
  return useSyncExternalStore(subscribeVisibility, () => document.visibilityState === 'visible');
}

export interface LiveFigures {
  /** Oldest first. */
  readonly samples: readonly FiguresSample[];
  readonly error: ShownError | null;
}

export function useLiveFigures(path: string): LiveFigures {
  const api = useApi();
  const visible = useDocumentVisible();
  // Without main (the browser host gone) there is nothing to ask.
  const connected = useHako((s) => s.link === 'open');
  const [figures, setFigures] = useState<LiveFigures>({ samples: [], error: null });
  useEffect(() => {
    if (!visible || !connected) return;
    const poller = new FiguresPoller({
      read: () => api.invoke('vm.statistics', { path }),
      intervalMs: FIGURES_INTERVAL_MS,
      onSample: (sample) => setFigures((current) => ({ samples: [...current.samples.slice(-(FIGURES_HISTORY - 1)), sample], error: null })),
      // A VM that just stopped is no failure: its snapshot takes the card away.
      onError: (error) => setFigures((current) => ({ ...current, error: hasErrorCode(error, 'VmNotRunning') ? null : describeError(error) })),
    });
    poller.start();
    return () => poller.stop();
  }, [api, path, visible, connected]);
  return figures;
}

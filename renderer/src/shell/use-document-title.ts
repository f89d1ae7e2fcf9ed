/** The window's title: the VM shown, then "Hako". */
import { useEffect } from 'react';
import { useHako, useVmSummary } from '../store/context.js';

export function useDocumentTitle(): void {
  const shown = useHako((s) => (s.view.kind === 'vm' ? s.view.path : ''));
  const title = useVmSummary(shown)?.name ?? null;
  useEffect(() => {
    document.title = title ? `${title} - Hako` : 'Hako';
  }, [title]);
}

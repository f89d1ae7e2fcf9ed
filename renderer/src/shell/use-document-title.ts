/** The window's title: the VM shown, then "Hako". */
import { useEffect } from 'react';
import { vmTitle } from '../features/vm/vm-title.js';
import { useHako } from '../store/context.js';

export function useDocumentTitle(): void {
  const title = useHako((s) => {
    const vm = s.view.kind === 'vm' ? s.vms[s.view.path] : undefined;
    return vm ? vmTitle(vm) : null;
  });
  useEffect(() => {
    document.title = title ? `${title} - Hako` : 'Hako';
  }, [title]);
}

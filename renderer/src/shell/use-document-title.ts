/** The window's title: the VM shown, then "Hako". */
import { useEffect } from 'react';
import { vmTitle } from '../features/vm/vm-title.js';
import { useT } from '../i18n/context.js';
import { useHako } from '../store/context.js';

export function useDocumentTitle(): void {
  const { t } = useT();
  const title = useHako((s) => {
    const vm = s.view.kind === 'vm' ? s.vms[s.view.path] : undefined;
    return vm ? vmTitle(vm) : null;
  });
  useEffect(() => {
    document.title = title ? t('app.title.vm', { name: title }) : t('app.name');
  }, [title, t]);
}

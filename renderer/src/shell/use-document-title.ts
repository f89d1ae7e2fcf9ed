/** The window's title: the VM shown, then "Hako". */
import { useEffect } from 'react';
import { useT } from '../i18n/context.js';
import { useHako, useVmSummary } from '../store/context.js';

export function useDocumentTitle(): void {
  const { t } = useT();
  const shown = useHako((s) => (s.view.kind === 'vm' ? s.view.path : ''));
  const title = useVmSummary(shown)?.name ?? null;
  useEffect(() => {
    document.title = title ? t('app.title.vm', { name: title }) : t('app.name');
  }, [title, t]);
}

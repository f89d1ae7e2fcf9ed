/** Before a save that replaces values NanaBox reads differently: what will change, and the user's answer. */
import { useT } from '../../../i18n/context.js';
import { Button } from '../../../kit/Button/Button.js';
import { Dialog } from '../../../kit/Dialog/Dialog.js';
import { FindingList } from '../findings/FindingList.js';
import type { FindingLike } from '../findings/findings.js';
import { useEditorState } from './editor/hooks.js';

export function ConsentDialog({ findings }: { readonly findings: readonly FindingLike[] }) {
  const { t } = useT();
  const saving = useEditorState((s) => s.saving);
  const confirm = useEditorState((s) => s.confirmConsent);
  const cancel = useEditorState((s) => s.cancelConsent);
  return (
    <Dialog
      alert
      wide
      title={t('consent.title')}
      onClose={cancel}
      footer={
        <>
          <Button variant="primary" disabled={saving} onClick={() => void confirm()}>
            {t('consent.confirm')}
          </Button>
          <Button autoFocus onClick={cancel}>
            {t('common.cancel')}
          </Button>
        </>
      }
    >
      <p>{t('consent.body')}</p>
      {findings.length > 0 ? <FindingList findings={findings} label={t('consent.list')} /> : <p className="muted">{t('consent.changedOnDisk')}</p>}
    </Dialog>
  );
}

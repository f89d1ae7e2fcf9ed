/**
 * The way out when a saved VM cannot resume because its saved state file is missing (NanaBox's own
 * example file names one that does not exist): say so plainly, and offer to discard the saved state so
 * the VM starts afresh.
 */
import { useState } from 'react';
import type { VmSnapshotDto } from '../../../../../app/ipc/contract.js';
import { isLive } from '../../../../../app/vm/state.js';
import { useT } from '../../../i18n/context.js';
import { Button } from '../../../kit/Button/Button.js';
import { InfoBar } from '../../../kit/InfoBar/InfoBar.js';
import { DiscardSavedStateDialog, saveFileMissing } from './DiscardSavedStateDialog.js';

export function SavedStateBar({ vm }: { readonly vm: VmSnapshotDto }) {
  const { t } = useT();
  const [asking, setAsking] = useState(false);
  if (!saveFileMissing(vm) || isLive(vm.state) || !vm.config?.SaveStateFile) return null;
  return (
    <InfoBar
      tone="error"
      title={t('discard.missing.title')}
      actions={
        <Button icon="trash" onClick={() => setAsking(true)}>
          {t('discard.open')}
        </Button>
      }
    >
      <p>{t('discard.missing.body', { file: vm.config.SaveStateFile })}</p>
      {asking && <DiscardSavedStateDialog vm={vm} onClose={() => setAsking(false)} />}
    </InfoBar>
  );
}

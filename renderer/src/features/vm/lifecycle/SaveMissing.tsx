/**
 * The way out when a saved VM cannot resume because its saved state file is missing (NanaBox's own
 * example file names one that does not exist): inside the Overview's "last operation failed" bar, a
 * plain sentence and "Discard saved state…", so the VM starts afresh.
 */
import { useState } from 'react';
import type { VmSnapshotDto } from '../../../../../app/ipc/contract.js';
import { isLive } from '../../../../../app/vm/state.js';
import { useT } from '../../../i18n/context.js';
import { Button } from '../../../kit/Button/Button.js';
import { DiscardSavedStateDialog, saveFileMissing } from './DiscardSavedStateDialog.js';

const offered = (vm: VmSnapshotDto): boolean => saveFileMissing(vm) && !isLive(vm.state) && Boolean(vm.config?.SaveStateFile);

export function SaveMissingNote({ vm }: { readonly vm: VmSnapshotDto }) {
  const { t } = useT();
  if (!offered(vm)) return null;
  return <p>{t('discard.missing.body', { file: vm.config?.SaveStateFile ?? '' })}</p>;
}

export function DiscardSavedStateButton({ vm }: { readonly vm: VmSnapshotDto }) {
  const { t } = useT();
  const [asking, setAsking] = useState(false);
  if (!offered(vm)) return null;
  return (
    <>
      <Button icon="trash" onClick={() => setAsking(true)}>
        {t('discard.open')}
      </Button>
      {asking && <DiscardSavedStateDialog vm={vm} onClose={() => setAsking(false)} />}
    </>
  );
}

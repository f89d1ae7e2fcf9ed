/**
 * The VM page's commands for the life of a VM beyond power: Clone…, Delete… and Discard saved state…
 * (for the header's More menu), each disabled while the VM runs, and the dialog each opens.
 */
import { useState, type ReactNode } from 'react';
import type { VmSnapshotDto } from '../../../../../app/ipc/contract.js';
import { isLive } from '../../../../../app/vm/state.js';
import { useT } from '../../../i18n/context.js';
import type { MenuCommand } from '../../../kit/MenuButton/MenuButton.js';
import { CloneDialog } from './CloneDialog.js';
import { DeleteDialog } from './DeleteDialog.js';
import { DiscardSavedStateDialog } from './DiscardSavedStateDialog.js';

type Open = 'clone' | 'delete' | 'discard' | null;

export function useLifecycleCommands(vm: VmSnapshotDto, busy: boolean): { readonly commands: MenuCommand[]; readonly dialogs: ReactNode } {
  const { t } = useT();
  const [open, setOpen] = useState<Open>(null);
  const live = isLive(vm.state) || busy;
  const stoppedHint = live ? t('lifecycle.stopFirst') : undefined;
  const commands: MenuCommand[] = [
    { id: 'clone', label: t('clone.open'), icon: 'vm', separated: true, disabled: live || vm.config === null, title: stoppedHint, onSelect: () => setOpen('clone') },
    ...(vm.config?.SaveStateFile ? [{ id: 'discard', label: t('discard.open'), icon: 'restart' as const, disabled: live, title: stoppedHint, onSelect: () => setOpen('discard') }] : []),
    { id: 'delete', label: t('delete.open'), icon: 'trash', disabled: live, title: stoppedHint, onSelect: () => setOpen('delete') },
  ];
  const close = () => setOpen(null);
  const dialogs = (
    <>
      {open === 'clone' && <CloneDialog vm={vm} onClose={close} />}
      {open === 'delete' && <DeleteDialog vm={vm} onClose={close} />}
      {open === 'discard' && <DiscardSavedStateDialog vm={vm} onClose={close} />}
    </>
  );
  return { commands, dialogs };
}

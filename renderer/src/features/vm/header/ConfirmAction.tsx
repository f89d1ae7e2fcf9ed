/** The question before an action that loses work or cannot be undone; Cancel is the focused answer. */
import type { VmAction } from '../../../../../app/vm/state.js';
import { Button } from '../../../kit/Button/Button.js';
import { Dialog } from '../../../kit/Dialog/Dialog.js';

export type ConfirmedCommand = Extract<VmAction, 'powerOff' | 'restart' | 'crash'> | 'forget';

const QUESTIONS: Readonly<Record<ConfirmedCommand, { readonly title: (name: string) => string; readonly body: string; readonly button: string }>> = {
  powerOff: {
    title: (n) => `Power off ${n}?`,
    body: 'This is a hard power cut, like pulling the plug: the guest operating system does not shut down, and anything not saved inside the VM is lost. Use Shut down to stop it cleanly.',
    button: 'Power off',
  },
  restart: {
    title: (n) => `Restart ${n}?`,
    body: 'Restart is a hard reset: the VM is powered off at once (unsaved work inside it is lost) and started again with the settings now in its file.',
    button: 'Restart',
  },
  crash: {
    title: (n) => `Send an NMI to ${n}?`,
    body: 'The guest receives a non-maskable interrupt. Windows guests usually stop with a bug check and write a crash dump; use this only to diagnose a hung guest.',
    button: 'Send NMI',
  },
  forget: {
    title: (n) => `Remove ${n} from the library?`,
    body: 'Hako forgets the VM. Its .7b file and disks stay where they are; open the file again to bring it back.',
    button: 'Remove',
  },
};

export function ConfirmAction({
  vmName,
  command,
  onCancel,
  onConfirm,
}: {
  readonly vmName: string;
  readonly command: ConfirmedCommand;
  readonly onCancel: () => void;
  readonly onConfirm: () => void;
}) {
  const question = QUESTIONS[command];
  return (
    <Dialog
      alert
      title={question.title(vmName)}
      onClose={onCancel}
      footer={
        <>
          <Button variant="danger" onClick={onConfirm}>
            {question.button}
          </Button>
          <Button onClick={onCancel} autoFocus>
            Cancel
          </Button>
        </>
      }
    >
      <p>{question.body}</p>
    </Dialog>
  );
}

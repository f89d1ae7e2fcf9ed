/** The question before an action that loses work or cannot be undone; Cancel is the focused answer. */
import type { MessageKey } from '../../../../../app/i18n/catalogue.js';
import type { VmAction } from '../../../../../app/vm/state.js';
import { useT } from '../../../i18n/context.js';
import { Button } from '../../../kit/Button/Button.js';
import { Dialog } from '../../../kit/Dialog/Dialog.js';

export type ConfirmedCommand = Extract<VmAction, 'powerOff' | 'restart' | 'crash'> | 'forget';

const key = (command: ConfirmedCommand, part: 'title' | 'body' | 'button') => `vm.confirm.${command}.${part}` as const satisfies MessageKey;

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
  const { t } = useT();
  return (
    <Dialog
      alert
      title={t(key(command, 'title'), { name: vmName })}
      onClose={onCancel}
      footer={
        <>
          <Button variant="danger" onClick={onConfirm}>
            {t(key(command, 'button'))}
          </Button>
          <Button onClick={onCancel} autoFocus>
            {t('common.cancel')}
          </Button>
        </>
      }
    >
      <p>{t(key(command, 'body'))}</p>
    </Dialog>
  );
}

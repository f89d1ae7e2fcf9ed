/**
 * A VM's header: its name, file and state, and the commands its state allows. Destructive commands
 * ask first; the rarely used ones live in the "More actions" menu.
 */
import { useState } from 'react';
import type { VmSnapshotDto } from '../../../../../app/ipc/contract.js';
import { ACTION_HINTS, ACTION_LABELS } from '../../../../../app/vm/labels.js';
import { isLive, type VmAction } from '../../../../../app/vm/state.js';
import { Button } from '../../../kit/Button/Button.js';
import { MenuButton, type MenuCommand } from '../../../kit/MenuButton/MenuButton.js';
import { useHako } from '../../../store/context.js';
import { useForgetVm } from '../../library/use-library-actions.js';
import { useRunVmAction } from '../actions/use-vm-actions.js';
import { VmStateBadge } from '../state/VmStateBadge.js';
import { VmAvatar } from '../VmAvatar.js';
import { vmTitle } from '../vm-title.js';
import { ACTION_ICONS, CONFIRMED_ACTIONS, SECONDARY_ACTIONS, headerButtons } from './action-buttons.js';
import { ConfirmAction, type ConfirmedCommand } from './ConfirmAction.js';
import './VmHeader.css';

export function VmHeader({ vm }: { readonly vm: VmSnapshotDto }) {
  const busy = useHako((s) => s.busy[vm.path]);
  const runAction = useRunVmAction();
  const forget = useForgetVm();
  const [confirm, setConfirm] = useState<ConfirmedCommand | null>(null);
  const name = vmTitle(vm);

  const run = (action: VmAction) => {
    if (CONFIRMED_ACTIONS.has(action)) setConfirm(action as ConfirmedCommand);
    else void runAction(vm.path, action);
  };

  const allowed = new Set(vm.actions);
  const more: MenuCommand[] = [
    ...SECONDARY_ACTIONS.map((action) => ({
      id: action,
      label: ACTION_LABELS[action],
      icon: ACTION_ICONS[action],
      title: ACTION_HINTS[action],
      disabled: !allowed.has(action) || busy !== undefined,
      onSelect: () => run(action),
    })),
    { id: 'forget', label: 'Remove from library', icon: 'trash', separated: true, disabled: isLive(vm.state), onSelect: () => setConfirm('forget') },
  ];

  return (
    <header className="vm-header">
      <div className="vm-title-row">
        <VmAvatar />
        <div className="vm-title-text">
          <h1 className="vm-name">{name}</h1>
          <p className="vm-path" title={vm.path}>
            {vm.path}
          </p>
        </div>
        <VmStateBadge state={vm.state} live />
      </div>
      <div className="commandbar" role="toolbar" aria-label={`Actions for ${name}`}>
        {headerButtons(vm, busy !== undefined).map((button) => (
          <Button key={button.action} icon={ACTION_ICONS[button.action]} variant={button.variant} disabled={!button.enabled} title={button.hint} onClick={() => run(button.action)}>
            {busy === button.action ? `${button.label}…` : button.label}
          </Button>
        ))}
        <span className="commandbar-sep" aria-hidden="true" />
        <MenuButton label="More actions" commands={more} />
      </div>
      {confirm !== null && (
        <ConfirmAction
          vmName={name}
          command={confirm}
          onCancel={() => setConfirm(null)}
          onConfirm={() => {
            setConfirm(null);
            if (confirm === 'forget') void forget(vm.path);
            else void runAction(vm.path, confirm);
          }}
        />
      )}
    </header>
  );
}

/**
 * A VM's header: its name, file and state, and the commands its state allows. Destructive commands
 * ask first; the rarely used ones live in the "More actions" menu, and so do the least important
 * commands when the window is too narrow for one row. Commands stay focusable while they are disabled
 * (a command disables itself while it runs), so focus never falls back to the page.
 */
import { useRef, useState } from 'react';
import type { VmSnapshotDto } from '../../../../../app/ipc/contract.js';
import { actionHint, actionLabel } from '../../../../../app/i18n/text.js';
import { isLive, type VmAction } from '../../../../../app/vm/state.js';
import { useT } from '../../../i18n/context.js';
import { Button } from '../../../kit/Button/Button.js';
import { MenuButton, type MenuCommand } from '../../../kit/MenuButton/MenuButton.js';
import { useHako } from '../../../store/context.js';
import { useForgetVm } from '../../library/use-library-actions.js';
import { useRunVmAction } from '../actions/use-vm-actions.js';
import { VmStateBadge } from '../state/VmStateBadge.js';
import { VmAvatar } from '../VmAvatar.js';
import { vmTitle } from '../vm-title.js';
import { ACTION_ICONS, COLLAPSE_PRIORITY, CONFIRMED_ACTIONS, SECONDARY_ACTIONS, headerButtons } from './action-buttons.js';
import { ConfirmAction, type ConfirmedCommand } from './ConfirmAction.js';
import { useOverflow } from './use-overflow.js';
import './VmHeader.css';

export function VmHeader({ vm }: { readonly vm: VmSnapshotDto }) {
  const tr = useT();
  const { t } = tr;
  const busy = useHako((s) => s.busy[vm.path]);
  const runAction = useRunVmAction();
  const forget = useForgetVm();
  const [confirm, setConfirm] = useState<ConfirmedCommand | null>(null);
  const barRef = useRef<HTMLDivElement>(null);
  const measureRef = useRef<HTMLDivElement>(null);
  const name = vmTitle(vm);

  const run = (action: VmAction) => {
    if (CONFIRMED_ACTIONS.has(action)) setConfirm(action as ConfirmedCommand);
    else void runAction(vm.path, action);
  };

  const buttons = headerButtons(vm, busy !== undefined).map((button) => ({
    ...button,
    label: busy === button.action ? t('common.ellipsis', { label: actionLabel(tr, button.action) }) : actionLabel(tr, button.action),
  }));
  const shown = buttons.map((b) => b.action);
  const hidden = useOverflow(
    barRef,
    measureRef,
    COLLAPSE_PRIORITY.filter((a) => shown.includes(a)),
    `${tr.locale}|${buttons.map((b) => b.label).join('|')}`,
  );

  const allowed = new Set(vm.actions);
  const more: MenuCommand[] = [
    ...buttons
      .filter((b) => hidden.has(b.action))
      .map((b) => ({ id: b.action, label: b.label, icon: ACTION_ICONS[b.action], title: actionHint(tr, b.action), disabled: !b.enabled, onSelect: () => run(b.action) })),
    ...SECONDARY_ACTIONS.map((action, i) => ({
      id: action,
      label: actionLabel(tr, action),
      icon: ACTION_ICONS[action],
      title: actionHint(tr, action),
      disabled: !allowed.has(action) || busy !== undefined,
      separated: i === 0 && hidden.size > 0,
      onSelect: () => run(action),
    })),
    { id: 'forget', label: t('vm.header.forget'), icon: 'trash', separated: true, disabled: isLive(vm.state), onSelect: () => setConfirm('forget') },
  ];

  return (
    <header className="vm-header">
      <div className="vm-title-row">
        <VmAvatar />
        <div className="vm-title-text">
          {/* The name may be cut short: the tooltip has all of it. */}
          <h1 className="vm-name" title={name}>
            {name}
          </h1>
          <p className="vm-path" title={vm.path}>
            {vm.path}
          </p>
        </div>
        <VmStateBadge state={vm.state} live />
      </div>
      <div ref={barRef} className="commandbar" role="toolbar" aria-label={t('vm.header.actions', { name })}>
        {buttons
          .filter((b) => !hidden.has(b.action))
          .map((button) => (
            <Button
              key={button.action}
              icon={ACTION_ICONS[button.action]}
              variant={button.variant}
              disabled={!button.enabled}
              focusableWhenDisabled
              title={actionHint(tr, button.action)}
              onClick={() => run(button.action)}
            >
              {button.label}
            </Button>
          ))}
        <MenuButton label={t('vm.header.more')} commands={more} />
        {/* The same commands, unseen, to measure what fits (see use-overflow.ts). */}
        <div ref={measureRef} className="commandbar-measure" aria-hidden="true" inert>
          {buttons.map((button) => (
            <span key={button.action} data-command={button.action} className="btn btn-subtle">
              <span className="icon-slot" />
              <span>{button.label}</span>
            </span>
          ))}
        </div>
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
